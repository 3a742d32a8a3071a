import copy
import os
from contextlib import contextmanager
from datetime import datetime
from urllib.parse import urlsplit

import pytest
import time_machine
from django.db import transaction
from django.test.utils import override_settings

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# database access from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.base import LONDON, Cast, Client, make_cast  # noqa: E402


@pytest.fixture
def client() -> Client:
    """pytest-django's client, signing in with the second factor where the account has one."""
    return Client()


def pytest_configure(config):
    _a_redis_database_per_xdist_worker()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """pytest-django runs the tests that commit (transactional) after the others, as they empty
    the tables, data migrations' rows too. Among them the browser journeys, minutes each, go
    first: pytest-xdist hands tests out in this order, so the workers end on short tests
    together instead of one of them on a long journey while the other waits."""
    commits = [i for i, item in enumerate(items) if _commits(item)]
    if not commits:
        return
    first = commits[0]
    browser = [item for item in items[first:] if item.get_closest_marker("browser")]
    rest = [item for item in items[first:] if not item.get_closest_marker("browser")]
    items[first:] = browser + rest


def _commits(item) -> bool:
    marker = item.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction"))
    fixtures = getattr(item, "fixturenames", ())
    return transactional or "transactional_db" in fixtures or "live_server" in fixtures


def _a_redis_database_per_xdist_worker() -> None:
    """`make test` runs the suite in pytest-xdist workers, each with a database of its own
    (pytest-django adds _gw0, _gw1 ... to its name). Redis must be split too: every test empties
    the cache (FLUSHDB), which would drop the other worker's queued Celery tasks and allauth
    counters. The first worker keeps REDIS_URL's database; worker N takes database 16 - N
    (15, 14, ...: the top of Redis's default 16), so a developer's own database stays apart."""
    from django.conf import settings

    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    index = int(worker.removeprefix("gw"))
    if not settings.REDIS_URL or index == 0:
        return
    own = urlsplit(settings.REDIS_URL)._replace(path=f"/{16 - index}")
    if own.path == (urlsplit(settings.REDIS_URL).path or "/0"):
        raise pytest.UsageError(f"REDIS_URL's database is {own.path}, which worker {worker} needs")
    url = own.geturl()
    cache = {**settings.CACHES["default"], "LOCATION": url}
    # Before any test: nothing has connected to Redis yet. Resets Django's cache handler.
    override_settings(REDIS_URL=url, CELERY_BROKER_URL=url, CACHES={"default": cache}).enable()

    from coproduce.celery import app

    app.conf.broker_url = url


@pytest.fixture
def cast(_module_cast, db) -> Cast:
    """One project with a member in every role, and an outsider (see tests/base.py).

    Built once per module where it can be (see _module_cast): each test gets its own copy of
    the objects, as Django's TestCase.setUpTestData gives, and its changes to the rows are
    rolled back after it. Its rows are there for every test of such a module: a test there
    that calls make_cast() itself would make its accounts twice, so it takes this fixture."""
    return make_cast() if _module_cast is None else copy.deepcopy(_module_cast)


@pytest.fixture(scope="module")
def _module_cast(request, django_db_setup, django_db_blocker):
    """The cast's rows, made once for a module's tests inside a transaction of the module's
    own: each test's transaction nests in it (a savepoint) and rolls back to it, and the
    module's is rolled back at its end. Six accounts, a project and its memberships cost
    26 queries, which hundreds of tests (the permission matrix has ~1,000) each paid.

    Not for a module with tests that commit (transactional): they must not run inside an
    open transaction. pytest-django runs them after the others, so a module without any is
    torn down (its transaction rolled back) before they start; a module with some gets
    None, and its tests a cast of their own."""
    if any(
        _commits(i) for i in request.session.items if i.getparent(pytest.Module) is request.node
    ):
        yield None
        return
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        # Module fixtures come before the function ones (_fast_password_hashing).
        with _out_of_quiet_hours(True), override_settings(PASSWORD_HASHERS=_FAST_HASHERS):
            built = make_cast()
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


_FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = _FAST_HASHERS


@pytest.fixture(autouse=True)
def _reminders_are_not_in_quiet_hours(request):
    """Reminders and notices wait for the end of a person's quiet hours (21:00 to 08:00 by
    default), so a test that expects one sent must not depend on the hour the suite runs.
    Run in those hours, a test runs at noon of the same day instead, the clock still moving.
    Browser journeys keep the real clock: the browser's own clock cannot be moved with it."""
    with _out_of_quiet_hours("live_server" not in request.fixturenames):
        yield


@contextmanager
def _out_of_quiet_hours(move: bool):
    now = datetime.now(LONDON)
    if not move or 8 <= now.hour < 21:
        yield
        return
    with time_machine.travel(now.replace(hour=12), tick=True):
        yield


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


@pytest.fixture(autouse=True, scope="session")
def _templates_render_unrecorded(django_test_environment):
    """Django's test environment wraps every template render to send a signal that the test
    client answers by copying the context, for `response.context`: about a tenth of a form
    page's time here, paid by every request of the suite. Only a few tests read it; they ask
    for `recorded_templates`."""
    from django.template import Template
    from django.test.utils import _TestState

    recording = Template._render
    Template._render = _TestState.saved_data.template_render
    yield
    Template._render = recording


@pytest.fixture
def recorded_templates():
    """Templates record their context again in this test, so `response.context` works."""
    from django.template import Template
    from django.test.utils import instrumented_test_render

    plain = Template._render
    Template._render = instrumented_test_render
    yield
    Template._render = plain


@pytest.fixture(autouse=True)
def _english_to_begin_with():
    """A request leaves its language active in the thread (LocaleMiddleware and a Welsh
    speaker's saved language activate it, and nothing puts it back): a later test that renders
    or translates outside a request would read Welsh because of the order tests ran in."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
