"""Refuse a request whose body is too large before any of it is read.

Django caps form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but streams uploaded files to disk
whatever their size, and the receipt check sees a file only once it has all arrived: a 200 MB
body would be received in full to be refused for being over 5 MB. The body's declared length
is known from its headers, and Django reads no more than that, so checking it here, before the
CSRF check or a view reads anything, is enough. No middleware reads the body on the way in, so
this one can sit after authentication, where the error page knows who is signed in. The reverse
proxy in front of the portal should refuse the same bodies first (README, "docker compose").
"""

from django.conf import settings
from django.shortcuts import render


class BodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_BODY_MAX_BYTES:
            return render(
                request,
                "413.html",
                {"receipt_limit": settings.RECEIPT_MAX_BYTES},
                status=413,
            )
        return self.get_response(request)
