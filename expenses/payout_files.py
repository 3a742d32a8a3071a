"""One canonical batch, a writer per format: the batch and its items hold everything a file
shows, so rendering the same batch again gives the same bytes."""

from . import bacs, payment_csv
from .models import PayoutBatch


def credits(batch: PayoutBatch) -> tuple[bacs.Credit, ...]:
    return tuple(
        bacs.Credit(
            sort_code=item.sort_code,
            account_number=item.account_number,
            name=item.account_name,
            amount_pence=item.amount_pence,
            reference=item.reference,
        )
        for item in batch.items.order_by("claim_id")
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
