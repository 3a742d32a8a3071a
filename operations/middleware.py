"""/health/ answered before any other middleware: a load balancer probes by IP over plain
HTTP, which the host check and the HTTPS redirect would otherwise refuse, and it needs no
session, no user and no database write."""

from django.http import JsonResponse

from .health import check

PATH = "/health/"


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != PATH:
            return self.get_response(request)
        health = check()
        response = JsonResponse(
            {"status": "ok" if health.ok else "fail", "checks": health.checks},
            status=200 if health.ok else 503,
        )
        response["Cache-Control"] = "no-store"
        return response
