"""Production log lines: JSON, a request id on each, and none of a person's access needs or
bank details, captured through the handlers LOGGING configures (not pytest's caplog)."""

import io
import json
import logging
import logging.config

import pytest
from django.conf import settings
from django.urls import reverse

from tests.base import make_cast
from tests.expenses.helpers import BANK_FORM

pytestmark = pytest.mark.django_db

ACCESS_CANARY = "zq-log-canary-4f2a9c"
ACCOUNT_CANARY = BANK_FORM["account_number"]


@pytest.fixture
def production_log():
    """The production LOGGING (JSON), its console handler writing into a buffer."""
    config = {**settings.LOGGING, "handlers": {**settings.LOGGING["handlers"]}}
    config["handlers"]["console"] = {**config["handlers"]["console"], "formatter": "json"}
    logging.config.dictConfig(config)
    handler = next(h for h in logging.getLogger().handlers if h.name == "console")
    buffer = io.StringIO()
    handler.setStream(buffer)
    logging.getLogger().setLevel(logging.DEBUG)
    yield buffer
    logging.config.dictConfig(settings.LOGGING)


def test_each_request_is_one_json_line_with_its_request_id(client, production_log):
    response = client.get(reverse("home"), headers={"X-Request-ID": "lb-request-0001"})
    assert response["X-Request-ID"] == "lb-request-0001"
    client.get("/no-such-page/?email=someone@example.org")
    lines = [json.loads(line) for line in production_log.getvalue().splitlines()]
    requests = [line for line in lines if line["logger"] == "coproduce.requests"]
    assert requests[0] | {"duration_ms": 0, "time": ""} == {
        "time": "",
        "level": "INFO",
        "logger": "coproduce.requests",
        "message": "GET / 200",
        "request_id": "lb-request-0001",
        "method": "GET",
        "path": "/",
        "status": 200,
        "duration_ms": 0,
    }
    not_found = [line for line in lines if line.get("status") == 404]
    assert not_found and all(line["request_id"] for line in not_found)
    # A made-up id for a request the load balancer did not name; no query string anywhere.
    assert requests[1]["request_id"] not in ("", "lb-request-0001")
    assert "someone@example.org" not in production_log.getvalue()


def test_access_needs_and_bank_numbers_never_reach_a_log_line(client, production_log):
    cast = make_cast()
    client.force_login(cast.person)
    client.post(reverse("access-about"), {"pronouns": "", "own_words": ACCESS_CANARY})
    assert ACCESS_CANARY in client.get(reverse("access-profile")).text  # it was saved
    client.get(reverse("access-print"))
    client.reauthenticate(cast.person)
    # Refused first (a sort code that is not one), then saved.
    refused = client.post(reverse("payment-choice-edit"), BANK_FORM | {"sort_code": "ab"})
    assert refused.status_code == 200
    assert client.post(reverse("payment-choice-edit"), BANK_FORM).status_code == 302
    client.get(reverse("my-payments"))
    client.get(f"/missing/?account={ACCOUNT_CANARY}&note={ACCESS_CANARY}")
    output = production_log.getvalue()
    assert output.count('"logger": "coproduce.requests"') >= 7  # the lines were captured
    assert ACCESS_CANARY not in output
    assert ACCOUNT_CANARY not in output
