"""The planner skips a kind when nothing it reads has changed and none of its occurrences has
come due since its last plan (reminders/changes.py), and plans again as soon as either happens."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accessibility.models import AccessProfile
from reminders.models import Delivery, Kind
from reminders.services import reminders_plan
from tests.base import LONDON, add_member, make_meeting

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 5, 10, 12, 0, tzinfo=LONDON)


def _soon(recipient):
    return set(
        Delivery.objects.filter(kind=Kind.MEETING_SOON, recipient=recipient).values_list(
            "subject", "occurrence"
        )
    )


def test_a_minute_with_nothing_changed_and_nothing_due_costs_one_query(cast):
    start = NOW + timedelta(days=20)
    make_meeting(cast.project, starts_at=start, ends_at=start + timedelta(hours=2))
    reminders_plan(now=NOW)
    with CaptureQueriesContext(connection) as queries:
        assert reminders_plan(now=NOW + timedelta(minutes=1)) == 0
    assert len(queries) == 2  # the statistics snapshot cleared, then read


def test_a_change_is_planned_at_the_next_run(cast):
    reminders_plan(now=NOW)
    start = NOW + timedelta(days=3)
    with time_machine.travel(NOW + timedelta(seconds=30), tick=False):
        meeting = make_meeting(cast.project, starts_at=start, ends_at=start + timedelta(hours=2))
    reminders_plan(now=NOW + timedelta(minutes=1))
    assert Delivery.objects.filter(
        kind=Kind.MEETING_INVITATION, subject=f"meeting:{meeting.pk}", recipient=cast.carer
    ).exists()
    with time_machine.travel(NOW + timedelta(seconds=90), tick=False):
        newcomer = add_member(cast.project, "person").user
    reminders_plan(now=NOW + timedelta(minutes=2))
    assert Delivery.objects.filter(
        kind=Kind.MEETING_INVITATION, subject=f"meeting:{meeting.pk}", recipient=newcomer
    ).exists()


def test_an_occurrence_coming_due_is_planned_although_nothing_changed(cast):
    start = NOW + timedelta(days=7, minutes=30)
    meeting = make_meeting(cast.project, starts_at=start, ends_at=start + timedelta(hours=2))
    reminders_plan(now=NOW)
    assert _soon(cast.carer) == set()
    reminders_plan(now=NOW + timedelta(minutes=29))
    assert _soon(cast.carer) == set()  # skipped: not due yet
    reminders_plan(now=NOW + timedelta(minutes=30))
    assert _soon(cast.carer) == {(f"meeting:{meeting.pk}", "7d")}


def _coming_due_in_a_quiet_hour(cast, meetings_not_due: int) -> int:
    """Queries of the run at which a 7-day reminder comes due, nothing having changed."""
    for days in range(meetings_not_due):
        start = NOW + timedelta(days=10 + days)
        make_meeting(cast.project, starts_at=start, ends_at=start + timedelta(hours=2))
    start = NOW + timedelta(days=7, minutes=30)
    meeting = make_meeting(cast.project, starts_at=start, ends_at=start + timedelta(hours=2))
    reminders_plan(now=NOW)
    with CaptureQueriesContext(connection) as queries:
        assert reminders_plan(now=NOW + timedelta(minutes=30)) > 0
    assert (f"meeting:{meeting.pk}", "7d") in _soon(cast.carer)
    return len(queries)


@pytest.mark.parametrize("others", [2, 20])
def test_an_occurrence_coming_due_is_recorded_without_planning_again(cast, others):
    """The rows come from the look-ahead: the run costs the same for 2 or 20 other meetings
    (a full plan reads them all), and no kind is planned in full."""
    # The data version (2), then recording: rows already there, the people's preferences
    # (their contact choices, reminder settings and stopped kinds), the insert.
    assert _coming_due_in_a_quiet_hour(cast, others) == 7


def _rows() -> set[tuple]:
    return set(
        Delivery.objects.values_list(
            "kind",
            "recipient_id",
            "subject",
            "occurrence",
            "due_at",
            "status",
            "outcome",
            "channel",
        )
    )


def test_the_look_ahead_records_what_planning_in_full_every_time_would(cast):
    """Runs every 7 minutes for two hours, across occurrences coming due at different minutes
    (the usual 7 days and 1 day, and a person's own 3 days' notice), record the same rows
    whether each run plans in full (the cache emptied before it) or uses the look-ahead."""
    AccessProfile.objects.create(user=cast.carer, notice_days=3)
    for offset in [
        timedelta(days=7, minutes=10),
        timedelta(days=7, minutes=40),
        timedelta(days=7, minutes=75),
        timedelta(days=1, minutes=20),
        timedelta(days=1, minutes=95),
        timedelta(days=3, minutes=30),
        timedelta(days=3, minutes=100),
    ]:
        start = NOW + offset
        make_meeting(cast.project, starts_at=start, ends_at=start + timedelta(hours=1))
    runs = [NOW + timedelta(minutes=minute) for minute in range(0, 121, 7)]
    for run in runs:
        reminders_plan(now=run)
    with_look_ahead = _rows()
    Delivery.objects.all().delete()
    for run in runs:
        cache.clear()
        reminders_plan(now=run)
    in_full = _rows()
    assert with_look_ahead == in_full
    # Every offset above came due in those two hours, for the carer at least.
    assert len({row[2:4] for row in in_full if row[1] == cast.carer.pk and row[3] != "invite"}) >= 7


def test_every_kind_is_planned_again_at_least_hourly(cast):
    reminders_plan(now=NOW)
    with CaptureQueriesContext(connection) as quiet:
        reminders_plan(now=NOW + timedelta(minutes=59))
    with CaptureQueriesContext(connection) as hourly:
        reminders_plan(now=NOW + timedelta(hours=1))
    assert len(quiet) == 2 and len(hourly) > 2
