"""Expenses in a person's download, on erasure and under the retention job."""

from datetime import timedelta

import pytest
from django.utils import timezone

from expenses import services
from expenses.models import Claim, ClaimLine, PaymentChoice, PayoutItem, Status
from privacy.services import erase, export_for
from privacy.tasks import apply_retention
from tests.expenses.helpers import (
    attended_meeting,
    bank_choice,
    receipt,
    set_rate,
    submitted_claim,
)

pytestmark = pytest.mark.django_db


def _paid_and_draft(cast):
    paid = submitted_claim(cast, expense_pence=450)
    services.claim_approve(claim=paid, by=cast.facilitator)
    services.payout_run()
    draft = services.claim_start(meeting=attended_meeting(cast), claimant=cast.person)
    services.claim_line_add_expense(
        claim=draft,
        expense_type="travel",
        description="Taxi",
        amount_pence=900,
        receipt=receipt(),
        receipt_type="application/pdf",
    )
    return paid, draft


def test_the_download_has_claims_and_the_payment_choice_but_no_account_numbers(cast):
    bank_choice(cast.person)
    _paid_and_draft(cast)
    data = export_for(cast.person)
    assert data["How you are paid"][0]["method"] == "bank"
    assert len(data["Your claims"]) == 2
    assert len(data["Payments made to you"]) == 1
    assert "00733445" not in str(data) and "309457" not in str(data)


def test_erasure_deletes_the_choice_and_unpaid_claims_with_their_receipts_and_keeps_payments(
    cast,
):
    paid, draft = _paid_and_draft(cast)
    line = draft.lines.get(kind="expense")
    storage, name = line.receipt.storage, line.receipt.name
    assert storage.exists(name)
    kept = erase(cast.person)
    assert not PaymentChoice.objects.filter(user=cast.person).exists()
    assert list(Claim.objects.values_list("pk", flat=True)) == [paid.pk]
    assert not storage.exists(name)
    assert PayoutItem.objects.filter(claim=paid).exists()
    assert any("Payment records are kept" in k.reason for k in kept)


def test_the_retention_job_removes_receipts_of_payments_older_than_the_records_period(
    cast, settings
):
    set_rate(cast)
    claim = submitted_claim(cast, expense_pence=450)
    line = ClaimLine.objects.get(claim=claim, kind="expense")
    storage, name = line.receipt.storage, line.receipt.name
    old = timezone.now() - timedelta(days=365 * settings.PAYMENT_RECORDS_RETENTION_YEARS + 1)
    Claim.objects.filter(pk=claim.pk).update(status=Status.PAID, paid_at=old)
    apply_retention()
    line.refresh_from_db()
    assert not line.receipt and not storage.exists(name)
