"""The facts a load balancer and an on-call engineer need: can this web server reach the
database and Redis, and have the beat and a worker been seen lately. Cheap (one query, three
Redis commands) and free of personal data."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection

from . import heartbeat


@dataclass
class Health:
    checks: dict[str, bool] = field(default_factory=dict)
    beats: dict[str, float] = field(default_factory=dict)  # hostname: seconds since seen
    workers: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return all(self.checks.values())


def check() -> Health:
    health = Health()
    health.checks["database"] = _database()
    if not settings.REDIS_URL:
        return health  # development: jobs run in the web process, no beat or worker to watch
    try:
        heartbeat.client().ping()
        health.beats = heartbeat.last_seen("beat")
        health.workers = heartbeat.last_seen("worker")
        health.checks["redis"] = True
    except Exception:
        health.checks["redis"] = False
    fresh = settings.HEALTH_STALE_AFTER_SECONDS
    health.checks["beat"] = any(age <= fresh for age in health.beats.values())
    health.checks["workers"] = any(age <= fresh for age in health.workers.values())
    return health


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        return False
