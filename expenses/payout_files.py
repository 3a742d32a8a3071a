"""One canonical batch, a writer per format: the batch and its items hold everything a file
shows, so rendering the same batch again gives the same bytes."""

from django.db.models import Q
from django.utils.translation import gettext as _

from coproduce.crypto import decrypting_once

from . import bacs, modulus, payment_csv
from .models import BatchStatus, PayoutBatch, mask_account_number, mask_sort_code


def credits(batch: PayoutBatch) -> tuple[bacs.Credit, ...]:
    """The payments the file carries: every item but those marked failed before the batch was
    sent (left out by the bank check when the batch was made, or by the finance officer), so
    a payment marked failed is never also paid. Items marked failed after the batch was sent
    stay: a file downloaded again is the one that was sent."""
    items = batch.items.order_by("claim_id")
    if batch.status == BatchStatus.READY:
        items = items.filter(failed_at__isnull=True)
    else:
        items = items.filter(Q(failed_at__isnull=True) | Q(failed_at__gt=batch.submitted_at))
    with decrypting_once():  # a person's payments share one encrypted copy of their details
        found = tuple(
            bacs.Credit(
                sort_code=item.sort_code,
                account_number=item.account_number,
                name=item.account_name,
                amount_pence=item.amount_pence,
                reference=item.reference,
            )
            for item in items
        )
    if batch.status == BatchStatus.READY:
        _check_accounts(found)
    return found


def _check_accounts(found: tuple[bacs.Credit, ...]) -> None:
    """The payout run left out accounts that fail the modulus check; this catches any that
    fail since (a newer weights table), before a file with them reaches the bank. The message
    names the claim's reference and only the last digits of the account."""
    for credit in found:
        if not modulus.is_valid(credit.sort_code, credit.account_number):
            raise bacs.BacsError(
                _(
                    "%(reference)s (sort code %(sort_code)s, account %(account)s) fails the "
                    "banks' modulus check. Mark that payment as failed so the person can "
                    "correct their bank details, then download the file again"
                )
                % {
                    "reference": credit.reference.strip(),
                    "sort_code": mask_sort_code(credit.sort_code),
                    "account": mask_account_number(credit.account_number),
                }
            )


def bacs_file(batch: PayoutBatch) -> bytes:
    return bacs.write(
        bacs.BacsFile(
            serial=batch.serial,
            file_number=f"{batch.pk % 1000:03d}",
            created_on=batch.created_on,
            processing_date=batch.processing_date,
            originator=bacs.Originator(
                service_user_number=batch.service_user_number,
                sort_code=batch.originator_sort_code,
                account_number=batch.originator_account_number,
                name=batch.originator_name,
            ),
            credits=credits(batch),
        )
    )


def csv_file(batch: PayoutBatch) -> bytes:
    return payment_csv.write_bank_csv(credits(batch))


# format name: (writer, file extension, content type)
FORMATS = {
    "bacs": (bacs_file, "txt", "text/plain; charset=us-ascii"),
    "csv": (csv_file, "csv", "text/csv; charset=utf-8"),
}
