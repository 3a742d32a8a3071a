"""Review reminders: REVIEW_OPEN to members who have not answered, REVIEW_CLOSING two days
before the close to those who still have not; dropped once they answer."""

from datetime import date, datetime, time

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Role
from reminders import channels
from reminders.kinds import KINDS
from reminders.models import Delivery, Kind, Status
from reminders.preferences import Preferences, load
from reminders.services import reminders_plan, reminders_send, reminders_tick
from reviews import services
from tests.base import LONDON, add_member
from tests.reviews.factories import answer, make_cycle

pytestmark = pytest.mark.django_db

OPENS, CLOSES = date(2027, 5, 10), date(2027, 5, 24)


def _at(day, hour=9, minute=0):
    return datetime.combine(day, time(hour, minute), LONDON)


def _emails_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def test_members_who_have_not_answered_are_told_once_when_a_review_opens(cast):
    cycle = make_cycle(cast.project, opens_on=OPENS, closes_on=CLOSES, title="Summer review")
    answer(cycle, cast.professional)
    with time_machine.travel(_at(OPENS, 8, 59), tick=False):
        reminders_tick()
    assert mail.outbox == []
    with time_machine.travel(_at(OPENS, 9, 1), tick=False):
        reminders_tick()
        reminders_tick()
    assert len(_emails_to(cast.carer)) == 1
    message = _emails_to(cast.carer)[0]
    assert message.subject == "Summer review is open for your answers (Short breaks)"
    assert f"/projects/{cast.project.pk}/reviews/{cycle.pk}/" in message.body
    assert "Monday 24 May 2027" in message.body
    assert _emails_to(cast.professional) == []
    everyone = {cast.commissioner, cast.facilitator, cast.person, cast.carer}
    assert {u.email for u in everyone} == {m.to[0] for m in mail.outbox}
    assert Delivery.objects.filter(kind=Kind.REVIEW_OPEN).count() == 4


def test_a_review_opened_in_the_afternoon_is_announced_at_once(cast):
    cycle = make_cycle(cast.project, "scheduled", opens_on=date(2027, 5, 20), closes_on=CLOSES)
    with time_machine.travel(_at(OPENS, 15), tick=False):
        services.cycle_open(cycle=cycle)
        reminders_tick()
    assert len(_emails_to(cast.person)) == 1


def test_the_closing_reminder_goes_two_days_before_only_to_those_who_have_not_answered(cast):
    cycle = make_cycle(cast.project, opens_on=OPENS, closes_on=CLOSES, title="Summer review")
    with time_machine.travel(_at(OPENS, 10), tick=False):
        reminders_tick()
    answer(cycle, cast.carer)
    mail.outbox.clear()
    with time_machine.travel(_at(date(2027, 5, 22), 8, 59), tick=False):
        reminders_tick()
    assert mail.outbox == []
    with time_machine.travel(_at(date(2027, 5, 22), 9, 0), tick=False):
        reminders_tick()
        reminders_tick()
    assert _emails_to(cast.carer) == []
    assert len(_emails_to(cast.person)) == 1
    assert _emails_to(cast.person)[0].subject == (
        "Summer review closes on Monday 24 May: please answer"
    )
    rows = Delivery.objects.filter(kind=Kind.REVIEW_CLOSING)
    assert {(r.recipient, r.occurrence, r.status) for r in rows} == {
        (user, "2d", Status.SENT)
        for user in (cast.commissioner, cast.facilitator, cast.person, cast.professional)
    }


def test_a_reminder_planned_before_the_member_answered_is_dropped_not_sent(cast):
    cycle = make_cycle(cast.project, opens_on=OPENS, closes_on=CLOSES)
    now = _at(date(2027, 5, 22))
    reminders_plan(now=now)
    answer(cycle, cast.person)
    reminders_send(now=now)
    row = Delivery.objects.get(recipient=cast.person, kind=Kind.REVIEW_CLOSING)
    assert (row.status, row.outcome) == (Status.DROPPED, "they have answered")
    assert _emails_to(cast.person) == []


def test_reminders_about_a_review_closed_early_are_dropped(cast):
    cycle = make_cycle(cast.project, opens_on=OPENS, closes_on=CLOSES)
    now = _at(date(2027, 5, 22))
    reminders_plan(now=now)
    services.cycle_close(cycle=cycle, today=date(2027, 5, 22))
    reminders_send(now=now)
    assert set(Delivery.objects.values_list("status", "outcome")) == {
        (Status.DROPPED, "the review is no longer open")
    }
    assert mail.outbox == []


def test_a_short_review_gets_no_closing_reminder_on_top_of_the_opening_one(cast):
    make_cycle(cast.project, opens_on=OPENS, closes_on=date(2027, 5, 12))
    reminders_plan(now=_at(date(2027, 5, 12)))
    assert set(Delivery.objects.values_list("kind", flat=True)) == {Kind.REVIEW_OPEN}


@pytest.mark.parametrize("kind", [Kind.REVIEW_OPEN, Kind.REVIEW_CLOSING])
def test_easy_read_emails_and_text_messages_have_their_own_wording(cast, kind):
    cycle = make_cycle(cast.project, opens_on=OPENS, closes_on=CLOSES, title="Summer review")
    reminders_plan(now=_at(date(2027, 5, 22)))
    row = Delivery.objects.get(recipient=cast.person, kind=kind)
    extra = KINDS[kind].context([row])[row.pk]
    easy = channels.build_email(row, extra, Preferences(format="easy_read"))
    assert "Summer review" in easy.subject and "The project is: Short breaks." in easy.body
    text = channels.sms_text(row, extra, Preferences(channel="sms"))
    assert "Summer review" in text and f"/reviews/{cycle.pk}/" in text
    assert len(text) < 160


def test_members_who_joined_after_a_review_opened_are_not_reminded_to_answer_it(cast):
    cycle = make_cycle(cast.project, opens_on=OPENS, closes_on=CLOSES)
    newcomer = add_member(cast.project, Role.PERSON).user
    for moment in (_at(OPENS, 10), _at(date(2027, 5, 22), 9)):
        with time_machine.travel(moment, tick=False):
            reminders_tick()
    assert _emails_to(newcomer) == []
    assert len(_emails_to(cast.carer)) == 2
    assert not Delivery.objects.filter(recipient=newcomer).exists()
    assert Delivery.objects.filter(subject=f"review:{cycle.pk}").count() == 10  # 5 members, twice


@pytest.mark.parametrize("kind", [Kind.REVIEW_OPEN, Kind.REVIEW_CLOSING])
def test_planning_takes_the_same_queries_for_few_and_many_members(cast, kind):
    make_cycle(cast.project, opens_on=OPENS, closes_on=CLOSES)
    make_cycle(cast.project, opens_on=OPENS, closes_on=CLOSES, title="Other")
    now = _at(date(2027, 5, 22))

    def queries():
        with CaptureQueriesContext(connection) as captured:
            rows = KINDS[kind].plan(now, load)
        return len(captured), len(rows)

    few = queries()
    for _ in range(20):
        add_member(cast.project, Role.PERSON)
    third = make_cycle(cast.project, opens_on=OPENS, closes_on=CLOSES, title="Third")
    answer(third, cast.person)
    many = queries()
    assert few[0] == many[0]
    # The twenty who joined are asked about the third review only: they joined after the
    # first two opened.
    assert (few[1], many[1]) == (10, 10 + 24)
