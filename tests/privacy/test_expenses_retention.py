"""Erasure keeps payment records for the retention period, without bank details; the daily
retention job clears bank details and receipts once that period is over."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from expenses import services as expense_services
from expenses.models import Claim, ClaimLine, PaymentChoice, PayoutBatch, PayoutItem, Status
from privacy import services
from privacy.tasks import apply_retention
from tests.expenses.helpers import approved_claim, attended_meeting, receipt, set_rate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.BACS_ORIGINATOR_SORT_CODE = "401234"
    settings.BACS_ORIGINATOR_ACCOUNT = "12345678"
    settings.BACS_ORIGINATOR_NAME = "Coproduce Council"
    settings.BACS_ORIGINATOR_SERVICE_USER_NUMBER = "123456"


def test_erasure_keeps_payments_drops_drafts_receipts_and_bank_details(cast):
    paid = approved_claim(cast)
    [batch_id] = expense_services.payout_run()
    expense_services.batch_mark_submitted(
        batch=PayoutBatch.objects.get(pk=batch_id), by=cast.commissioner
    )
    set_rate(cast)
    draft = expense_services.claim_start(
        meeting=attended_meeting(cast, people=[cast.person]), claimant=cast.person
    )
    expense_services.claim_line_add_expense(
        claim=draft,
        expense_type="travel",
        description="Bus fare",
        amount_pence=250,
        receipt=receipt(),
        receipt_type="application/pdf",
    )
    receipt_name = ClaimLine.objects.get(claim=draft, kind="expense").receipt.name
    assert default_storage.exists(receipt_name)

    kept = services.erase(cast.person)

    assert list(Claim.objects.filter(claimant=cast.person)) == [paid]
    assert Claim.objects.get(pk=paid.pk).status == Status.PAID
    assert not default_storage.exists(receipt_name)
    assert not PaymentChoice.objects.filter(user=cast.person).exists()
    reasons = {k.title: k.reason for k in kept}
    assert reasons["Your claims"].startswith("Payment records are kept for 6 years")


def test_after_the_retention_period_payment_files_lose_bank_details(cast, settings):
    approved_claim(cast)
    [batch_id] = expense_services.payout_run()
    settings.PAYMENT_RECORDS_RETENTION_YEARS = 1
    PayoutBatch.objects.filter(pk=batch_id).update(created_at=timezone.now() - timedelta(days=366))
    apply_retention()
    item = PayoutItem.objects.get(batch_id=batch_id)
    assert (item.account_name, item.sort_code, item.account_number) == ("", "", "")
    assert item.amount_pence > 0  # the amounts stay for the accounts
