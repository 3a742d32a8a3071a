"""Fuzzing a form through its real view: hypothesis posts a valid submission with some of its
values swapped for hostile ones (or left out), as a member allowed to use the form.

Every example runs in a savepoint that is rolled back, so examples do not see each other's
writes and the project's setup is made once per test. Each example checks:
- no server error (the test client re-raises a view's exception, so a 500 fails the test);
- a re-rendered form (200) leaves the watched tables unchanged;
- an accepted form (a redirect) wrote the whole of it: every watched text field it posted is
  stored exactly as typed (less the spaces at either end that forms strip).
"""

import importlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import connection, models, transaction
from django.urls import reverse
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from coproduce.sessions import RENEW_EVERY, RENEWED
from tests.base import Client

# Every fuzz test runs at least this many examples (issue 9: "at least 200 examples"). No
# example database: a failure found once is kept in the test as an explicit @example.
FUZZ = hypothesis_settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# The form classes that have a fuzz test (tests/fuzz/test_every_form_is_fuzzed.py).
FUZZED: set[type] = set()
# How to reach each fuzzed form, for tests that post to every form once
# (tests/fuzz/test_errors_say_what_to_do.py).
FORMS: list[dict] = []

# Values a person, a broken browser or an attacker can send in a form field. Surrogates are
# left out: they cannot be encoded in an HTTP request.
ODD_VALUES = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n",
    "\t",
    "-1",
    "0",
    "-0",
    "1.5",
    "0.001",
    "-99999999999999999999999999",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "inf",
    "１２",
    "٣",
    "2026-02-30",
    "30/02/2026",
    "31",
    "13",
    "0000",
    "24:00",
    "25:61",
    "12:00am",
    "\u202eevil\u202c",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "=1+1",
    "%s%n",
    "' OR 1=1 --",
    "None",
    "true",
    "x" * 5_000,
    "y" * 100_000,
    "\U0001f642" * 300,
]

# Any character UTF-8 can encode: all but the surrogates (category Cs). Named by category, not
# as codec="utf-8", which makes hypothesis tabulate the codec over every code point (seconds
# of CPU in each process whose checkout has no .hypothesis folder yet, as in CI).
ENCODABLE = st.characters(exclude_categories=["Cs"])
_text = st.text(ENCODABLE, max_size=300)
_one_value = st.one_of(
    st.sampled_from(ODD_VALUES),
    _text,
    st.integers().map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)
odd_value = st.one_of(_one_value, st.lists(_one_value, min_size=2, max_size=3))

MISSING = "<missing>"


def spoilers(keys: Iterable[str]) -> st.SearchStrategy[dict]:
    """Which of a valid post's keys to spoil, and how: an odd value, or MISSING to leave the
    key out. From none (the valid post itself) to all of them."""
    keys = sorted(keys)
    return st.dictionaries(
        st.sampled_from(keys), st.one_of(st.just(MISSING), odd_value), max_size=len(keys)
    )


def spoil(valid: dict, spoiled: dict) -> dict:
    data = valid | spoiled
    return {k: v for k, v in data.items() if v is not MISSING}


def _queryset(source) -> models.QuerySet:
    return source if isinstance(source, models.QuerySet) else source.objects.all()


def snapshot(watched: Iterable) -> list:
    """Every row of the watched tables (models or querysets), in a stable order."""
    return [list(_queryset(source).order_by("pk").values_list()) for source in watched]


def fingerprint(watched: Iterable) -> Callable[[], object]:
    """A function that returns a value equal between two calls exactly when the watched
    tables hold the same rows: on PostgreSQL, one statement with a digest of each table's rows
    (cheaper than fetching and comparing them twice per example); elsewhere the rows."""
    watched = list(watched)
    if connection.vendor != "postgresql":
        return lambda: snapshot(watched)
    tables, params = [], []
    for source in watched:
        sql, table_params = _queryset(source).order_by().values_list().query.sql_with_params()
        # Each row as text, whole (every column), in an order of their own.
        tables.append(f"(SELECT md5(string_agg(r::text, ',' ORDER BY r::text)) FROM ({sql}) r)")
        params.extend(table_params)
    statement = f"SELECT {', '.join(tables)}"

    def digest():
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            return cursor.fetchone()

    return digest


def _stored_text(value) -> set[str]:
    """Every string in the rows, inside JSON values too."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        value = value.values()
    if isinstance(value, list | tuple | type({}.values())):
        return set().union(*(_stored_text(item) for item in value))
    return set()


@dataclass
class Target:
    """One form's view, the person posting, and what it may change."""

    client: Client
    url: str
    watched: list
    # Posted text fields that an accepted form stores as typed (stripped), so "whole".
    saved_text: list[str] = field(default_factory=list)
    # Statuses other than 200/302 that are a correct answer, e.g. 404 for an unknown id.
    also_fine: tuple[int, ...] = ()
    # Extra check on an accepted post: (posted data, rows before, rows after).
    accepted: Callable[[dict, list, list], None] | None = None
    files: Callable[[], dict] | None = None
    # Whether a response means the form was accepted (most views redirect).
    is_accepted: Callable = lambda response: response.status_code == 302
    # Called with the client before each post, inside the example's savepoint: for forms that
    # sign the person out, whose session would otherwise be rolled back with the example.
    before_each: Callable | None = None
    method: str = "post"

    def __post_init__(self):
        self._fingerprint = fingerprint(self.watched)
        # The watched rows before an example, and their fingerprint. Every example starts
        # from the same rows (the one before was rolled back), so they are fetched again
        # only when the fingerprint differs (a `before_each` that writes a watched row).
        self._before: tuple = (object(), None)
        self._renewed_at = 0

    def _renew_session(self) -> None:
        """The first request a minute after a session's last renewal saves it again
        (coproduce/sessions.py). In an example that save is rolled back, so a minute into a
        test every example's request would write the session: renewed here, outside the
        examples, twice a minute, it stays fresh."""
        now = int(time.time())
        if now - self._renewed_at < RENEW_EVERY // 2:
            return
        self._renewed_at = now
        if settings.SESSION_COOKIE_NAME not in self.client.cookies:
            return
        session = self.client.session
        session.get(RENEWED)
        if session.session_key:  # None: an example signed out, the session is gone
            session[RENEWED] = now
            session.save()

    def _rows_before(self) -> list:
        now = self._fingerprint()
        if now != self._before[0]:
            self._before = (now, snapshot(self.watched))
        return self._before[1]

    def post(self, data: dict) -> None:
        self._renew_session()
        with transaction.atomic():
            if self.before_each:
                self.before_each(self.client)
            self._post(data)
            transaction.set_rollback(True)
        # The cache outlives the rollback: sessions are read from it (cached database
        # sessions), so a session the example wrote would survive there but not in the
        # database, and the next example's request would fail to save it.
        cache.clear()

    def _post(self, data: dict) -> None:
        before = self._rows_before()
        payload = dict(data)
        if self.files:
            payload |= self.files()
        if self.method == "get":
            response = self.client.get(self.url, payload)
        else:
            response = self.client.post(self.url, payload)
        status = response.status_code
        # 400: a request too big to read (Django's DATA_UPLOAD_MAX_MEMORY_SIZE).
        assert status in (200, 302, 400, *self.also_fine), status
        if not self.is_accepted(response):
            # A re-rendered form (with errors, or empty again after an empty post). The rows
            # are fetched only to show what changed.
            assert self._fingerprint() == self._before[0], (
                "a rejected form changed the database",
                before,
                snapshot(self.watched),
            )
            return
        after = snapshot(self.watched)
        stored = _stored_text(after)
        for key in self.saved_text:
            value = data.get(key)
            if isinstance(value, str) and value.strip():
                assert value.strip() in stored, f"{key} was not saved whole"
        if self.accepted:
            self.accepted(data, before, after)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def date_fields(name: str, value) -> dict[str, str]:
    """The three boxes of a GOV.UK date input."""
    return {f"{name}_{i}": str(part) for i, part in enumerate(value.timetuple()[2::-1])}


def _rule(url_name: str):
    """The permission-matrix rule for a URL (tests/<app>/permissions.py): its URL kwargs."""
    apps = (
        "projects",
        "accessibility",
        "charters",
        "expenses",
        "reviews",
        "reminders",
        "datepolls",
    )
    for app in apps:
        rules = importlib.import_module(f"tests.{app}.permissions").PERMISSIONS
        if url_name in rules:
            return rules[url_name]
    raise LookupError(url_name)


def fuzz_form(
    *form_classes: type,
    url: str,
    who: Callable,
    valid: dict,
    watched: Callable,
    kwargs: Callable | None = None,
    saved_text: Iterable[str] = (),
    setup: Callable | None = None,
    examples: Iterable[dict] = (),
    before_each_for: Callable | None = None,
    **target_options,
):
    """A hypothesis test that posts spoiled versions of `valid` to the view named `url` as
    `who(cast)` (None: not signed in). `valid` values may be callables of the cast (ids
    made by the setup);
    `kwargs(cast)` gives the URL's arguments (default: its permission-matrix rule's);
    `watched(cast)` the tables the form may write; `setup(cast)` makes what the form needs;
    `examples` are spoilers that once found a bug, always tried first."""
    made: dict = {}

    def target_for(cast) -> tuple[Target, dict]:
        if made.get("cast") is not cast:
            if setup:
                setup(cast)
            url_kwargs = (kwargs or _rule(url).kwargs)(cast)
            made["cast"] = cast
            user = who(cast)
            if before_each_for:
                target_options["before_each"] = before_each_for(cast)
            made["target"] = Target(
                client=signed_in(user) if user else Client(),
                url=reverse(url, kwargs=url_kwargs),
                watched=watched(cast),
                saved_text=list(saved_text),
                **target_options,
            )
            made["valid"] = {k: v(cast) if callable(v) else v for k, v in valid.items()}
        return made["target"], made["valid"]

    @FUZZ
    @given(spoiled=spoilers(valid))
    def test(cast, spoiled):
        target, good = target_for(cast)
        target.post(spoil(good, spoiled))

    for spoiled in examples:
        test = example(spoiled=spoiled)(test)
    FUZZED.update(form_classes)
    FORMS.append({"url": url, "who": who, "valid": valid, "kwargs": kwargs, "setup": setup})
    return test
