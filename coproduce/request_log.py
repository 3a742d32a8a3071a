"""A request id on every log line, one line per request, and JSON log lines for production.

The id comes from the load balancer's X-Request-ID when it sends a sane one, so a request can
be followed from the proxy's log to ours; otherwise it is made here. It is sent back in the
response's X-Request-ID. The request line holds the path without its query string, so that
nothing typed into a search or a form reaches a log.
"""

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
_SANE_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
logger = logging.getLogger("coproduce.requests")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _SANE_ID.fullmatch(given) else uuid.uuid4().hex
        token = _request_id.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000),
                },
            )
            return response
        finally:
            _request_id.reset(token)


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = _request_id.get()
        return True


# Attributes every LogRecord has; anything else was passed in `extra` and goes into the line.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, request id, then any extras."""

    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", ""),
        }
        # Plain values only: django.request passes the request object, whose text holds the
        # query string.
        line.update(
            {
                key: value
                for key, value in vars(record).items()
                if key not in _STANDARD and isinstance(value, str | int | float | bool)
            }
        )
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line)
