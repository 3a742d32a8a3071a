"""Planning at scale: each core kind plans in a fixed number of queries, and planned() builds
the same row as Delivery(...)."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accessibility.models import AccessProfile
from projects.models import Role
from reminders import preferences
from reminders.kinds import KINDS, planned
from reminders.models import Delivery, Kind, Status
from tests.base import LONDON, add_member, make_meeting, make_project, make_user

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 5, 10, 12, 0, tzinfo=LONDON)
MEETING_KINDS = [Kind.MEETING_SOON, Kind.MEETING_INVITATION, Kind.PAPERS_DUE, Kind.PAPERS_READY]


def _project_with_meetings(people: int):
    """A project of `people` members, some asking for extra notice, with a meeting tomorrow
    (papers ready) and one in three days (papers due), both scheduled just now."""
    project = make_project(make_user())
    for n in range(people):
        member = add_member(project, Role.FACILITATOR if n % 5 == 0 else Role.PERSON)
        if n % 3 == 0:
            AccessProfile.objects.create(user=member.user, notice_days=10)
    for days, papers in [(1, {"papers_ready_at": NOW - timedelta(hours=1)}), (3, {})]:
        start = NOW + timedelta(days=days)
        make_meeting(
            project,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            papers_sent_on=date(2027, 5, 11),
            **papers,
        )


def _plan_queries(kind) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        rows = KINDS[kind].plan(NOW, preferences.load)
    return len(queries), len(rows)


@pytest.mark.parametrize("kind", MEETING_KINDS)
def test_each_meeting_kind_plans_in_the_same_queries_for_3_and_30_people(kind):
    with time_machine.travel(NOW, tick=False):
        _project_with_meetings(3)
        few, few_rows = _plan_queries(kind)
        _project_with_meetings(30)
        many, many_rows = _plan_queries(kind)
    assert many_rows > few_rows > 0
    assert many == few


def test_a_planned_row_is_the_delivery_its_fields_make():
    fields = {
        "recipient_id": 7,
        "kind": Kind.MEETING_SOON,
        "subject": "meeting:3",
        "occurrence": "1d",
        "project_id": 2,
        "due_at": NOW,
        "status": Status.DROPPED,
    }
    fast, slow = planned(**fields), Delivery(**fields)
    assert isinstance(fast, Delivery) and fast._state.adding and fast.pk is None
    columns = [f.attname for f in Delivery._meta.concrete_fields if f.attname != "created_at"]
    assert {c: getattr(fast, c) for c in columns} == {c: getattr(slow, c) for c in columns}
    assert fast.created_at is not None
