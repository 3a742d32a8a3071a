"""Access reminders: essential needs not arranged 3 days before a meeting (to facilitators),
and "is your access profile still right?" 6 months on (to the person)."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accessibility.models import AccessProfile, Importance, ShareLevel
from accessibility.reminder_kinds import AccessUnarranged
from projects.models import Attendance, Role, Rsvp
from reminders import preferences
from reminders.models import Delivery, Kind, Status
from reminders.services import reminders_plan, reminders_send, reminders_tick
from tests.accessibility.helpers import give_needs, share
from tests.base import LONDON, add_member, make_meeting

pytestmark = pytest.mark.django_db

START = datetime(2027, 5, 10, 10, 0, tzinfo=LONDON)


def _meeting_with_an_open_essential_need(cast):
    meeting = make_meeting(cast.project, starts_at=START, ends_at=START + timedelta(hours=1))
    give_needs(cast.person, ("bsl", Importance.ESSENTIAL, "zq-private words"))
    share(cast.person, cast.project, ShareLevel.EVERYTHING)
    Attendance.objects.create(meeting=meeting, user=cast.person, rsvp=Rsvp.YES)
    return meeting


def _access_emails():
    return [m for m in mail.outbox if "Access needs to arrange" in m.subject]


def test_facilitators_hear_3_days_before_of_an_essential_need_not_arranged(cast):
    meeting = _meeting_with_an_open_essential_need(cast)
    with time_machine.travel(START - timedelta(days=3, minutes=1), tick=False):
        reminders_tick()
    assert _access_emails() == []
    with time_machine.travel(START - timedelta(days=3), tick=False):
        reminders_tick()
        reminders_tick()
    [message] = _access_emails()
    assert message.to == [cast.facilitator.email]
    assert "1 essential access need of people coming is not arranged yet" in message.body
    assert reverse("meeting-access-plan", args=[cast.project.pk, meeting.pk]) in message.body
    # A count only: no need and no words, since an email can be forwarded.
    assert "British Sign Language" not in message.body and "zq-private" not in message.body


@pytest.mark.parametrize("change", ["arranged", "withdrawn"])
def test_the_reminder_is_dropped_once_arranged_or_no_longer_shared(client, cast, change):
    meeting = _meeting_with_an_open_essential_need(cast)
    now = START - timedelta(days=2)
    reminders_plan(now=now)
    if change == "arranged":
        from accessibility.plans import plan_for

        item, entry = plan_for(meeting).items[0], plan_for(meeting).items[0].entries[0]
        client.force_login(cast.facilitator)
        client.post(
            reverse(
                "arrangement-edit", args=[cast.project.pk, meeting.pk, item.need.pk, entry.ref]
            ),
            {"status": "arranged"},
        )
    else:
        share(cast.person, cast.project, ShareLevel.NOTHING)
    reminders_send(now=now)
    row = Delivery.objects.get(kind=Kind.ACCESS_UNARRANGED)
    assert row.status == Status.DROPPED
    assert row.outcome == "every essential access need is dealt with"
    assert _access_emails() == []


def test_planning_costs_the_same_for_3_and_30_meetings(cast):
    def queries(count, hour):
        for n in range(count):
            start = START + timedelta(hours=hour, minutes=n)
            meeting = make_meeting(
                cast.project, starts_at=start, ends_at=start + timedelta(hours=1)
            )
            user = add_member(cast.project, Role.PERSON).user
            give_needs(user, ("bsl", Importance.ESSENTIAL, ""))
            share(user, cast.project, ShareLevel.SUMMARY)
            Attendance.objects.create(meeting=meeting, user=user, rsvp=Rsvp.YES)
        with CaptureQueriesContext(connection) as captured:
            rows = AccessUnarranged().plan(START - timedelta(days=2), preferences.load)
        return len(captured), len(rows)

    few, few_rows = queries(3, 0)
    many, many_rows = queries(30, 1)
    assert few == many
    assert (few_rows, many_rows) == (3, 33)  # one facilitator, every flagged meeting


def test_people_are_asked_after_6_months_if_their_profile_is_still_right(client, cast):
    with time_machine.travel(datetime(2027, 1, 4, 12, 0, tzinfo=LONDON), tick=False):
        give_needs(cast.person, ("bsl", Importance.ESSENTIAL, ""))
    with time_machine.travel(datetime(2027, 7, 4, 11, 0, tzinfo=LONDON), tick=False):
        reminders_tick()
    assert not [m for m in mail.outbox if m.to == [cast.person.email]]
    with time_machine.travel(datetime(2027, 7, 5, 14, 0, tzinfo=LONDON), tick=False):
        reminders_tick()
        reminders_tick()
    [message] = [m for m in mail.outbox if m.to == [cast.person.email]]
    assert message.subject == "Is your access profile still right?"
    assert reverse("access-profile") in message.body
    # They confirm; the next question comes 6 months after that, not before.
    with time_machine.travel(datetime(2027, 7, 6, 12, 0, tzinfo=LONDON), tick=False):
        client.force_login(cast.person)
        client.post(reverse("access-confirm"))
        reminders_tick()
    with time_machine.travel(datetime(2027, 12, 1, 12, 0, tzinfo=LONDON), tick=False):
        reminders_tick()
    assert len([m for m in mail.outbox if m.to == [cast.person.email]]) == 1
    with time_machine.travel(datetime(2028, 1, 5, 12, 0, tzinfo=LONDON), tick=False):
        reminders_tick()
    assert len([m for m in mail.outbox if m.to == [cast.person.email]]) == 2
    assert AccessProfile.objects.get(user=cast.person).checked_at.date().isoformat() == (
        "2027-07-06"
    )


def test_a_check_recorded_before_the_person_confirmed_is_dropped(client, cast):
    with time_machine.travel(datetime(2027, 1, 4, 12, 0, tzinfo=LONDON), tick=False):
        give_needs(cast.person)
    now = datetime(2027, 7, 6, 12, 0, tzinfo=LONDON)
    with time_machine.travel(now, tick=False):
        reminders_plan(now=now)
        client.force_login(cast.person)
        client.post(reverse("access-confirm"))
        reminders_send(now=now)
    row = Delivery.objects.get(kind=Kind.PROFILE_CHECK)
    assert (row.status, row.outcome) == (Status.DROPPED, "they have checked their profile since")
