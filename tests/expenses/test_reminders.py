"""Reminders about claims: waiting for approval (to facilitators) and paid (to the claimant)."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from expenses import services
from expenses.models import PayoutBatch, PayoutItem
from expenses.reminder_kinds import ClaimPaid, ClaimWaiting
from reminders import preferences
from reminders.models import Delivery, Kind, Status
from reminders.services import reminders_plan, reminders_send, reminders_tick
from tests.base import LONDON, add_member
from tests.expenses.helpers import approved_claim, submitted_claim

pytestmark = pytest.mark.django_db

FRIDAY = datetime(2026, 12, 4, 10, 0, tzinfo=LONDON)
TUESDAY = datetime(2026, 12, 8, 10, 0, tzinfo=LONDON)  # 2 working days later


def _emails_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def _claim_sent_on_friday(cast, **kwargs):
    with time_machine.travel(FRIDAY, tick=False):
        return submitted_claim(cast, **kwargs)


def test_facilitators_hear_of_a_claim_waiting_over_two_working_days_once(cast):
    claim = _claim_sent_on_friday(cast)
    with time_machine.travel(TUESDAY - timedelta(minutes=1), tick=False):
        reminders_tick()  # Monday and Tuesday morning: the weekend does not count
    assert _emails_to(cast.facilitator) == []
    with time_machine.travel(TUESDAY, tick=False):
        reminders_tick()
        reminders_tick()
    [message] = _emails_to(cast.facilitator)
    assert message.subject == "A claim from Pat is waiting for approval"
    assert f"/claims/{claim.pk}/" in message.body
    assert "£40.00" in message.body
    assert _emails_to(cast.commissioner) == [] and _emails_to(cast.person) == []


def test_a_claim_decided_before_the_reminder_goes_is_dropped(cast):
    claim = _claim_sent_on_friday(cast)
    reminders_plan(now=TUESDAY)
    services.claim_approve(claim=claim, by=cast.facilitator)
    reminders_send(now=TUESDAY)
    row = Delivery.objects.get(kind=Kind.CLAIM_WAITING, recipient=cast.facilitator)
    assert (row.status, row.outcome) == (Status.DROPPED, "the claim has been decided")
    assert mail.outbox == []


def test_planning_claim_reminders_takes_the_same_queries_for_few_and_many_claims(cast):
    def queries():
        Delivery.objects.all().delete()
        with CaptureQueriesContext(connection) as captured:
            ClaimWaiting().plan(TUESDAY, preferences.load)
        return len(captured)

    _claim_sent_on_friday(cast)
    few = queries()
    for _ in range(8):
        carer = add_member(cast.project, "carer").user
        _claim_sent_on_friday(cast, claimant=carer)
    assert len(ClaimWaiting().plan(TUESDAY, preferences.load)) == 9
    assert queries() == few


PAID_AT = datetime(2026, 12, 8, 11, 0, tzinfo=LONDON)
NOON = PAID_AT + timedelta(hours=1)


def _paid(cast):
    with time_machine.travel(PAID_AT, tick=False):
        claim = approved_claim(cast)
        [batch_id] = services.payout_run()
        batch = PayoutBatch.objects.get(pk=batch_id)
        services.batch_mark_submitted(batch=batch, by=cast.commissioner)
    return claim


def test_the_claimant_hears_once_that_their_claim_was_paid(cast):
    claim = _paid(cast)
    with time_machine.travel(NOON, tick=False):
        reminders_tick()
        reminders_tick()
    [message] = _emails_to(cast.person)
    assert message.subject == f"Your claim for {claim.meeting.title} has been paid"
    assert "Amount: £40.00" in message.body
    assert "Bank transfer" in message.body


def test_a_payment_that_failed_before_the_reminder_went_is_not_announced(cast):
    claim = _paid(cast)
    now = NOON
    reminders_plan(now=now)
    services.payout_item_fail(
        item=PayoutItem.objects.get(claim=claim), by=cast.commissioner, reason="Closed"
    )
    reminders_send(now=now)
    row = Delivery.objects.get(kind=Kind.CLAIM_PAID)
    assert (row.status, row.outcome) == (Status.DROPPED, "the payment did not go through")


def test_the_easy_read_email_says_it_in_short_sentences(cast):
    from reminders.channels import build_email
    from reminders.preferences import Preferences

    claim = _paid(cast)
    [delivery] = ClaimPaid().plan(NOON, None)
    delivery.recipient = cast.person
    delivery.pk = 1
    message = build_email(delivery, {"claim": claim}, Preferences(format="easy_read"))
    assert message.subject == "You have been paid"
    assert "We have paid you." in message.body
