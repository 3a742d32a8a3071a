"""The personal data expenses holds (see privacy/registry.py).

A person's payment choice goes when they ask to be erased. Their claims go too, except those
that moved money (or are about to): those are financial records, kept for
PAYMENT_RECORDS_RETENTION_YEARS. Bank account numbers are never put in the download; the
person sees how they are paid, not their numbers.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q

from privacy.registry import OnErase, Section, register

from .models import (
    COMMITTED,
    Claim,
    ClaimEvent,
    ClaimLine,
    PaymentChoice,
    PaymentPolicy,
    PayoutBatch,
    PayoutItem,
    Rate,
    Status,
)

PAYMENT_RECORDS = (
    f"Payment records are kept for {settings.PAYMENT_RECORDS_RETENTION_YEARS} years, "
    "as financial records must be."
)
HANDLED = "Other people's claims and the project's accounts; they no longer show your name."


def _money_moved(claims, _user=None):
    """Claims that are payment records: paid, being paid, or with a payment made."""
    return claims.filter(
        Q(status__in=(Status.PAID, *COMMITTED)) | Q(payout_items__isnull=False)
    ).distinct()


def _delete_receipts_of_erased_claims(user) -> None:
    claims = Claim.objects.filter(claimant=user)
    for line in ClaimLine.objects.filter(claim__in=claims.exclude(pk__in=_money_moved(claims))):
        if line.receipt:
            line.receipt.delete(save=False)


def _forget_old_receipts(now) -> int:
    """Receipts of claims paid longer ago than payment records are kept."""
    cutoff = now - timedelta(days=365 * settings.PAYMENT_RECORDS_RETENTION_YEARS)
    lines = ClaimLine.objects.filter(claim__paid_at__lt=cutoff).exclude(receipt="")
    count = 0
    for line in lines:
        line.receipt.delete(save=False)
        line.receipt_name = ""
        line.save(update_fields=["receipt", "receipt_name"])
        count += 1
    return count


register(
    Section(
        "How you are paid",
        PaymentChoice,
        ("user",),
        ("method", "time_payment", "lower_amount_pence", "charity_name", "updated_at"),
    ),
    Section(
        "Your claims",
        Claim,
        ("claimant",),
        (
            "project__title",
            "meeting__title",
            "status",
            "method",
            "time_pence",
            "expenses_pence",
            "donation_pence",
            "charity_name",
            "submitted_at",
            "approved_at",
            "paid_at",
            "reason",
        ),
        keep_only=_money_moved,
        reason=PAYMENT_RECORDS,
    ),
    Section(
        "Payments made to you",
        PayoutItem,
        ("claim__claimant",),
        ("batch__created_on", "amount_pence", "reference", "failed_at", "failure_reason"),
        on_erase=OnErase.KEEP,
        reason=PAYMENT_RECORDS,
    ),
    Section(
        "Claims you started, confirmed, approved or paid for someone",
        Claim,
        (
            "started_by",
            "confirmed_by_phone_by",
            "first_approved_by",
            "second_approved_by",
            "handed_over_by",
        ),
        ("project__title", "meeting__title", "status", "submitted_at"),
        on_erase=OnErase.KEEP,
        reason=HANDLED,
    ),
    Section(
        "Changes you made to claims",
        ClaimEvent,
        ("by",),
        ("claim__project__title", "action", "note", "at"),
        on_erase=OnErase.KEEP,
        reason=HANDLED,
    ),
    Section(
        "Payment policies you set",
        PaymentPolicy,
        ("updated_by",),
        ("project__title", "updated_at"),
        on_erase=OnErase.KEEP,
        reason=HANDLED,
    ),
    Section(
        "Rates you added",
        Rate,
        ("created_by",),
        ("project__title", "activity", "amount_pence", "effective_from"),
        on_erase=OnErase.KEEP,
        reason=HANDLED,
    ),
    Section(
        "Payout batches you sent to the bank",
        PayoutBatch,
        ("submitted_by",),
        ("created_on", "total_pence", "submitted_at"),
        on_erase=OnErase.KEEP,
        reason=HANDLED,
    ),
    erase_step=_delete_receipts_of_erased_claims,
    retention=_forget_old_receipts,
)
