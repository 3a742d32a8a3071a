from datetime import UTC, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail

from projects.models import Attendance, Rsvp
from reminders.models import Delivery, Kind, ReminderSettings, Status
from reminders.services import reminders_plan, reminders_send, reminders_tick
from tests.base import LONDON, make_meeting

pytestmark = pytest.mark.django_db


def _meeting_at(project, when: datetime, **fields):
    return make_meeting(project, starts_at=when, ends_at=when + timedelta(hours=2), **fields)


def _emails_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def test_members_get_a_reminder_7_days_before_a_meeting_once_however_often_it_runs(cast):
    start = datetime(2027, 5, 10, 10, 0, tzinfo=LONDON)
    meeting = _meeting_at(cast.project, start, title="Ideas day")
    with time_machine.travel(start - timedelta(days=7, minutes=-1), tick=False):
        reminders_tick()
        reminders_tick()
    assert len(_emails_to(cast.carer)) == 1
    message = _emails_to(cast.carer)[0]
    assert "Ideas day" in message.subject
    assert "Monday 10 May 2027, 10:00" in message.body
    assert message.alternatives[0][1] == "text/html"
    rows = Delivery.objects.filter(recipient=cast.carer, subject=f"meeting:{meeting.pk}")
    assert [(r.occurrence, r.status) for r in rows] == [("7d", Status.SENT)]


def test_nothing_is_sent_before_it_is_due(cast):
    start = datetime(2027, 5, 10, 10, 0, tzinfo=LONDON)
    _meeting_at(cast.project, start)
    with time_machine.travel(start - timedelta(days=7, minutes=1), tick=False):
        reminders_tick()
    assert mail.outbox == []
    assert not Delivery.objects.exists()


def test_people_who_said_they_are_not_coming_are_not_reminded(cast):
    start = datetime(2027, 5, 10, 10, 0, tzinfo=LONDON)
    meeting = _meeting_at(cast.project, start)
    Attendance.objects.create(meeting=meeting, user=cast.carer, rsvp=Rsvp.NO)
    with time_machine.travel(start - timedelta(hours=23), tick=False):
        reminders_tick()
    assert _emails_to(cast.carer) == []
    assert len(_emails_to(cast.person)) == 1


def test_a_reminder_recorded_before_someone_said_no_is_dropped_not_sent(cast):
    start = datetime(2027, 5, 10, 10, 0, tzinfo=LONDON)
    meeting = _meeting_at(cast.project, start)
    now = start - timedelta(hours=23)
    reminders_plan(now=now)
    Attendance.objects.create(meeting=meeting, user=cast.carer, rsvp=Rsvp.NO)
    reminders_send(now=now)
    row = Delivery.objects.get(recipient=cast.carer, occurrence="1d")
    assert row.status == Status.DROPPED
    assert row.outcome == "they said they are not coming"
    assert _emails_to(cast.carer) == []


def test_after_an_hour_with_nothing_running_missed_reminders_go_and_useless_ones_are_dropped(
    cast,
):
    """The last run was at 08:55; nothing ran until 10:00. In that hour meeting A (tomorrow
    09:30) became due for its 1-day reminder, and meeting B was booked at 09:05 for
    09:30-09:50, so its reminder fell due and became useless while nothing ran."""
    now = datetime(2027, 5, 10, 10, 0, tzinfo=LONDON)
    a = _meeting_at(cast.project, now + timedelta(hours=23, minutes=30), title="Meeting A")
    with time_machine.travel(now - timedelta(hours=1, minutes=5), tick=False):
        reminders_tick()  # A's 7-day reminder goes; its 1-day one is not due yet
    assert {m.subject for m in mail.outbox} == {"Reminder: Meeting A on Tuesday 11 May"}
    mail.outbox.clear()
    b = make_meeting(
        cast.project,
        title="Meeting B",
        starts_at=now - timedelta(minutes=30),
        ends_at=now - timedelta(minutes=10),
    )
    with time_machine.travel(now, tick=False):
        reminders_tick()
        reminders_tick()
    for user in [cast.commissioner, cast.facilitator, cast.person, cast.carer, cast.professional]:
        [message] = _emails_to(user)
        assert "Meeting A" in message.subject
        sent = Delivery.objects.get(recipient=user, subject=f"meeting:{a.pk}", occurrence="1d")
        assert sent.status == Status.SENT
        missed = Delivery.objects.get(recipient=user, subject=f"meeting:{b.pk}", occurrence="1d")
        assert missed.status == Status.DROPPED
        assert missed.outcome == "the meeting has started or is over"
    assert Delivery.objects.filter(status=Status.SENT).count() == 10  # 5 people, A's 7d and 1d


def test_quiet_hours_hold_a_reminder_until_they_end(cast):
    start = datetime(2027, 5, 11, 22, 30, tzinfo=LONDON)
    _meeting_at(cast.project, start)
    ReminderSettings.objects.create(user=cast.carer)  # default quiet hours 21:00 to 08:00
    with time_machine.travel(start - timedelta(days=1), tick=False):  # 22:30
        reminders_tick()
    assert _emails_to(cast.carer) == []
    row = Delivery.objects.get(recipient=cast.carer, occurrence="1d")
    assert row.status == Status.PENDING
    assert row.due_at == datetime(2027, 5, 11, 8, 0, tzinfo=LONDON)
    with time_machine.travel(datetime(2027, 5, 11, 7, 59, tzinfo=LONDON), tick=False):
        reminders_tick()
    assert _emails_to(cast.carer) == []
    with time_machine.travel(datetime(2027, 5, 11, 8, 0, tzinfo=LONDON), tick=False):
        reminders_tick()
    assert len(_emails_to(cast.carer)) == 1


@pytest.mark.parametrize(
    "day, utc_hour",
    [
        (datetime(2027, 3, 28).date(), 8),  # the clocks went forward at 01:00: BST
        (datetime(2027, 10, 31).date(), 9),  # the clocks went back at 02:00: GMT
    ],
)
def test_the_daily_summary_fires_once_at_9am_uk_time_on_the_days_the_clocks_change(
    cast, day, utc_hour
):
    ReminderSettings.objects.create(user=cast.carer, daily_summary=True)
    # Two meetings in three days: their 7-day reminders are due when the day starts.
    for hour in (18, 19):
        _meeting_at(cast.project, datetime.combine(day + timedelta(days=3), time(hour), LONDON))
    minute = datetime.combine(day, time(6, 30), LONDON).astimezone(UTC)
    end = datetime.combine(day, time(10, 30), LONDON).astimezone(UTC)
    while minute <= end:  # every minute of the day, as beat would
        with time_machine.travel(minute, tick=False):
            reminders_tick()
        minute += timedelta(minutes=1)
    [summary] = _emails_to(cast.carer)
    assert summary.subject == "Your reminders for today"
    assert summary.body.count("This is a reminder about") == 2
    row = Delivery.objects.get(recipient=cast.carer, kind=Kind.DAILY_SUMMARY)
    assert row.sent_at == datetime.combine(day, time(utc_hour), UTC)
    assert row.sent_at.astimezone(LONDON).time() == time(9, 0)
    # Everyone else got theirs one by one, when their quiet hours ended at 08:00.
    assert len(_emails_to(cast.person)) == 2
