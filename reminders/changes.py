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
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import connection

LOOKAHEAD = timedelta(hours=1)
# Written by most requests or by the planner itself; no kind plans from them.
NOT_READ = ("reminders_delivery", "django_session")
NOT_READ_PREFIXES = ("audit_",)


@dataclass(frozen=True)
class Planned:
    version: int
    wake_at: datetime  # the earliest occurrence due after the run, or the run + LOOKAHEAD


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
    later = [row.due_at for row in ahead if row.due_at > now]
    wake_at = min(later, default=now + LOOKAHEAD)
    cache.set(_key(kind), Planned(version, min(wake_at, now + LOOKAHEAD)), None)
