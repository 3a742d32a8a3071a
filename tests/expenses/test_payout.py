"""The payout run, the finance officer's batches, failed payments and when people are paid."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from expenses import services, tasks
from expenses.models import (
    BatchStatus,
    Claim,
    ClaimKind,
    Method,
    PaymentChoice,
    PayoutBatch,
    PayoutItem,
    Status,
)
from expenses.schedule import expected_payment_date, next_payout_day, tax_year_start
from tests.base import LONDON, add_member, give_second_factor
from tests.expenses.helpers import approved_claim, attended_meeting, bank_choice

pytestmark = pytest.mark.django_db


def test_the_payout_task_batches_approved_bank_transfers_once_however_often_it_runs(cast):
    first = approved_claim(cast, expense_pence=450)
    carer = approved_claim(cast, claimant=cast.carer)
    [batch_id] = tasks.payout_run()
    assert tasks.payout_run() == []
    batch = PayoutBatch.objects.get(pk=batch_id)
    assert (batch.method, batch.status, batch.item_count) == (Method.BANK, BatchStatus.READY, 2)
    assert batch.total_pence == 4450 + 4000
    assert sorted(batch.items.values_list("claim_id", "amount_pence")) == sorted(
        [(first.pk, 4450), (carer.pk, 4000)]
    )
    assert set(Claim.objects.values_list("status", flat=True)) == {Status.SCHEDULED}
    item = batch.items.get(claim=first)
    assert (item.sort_code, item.account_number, item.reference) == (
        "309457",
        "00733446",
        f"COPRODUCE {first.pk}",
    )


def test_cash_and_voucher_claims_are_not_batched(cast):
    PaymentChoice.objects.create(user=cast.person, method=Method.CASH)
    claim = approved_claim(cast)
    assert services.payout_run() == []
    claim.refresh_from_db()
    assert claim.status == Status.APPROVED


def test_a_claim_whose_bank_details_went_missing_fails_back_to_the_claimant(cast):
    claim = approved_claim(cast)
    PaymentChoice.objects.filter(user=cast.person).update(sort_code="")
    assert services.payout_run() == []
    claim.refresh_from_db()
    assert claim.status == Status.FAILED
    assert "bank details" in claim.reason


def test_batches_are_cut_at_the_limit(cast):
    for user in [cast.person, cast.carer, add_member(cast.project, "carer").user]:
        approved_claim(cast, claimant=user)
    batches = services.payout_run(limit=2)
    assert [PayoutBatch.objects.get(pk=b).item_count for b in batches] == [2, 1]


def _payout_queries(cast, claimants: int) -> int:
    for _ in range(claimants):
        approved_claim(cast, claimant=add_member(cast.project, "carer").user)
    with CaptureQueriesContext(connection) as queries:
        [_batch] = services.payout_run()
    assert Claim.objects.filter(status=Status.SCHEDULED).count() == claimants
    return len(queries)


def test_a_batch_takes_the_same_queries_for_2_and_12_claims(cast):
    few = _payout_queries(cast, 2)
    Claim.objects.update(status=Status.PAID, paid_at=datetime(2027, 1, 4, tzinfo=LONDON))
    assert _payout_queries(cast, 12) == few


def _finance_officer():
    from django.contrib.auth.models import Permission

    from tests.base import make_user

    officer = make_user("fiona")
    officer.user_permissions.add(Permission.objects.get(codename="process_payouts"))
    give_second_factor(officer)  # finance officers need one
    return officer


def test_marking_a_batch_sent_pays_its_claims_once(cast):
    claim = approved_claim(cast)
    [batch_id] = services.payout_run()
    batch = PayoutBatch.objects.get(pk=batch_id)
    officer = _finance_officer()
    services.batch_mark_submitted(batch=batch, by=officer)
    claim.refresh_from_db()
    assert claim.status == Status.PAID and claim.paid_at is not None
    with pytest.raises(ValidationError, match="already been marked"):
        services.batch_mark_submitted(batch=batch, by=officer)
    assert claim.events.filter(action="paid").count() == 1


def test_a_failed_payment_goes_back_to_the_claimant_who_can_ask_again(cast):
    claim = approved_claim(cast)
    [batch_id] = services.payout_run()
    officer = _finance_officer()
    services.batch_mark_submitted(batch=PayoutBatch.objects.get(pk=batch_id), by=officer)
    item = PayoutItem.objects.get(claim=claim)
    with pytest.raises(ValidationError, match="Say why"):
        services.payout_item_fail(item=item, by=officer, reason="")
    services.payout_item_fail(item=item, by=officer, reason="Account closed")
    claim.refresh_from_db()
    assert (claim.status, claim.reason, claim.paid_at) == (Status.FAILED, "Account closed", None)
    with pytest.raises(ValidationError, match="already marked"):
        services.payout_item_fail(item=item, by=officer, reason="again")
    # The person gives new details and asks again: a second payment, in a new batch.
    bank_choice(cast.person, sort_code="200000", account_number="12340119")
    services.claim_retry(claim=claim, by=cast.person)
    [second] = services.payout_run()
    new_item = PayoutItem.objects.get(batch_id=second)
    assert (new_item.claim_id, new_item.sort_code) == (claim.pk, "200000")
    assert PayoutItem.objects.filter(claim=claim, failed_at__isnull=True).count() == 1


def test_the_database_refuses_a_second_live_payment_for_a_claim(cast):
    from django.db import IntegrityError, transaction

    claim = approved_claim(cast)
    [batch_id] = services.payout_run()
    item = PayoutItem.objects.get(claim=claim)
    with pytest.raises(IntegrityError), transaction.atomic():
        PayoutItem.objects.create(
            batch_id=batch_id,
            claim=claim,
            amount_pence=1,
            account_name="x",
            sort_code="1",
            account_number="1",
            reference="x",
        )
    assert item.pk


@pytest.mark.parametrize(
    "now, payout_day, paid_by",
    [
        # Monday 30 November 2026 at 05:00: today's 06:00 run, Bacs day 3 is Wednesday.
        (datetime(2026, 11, 30, 5, 0, tzinfo=LONDON), date(2026, 11, 30), date(2026, 12, 2)),
        # Wednesday after the run: Thursday's run, paid by Monday (the weekend skipped).
        (datetime(2026, 12, 2, 9, 0, tzinfo=LONDON), date(2026, 12, 3), date(2026, 12, 7)),
        # Saturday: Monday's run, paid by Wednesday.
        (datetime(2026, 12, 5, 12, 0, tzinfo=LONDON), date(2026, 12, 7), date(2026, 12, 9)),
    ],
)
def test_people_are_told_the_day_they_will_be_paid_by(now, payout_day, paid_by):
    assert next_payout_day(now) == payout_day
    assert expected_payment_date(now) == paid_by


def test_the_claimant_sees_paid_by_a_day_in_plain_words(client, cast):
    with time_machine.travel(datetime(2026, 11, 30, 5, 0, tzinfo=LONDON), tick=False):
        claim = approved_claim(cast, meeting=attended_meeting(cast, days_ago=3))
        client.force_login(cast.person)
        page = client.get(f"/projects/{cast.project.pk}/claims/{claim.pk}/").text
    assert "Paid by Wednesday 2 December" in page


def test_the_tax_year_starts_on_6_april():
    assert tax_year_start(date(2027, 4, 5)) == date(2026, 4, 6)
    assert tax_year_start(date(2027, 4, 6)) == date(2027, 4, 6)


def test_the_demo_has_a_finance_officer_and_claims_and_runs_twice_the_same(db, settings):
    from django.core.management import call_command

    from accounts.models import User
    from expenses.access import is_finance_officer

    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    assert is_finance_officer(User.objects.get(email="finance@example.com"))
    # A claim in every state (expenses/demo.py), made once however often the demo runs.
    meetings = Claim.objects.filter(kind=ClaimKind.MEETING)
    assert sorted(meetings.values_list("status", flat=True)) == sorted(
        [
            Status.DRAFT,
            Status.SUBMITTED,
            Status.SUBMITTED,
            Status.SUBMITTED,  # Jo's in the other two projects
            Status.SUBMITTED,
            Status.SUBMITTED,  # Grace's, approved by the facilitator, waiting for a commissioner
            Status.APPROVED,
            Status.PAID,
            Status.PAID,
            Status.PAID,  # the second project's and the draft's (expenses/demo.py)
            Status.PAID,
            Status.REJECTED,
            Status.RETURNED,
        ]
    )
    # One over the threshold waits for the commissioner, after the facilitator's approval.
    waiting = meetings.get(status=Status.SUBMITTED, first_approved_by__isnull=False)
    assert waiting.gross_pence > waiting.project.payment_policy.approval_threshold_pence
    # A claim for work between meetings and an advance for the next meeting (issue 20, 11),
    # and an open date poll (12), once each.
    assert sorted(Claim.objects.exclude(kind=ClaimKind.MEETING).values_list("kind", "status")) == [
        (ClaimKind.ADVANCE, Status.APPROVED),
        (ClaimKind.BETWEEN_MEETINGS, Status.SUBMITTED),
    ]
    from datepolls.models import DatePoll

    assert [poll.is_open for poll in DatePoll.objects.all()] == [True]
