"""Tests that need a real service say so here. Outside CI a missing service skips the test;
in CI (CI=true) it fails, so a green CI run means every test really ran."""

import os
import shutil
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.db import connection

IN_CI = os.environ.get("CI", "").lower() == "true"
# Debian's old headless shell (the same Chromium without the browser's own windows and
# services) where it is installed: a page load costs it about a third less CPU, which in a
# suite of browser journeys on two cores is time (docs/performance.md). Chromium otherwise.
CHROMIUM = (
    os.environ.get("CHROMIUM_PATH")
    or shutil.which("chromium-headless-shell")
    or shutil.which("chromium")
    or "/usr/bin/chromium"
)


def missing(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: tests may not be skipped for a missing service)")
    pytest.skip(reason)


def require_postgres() -> None:
    if connection.vendor != "postgresql":
        missing("needs PostgreSQL: set DATABASE_URL=postgres://...")


def require_redis() -> str:
    import redis

    if not settings.REDIS_URL:
        missing("needs Redis: set REDIS_URL=redis://...")
    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        missing(f"Redis at {urlparse(settings.REDIS_URL).hostname} is not answering: {error}")
    return settings.REDIS_URL


def require_browser() -> str:
    if not os.path.exists(CHROMIUM):
        missing(f"needs Chromium at {CHROMIUM} (apt-get install chromium)")
    return CHROMIUM
