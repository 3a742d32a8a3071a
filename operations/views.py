from datetime import UTC, datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from . import heartbeat
from .health import check


@login_required
def status(request):
    """For site staff: the health check's facts, each beat and worker with when it was last
    seen, and how the payout and reminder runs last ended."""
    if not request.user.is_staff:
        raise PermissionDenied
    health = check()
    runs = heartbeat.last_runs() if health.checks.get("redis") else {}
    for run in runs.values():
        run["at"] = datetime.fromtimestamp(run["at"], tz=UTC)
    return render(
        request,
        "operations/status.html",
        {
            "health": health,
            "uses_redis": bool(settings.REDIS_URL),
            "machines": [
                *((name, age, "beat") for name, age in health.beats.items()),
                *((name, age, "worker") for name, age in health.workers.items()),
            ],
            "payout": runs.get("payout"),
            "reminders": runs.get("reminders"),
            "stale_minutes": max(1, settings.HEALTH_STALE_AFTER_SECONDS // 60),
        },
    )
