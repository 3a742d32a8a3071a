"""The planner skips a kind when nothing it reads has changed and none of its occurrences has
come due since its last plan (reminders/changes.py), and plans again as soon as either happens."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

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


def test_every_kind_is_planned_again_at_least_hourly(cast):
    reminders_plan(now=NOW)
    with CaptureQueriesContext(connection) as quiet:
        reminders_plan(now=NOW + timedelta(minutes=59))
    with CaptureQueriesContext(connection) as hourly:
        reminders_plan(now=NOW + timedelta(hours=1))
    assert len(quiet) == 2 and len(hourly) > 2
