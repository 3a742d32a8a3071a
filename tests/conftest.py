import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# database access from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.base import Cast, Client, make_cast  # noqa: E402


@pytest.fixture
def client() -> Client:
    """pytest-django's client, signing in with the second factor where the account has one."""
    return Client()


@pytest.fixture
def cast(db) -> Cast:
    """One project with a member in every role, and an outsider (see tests/base.py)."""
    return make_cast()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _background_jobs_run_at_once():
    """Jobs run in the test's own process unless a test starts a real worker (see
    tests/test_celery_worker.py): with REDIS_URL set they would otherwise wait in Redis."""
    from coproduce.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = True


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    """Uploaded files (receipts) go to a folder of the test's own, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """allauth keeps its rate-limit counters in the cache (Redis when REDIS_URL is set): one
    test's sign-ins must not use up the next test's allowance."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
