from datetime import timedelta

from django.conf import settings
from django.db.models import Q

from privacy.registry import OnErase, Section, register

from .models import (
    BankDetailsChange,
    Claim,
    ClaimEvent,
    ClaimLine,
    PaymentChoice,
    PaymentPolicy,
    PayoutBatch,
    PayoutItem,
    PolicyChange,
    Rate,
    Status,
)


def _retention_start(now):
    return now - timedelta(days=365 * settings.PAYMENT_RECORDS_RETENTION_YEARS)


def _payment_records(claims, user):
    """Claims that are money records: being paid, or paid inside the retention period. The
    rest (drafts, claims waiting, refused or long paid) go on erasure."""
    from django.utils import timezone

    start = _retention_start(timezone.now())
    return claims.filter(
        Q(status__in=[Status.APPROVED, Status.SCHEDULED])
        | Q(status=Status.PAID, paid_at__gte=start)
    ).filter(claimant=user)


def _delete_receipt_files(user):
    # Receipts of the claims erasure deletes; the rows go with their claims.
    for line in ClaimLine.objects.filter(claim__claimant=user).exclude(receipt=""):
        if not _payment_records(Claim.objects.filter(pk=line.claim_id), user).exists():
            line.receipt.delete(save=False)


def _forget_old_payment_details(now) -> int:
    """After the retention period, payment files lose their bank details and claims their
    receipts; the amounts stay for the project's accounts."""
    start = _retention_start(now)
    items = PayoutItem.objects.filter(batch__created_at__lt=start).exclude(account_number="")
    cleared = items.update(account_name="", sort_code="", account_number="")
    old_lines = ClaimLine.objects.filter(claim__created_at__lt=start).exclude(receipt="")
    for line in old_lines:
        line.receipt.delete(save=False)
    return cleared + old_lines.update(receipt="", receipt_name="", receipt_type="")


KEPT = "The project's record of its payments and decisions; it no longer shows your name."

register(
    Section(
        "How you want to be paid",
        PaymentChoice,
        ("user",),
        (
            "method",
            "time_payment",
            "lower_amount_pence",
            "charity_name",
            "account_name",
            "sort_code",
            "account_number",
            "updated_at",
        ),
    ),
    Section(
        "Changes to your bank details",
        BankDetailsChange,
        ("user",),
        (
            "changed_at",
            "change",
            "hold_until",
            "released_at",
            "release_reason",
            "confirmed_at",
            "confirmation_note",
        ),
    ),
    Section(
        "Payment choices you recorded for someone without email",
        PaymentChoice,
        ("recorded_by",),
        ("updated_at",),
        on_erase=OnErase.KEEP,
        reason=KEPT,
    ),
    Section(
        "Bank details you recorded for someone, or confirmed",
        BankDetailsChange,
        ("recorded_by", "confirmed_by"),
        ("changed_at", "change", "confirmed_at"),
        on_erase=OnErase.KEEP,
        reason=KEPT,
    ),
    Section(
        "Holds on payments you released early",
        BankDetailsChange,
        ("released_by",),
        ("released_at", "release_reason"),
        on_erase=OnErase.KEEP,
        reason=KEPT,
    ),
    Section(
        "Changes to payment policies you proposed or decided",
        PolicyChange,
        ("proposed_by", "decided_by"),
        ("project__title", "threshold_pence", "status", "proposed_at", "decided_at"),
        on_erase=OnErase.KEEP,
        reason=KEPT,
    ),
    Section(
        "Your claims",
        Claim,
        ("claimant",),
        (
            "project__title",
            "kind",
            "meeting__title",
            "work_date",
            "description",
            "status",
            "method",
            "time_pence",
            "expenses_pence",
            "donation_pence",
            "advance_pence",
            "owed_pence",
            "submitted_at",
            "approved_at",
            "paid_at",
            "reason",
        ),
        keep_only=_payment_records,
        reason=f"Payment records are kept for {settings.PAYMENT_RECORDS_RETENTION_YEARS} "
        "years, as the law on accounts requires; your bank details are not kept.",
    ),
    Section(
        "Claims you started, approved, confirmed or paid in cash",
        Claim,
        (
            "started_by",
            "confirmed_by_phone_by",
            "first_approved_by",
            "second_approved_by",
            "handed_over_by",
        ),
        ("project__title", "status", "approved_at"),
        on_erase=OnErase.KEEP,
        reason=KEPT,
    ),
    Section(
        "Changes you made to claims",
        ClaimEvent,
        ("by",),
        ("claim_id", "action", "from_status", "to_status", "at"),
        on_erase=OnErase.KEEP,
        reason=KEPT,
    ),
    Section(
        "Payment policies and rates you set",
        PaymentPolicy,
        ("updated_by",),
        ("project__title", "updated_at"),
        on_erase=OnErase.KEEP,
        reason=KEPT,
    ),
    Section(
        "Rates you added",
        Rate,
        ("created_by",),
        ("project__title", "activity", "amount_pence", "effective_from"),
        on_erase=OnErase.KEEP,
        reason=KEPT,
    ),
    Section(
        "Payment batches you sent to the bank",
        PayoutBatch,
        ("submitted_by",),
        ("created_on", "total_pence", "item_count", "submitted_at"),
        on_erase=OnErase.KEEP,
        reason=KEPT,
    ),
    erase_step=_delete_receipt_files,
    retention=_forget_old_payment_details,
)
