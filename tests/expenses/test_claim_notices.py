"""People are told what happens to their money: a claim sent back for a change, turned down, or
whose payment failed tells the claimant once, on their channel and format, with what to do
next; their home page lists the claims that need them."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from expenses import services
from expenses.models import PaymentChoice, PayoutItem
from reminders.models import Delivery, Kind, Status
from reminders.services import reminders_tick
from tests.expenses.helpers import a_batch, approved_claim, submitted_claim

pytestmark = pytest.mark.django_db


def _told(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def test_a_claim_sent_back_tells_the_claimant_once_what_to_change(client, cast):
    claim = submitted_claim(cast)
    client.force_login(cast.facilitator)
    client.post(
        reverse("claim-decide", args=[cast.project.pk, claim.pk]),
        {"decision": "return", "reason": "Please add the bus ticket."},
    )
    reminders_tick()
    reminders_tick()
    [message] = _told(cast.person)
    assert message.subject == "Your claim needs a change"
    assert "Please add the bus ticket." in message.body
    assert "make the change and send it again" in message.body
    client.force_login(cast.person)
    home = client.get(reverse("home")).text
    assert "Claims that need you" in home
    assert reverse("claim-detail", args=[cast.project.pk, claim.pk]) in home


def test_a_claim_turned_down_tells_the_claimant(client, cast):
    claim = submitted_claim(cast)
    services.claim_send_back(claim=claim, by=cast.facilitator, reason="Not a meeting.", reject=True)
    reminders_tick()
    [message] = _told(cast.person)
    assert message.subject == "Your claim has been turned down"
    assert "Not a meeting." in message.body


def test_a_failed_payment_tells_the_claimant_what_to_do(cast):
    batch = a_batch(cast)
    item = PayoutItem.objects.get(batch=batch)
    services.payout_item_fail(item=item, by=cast.outsider, reason="Account closed.")
    reminders_tick()
    [message] = _told(cast.person)
    assert message.subject == "We could not pay your claim"
    assert "Account closed." in message.body
    assert "ask to be paid again" in message.body


def test_a_notice_is_dropped_if_the_claim_moved_on_before_it_went(cast):
    claim = submitted_claim(cast)
    services.claim_send_back(claim=claim, by=cast.facilitator, reason="Add it.", reject=False)
    services.claim_submit(claim=claim, by=cast.person)
    reminders_tick()
    assert not _told(cast.person)
    assert Delivery.objects.get(kind=Kind.CLAIM_OUTCOME).status == Status.DROPPED


def _unpayable_run(cast, claims: int) -> int:
    """The queries of a payout run that cannot pay `claims` claims (no bank details)."""
    PaymentChoice.objects.filter(user=cast.person).delete()
    for _ in range(claims):
        approved_claim(cast)
    PaymentChoice.objects.filter(user=cast.person).update(account_number="")
    with CaptureQueriesContext(connection) as run:
        services.payout_run()
    assert Delivery.objects.filter(kind=Kind.CLAIM_OUTCOME).count() == claims
    return len(run)


def test_a_payout_run_tells_everyone_it_could_not_pay_in_a_fixed_number_of_queries(cast):
    one = _unpayable_run(cast, 1)
    Delivery.objects.all().delete()
    assert _unpayable_run(cast, 5) == one
