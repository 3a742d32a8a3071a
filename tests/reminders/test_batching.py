"""Sending works in batches: the number of SQL queries depends on the number of batches, not
on the number of people."""

from datetime import datetime, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Role
from reminders.services import reminders_plan, reminders_send
from tests.base import LONDON, add_member, make_meeting, make_project, make_user

START = datetime(2027, 5, 10, 10, 0, tzinfo=LONDON)


def _queries(people: int, batch_size: int, hour: int) -> tuple[int, int]:
    """Plan and send the reminders of a new project of `people` members; the queries each
    step made."""
    project = make_project(make_user())
    for _ in range(people - 1):
        add_member(project, Role.PERSON)
    start = START + timedelta(hours=hour)
    make_meeting(project, starts_at=start, ends_at=start + timedelta(hours=1))
    now = start - timedelta(hours=23)
    with CaptureQueriesContext(connection) as planning:
        reminders_plan(now=now)
    with CaptureQueriesContext(connection) as sending:
        assert reminders_send(now=now, batch_size=batch_size) == people
    return len(planning), len(sending)


# Planning is one bulk insert, which SQLite (unlike PostgreSQL) splits at 999 parameters, so
# only sending is compared on every database.


def test_one_batch_costs_the_same_for_10_and_60_people(db):
    assert _queries(10, batch_size=500, hour=0)[1] == _queries(60, batch_size=500, hour=1)[1]


def test_three_batches_cost_the_same_for_30_and_60_people(db):
    assert _queries(30, batch_size=10, hour=0)[1] == _queries(60, batch_size=20, hour=1)[1]


def test_each_extra_batch_costs_a_fixed_number_of_queries(db):
    _plan, one = _queries(20, batch_size=20, hour=0)
    _plan, two = _queries(40, batch_size=20, hour=1)
    _plan, three = _queries(60, batch_size=20, hour=2)
    assert three - two == two - one > 0
