"""When the planner may skip a kind: nothing it reads has changed and nothing it planned ahead
has come due.

Every minute's run used to work out everything due for every kind and let the unique key skip
what was already recorded: about 3.7 s a minute on a council's data, almost all of it finding
again what the last run found. Now, after a kind has planned, the planner also asks it what
would be due LOOKAHEAD later, and remembers (in the cache) the data's version and the earliest
of those due times. A later run skips the kind while the version is the same and that time has
not come, so a quiet minute costs one query. The look-ahead also bounds how long a kind goes
without a full plan.

The data's version is PostgreSQL's own count of rows inserted, updated and deleted in the
tables the kinds read (its statistics views, the committed count plus this transaction's), so
every write counts: `save()`, `update()`, bulk inserts, raw SQL and the admin alike. The
statistics reach the view within seconds of a commit, so a change is planned by the next run
or the one after. Tables no kind reads when planning are left out: the planner's own
deliveries, sessions and the audit trail, written on every page. Elsewhere than PostgreSQL
there is no version, and every run plans everything, as before.

When one of those occurrences comes due and the data is still the same, the kind is not planned
again either: a full plan at that minute would add exactly the look-ahead's rows that have come
due since (the data being the same, and the look-ahead reaching further), so those are recorded
from the cache. A full plan of a kind at council scale takes seconds; this costs the few
queries of recording the rows.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import connection

from .kinds import REPLACED
from .kinds import planned as planned_row
from .models import Delivery, Status

LOOKAHEAD = timedelta(hours=1)
# Written by most requests or by the planner itself; no kind plans from them.
NOT_READ = ("reminders_delivery", "django_session")
NOT_READ_PREFIXES = ("audit_",)


@dataclass(frozen=True)
class Planned:
    version: int
    wake_at: datetime  # the earliest occurrence due after the run, or `until`
    until: datetime  # the end of the look-ahead: from then on the kind is planned in full


# What is kept of each row of the look-ahead that is not due yet (the rest is the default).
_KEPT = ("recipient_id", "kind", "subject", "occurrence", "project_id", "due_at")


def data_version() -> int | None:
    """Rows written so far to the tables the kinds read; None where that cannot be known."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        # The statistics are cached for the rest of a transaction once read; read them afresh.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT coalesce(sum(s.n_tup_ins + s.n_tup_upd + s.n_tup_del"
            " + x.n_tup_ins + x.n_tup_upd + x.n_tup_del), 0)"
            " FROM pg_stat_user_tables s JOIN pg_stat_xact_user_tables x USING (relid)"
            " WHERE s.schemaname = current_schema() AND NOT s.relname = ANY(%s)"
            " AND NOT s.relname LIKE ANY(%s)",
            [list(NOT_READ), [f"{prefix}%" for prefix in NOT_READ_PREFIXES]],
        )
        return int(cursor.fetchone()[0])


def _key(kind: str) -> str:
    return f"reminders:planned:{kind}"


def _coming_key(kind: str) -> str:
    # Apart from Planned: every quiet minute reads Planned, only a minute with rows due these.
    return f"reminders:coming:{kind}"


def may_skip(kind: str, version: int | None, now: datetime) -> bool:
    if version is None:
        return False
    planned = cache.get(_key(kind))
    return planned is not None and planned.version == version and now < planned.wake_at


def remember(kind: str, version: int | None, now: datetime, ahead) -> None:
    """After a full plan at `now` with the data at `version`: `ahead` is what the kind says
    is due by now + LOOKAHEAD."""
    if version is None:
        return
    coming = sorted(
        (tuple(getattr(row, name) for name in _KEPT) for row in ahead if row.due_at > now),
        key=lambda row: row[-1],
    )
    _keep(kind, version, now + LOOKAHEAD, coming)


def _keep(kind: str, version: int, until: datetime, coming: list[tuple]) -> None:
    wake_at = min(coming[0][-1], until) if coming else until
    cache.set(_coming_key(kind), coming, None)
    cache.set(_key(kind), Planned(version, wake_at, until), None)


def came_due(kind: str, version: int | None, now: datetime) -> list[Delivery] | None:
    """The rows a full plan at `now` would add, taken from the last look-ahead: those that
    have come due since. None when the kind must be planned in full: the data changed, the
    look-ahead has run out, or nothing is remembered."""
    planned = cache.get(_key(kind)) if version is not None else None
    if planned is None or planned.version != version or now >= planned.until:
        return None
    coming = cache.get(_coming_key(kind))
    if coming is None:
        return None
    due = [planned_row(**dict(zip(_KEPT, row, strict=True))) for row in coming if row[-1] <= now]
    # Like kinds._occurrence_rows: of a person's occurrences of one thing due together, the
    # latest is sent and the others are recorded as replaced by it.
    latest = {}
    for row in sorted(due, key=lambda row: row.due_at):
        latest[(row.recipient_id, row.subject)] = row
    for row in due:
        if latest[(row.recipient_id, row.subject)] is not row:
            row.status, row.outcome = Status.DROPPED, REPLACED
    return due


def forget_due(kind: str, now: datetime) -> None:
    """After the rows came_due gave were recorded: keep the rest of the look-ahead."""
    planned = cache.get(_key(kind))
    if planned is None:  # the cache was emptied meanwhile: the next run plans in full
        return
    coming = cache.get(_coming_key(kind)) or []
    _keep(kind, planned.version, planned.until, [row for row in coming if row[-1] > now])
