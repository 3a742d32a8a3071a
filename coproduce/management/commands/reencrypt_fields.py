"""Re-encrypt every encrypted column with the first key of FIELD_ENCRYPTION_KEYS.

Key rotation (README, "Backups and keys"): list the new key first and keep the old one after
it on every machine, run this, then drop the old key. Rows are locked a batch at a time, so
people can keep using the service while it runs, and running it again is harmless.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from coproduce.crypto import EncryptedTextField

BATCH = 500


def encrypted_fields():
    """[(model, [field names])] for every model with an encrypted column."""
    found = []
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if names:
            found.append((model, names))
    return found


class Command(BaseCommand):
    help = "Re-encrypt every encrypted column with the first key of FIELD_ENCRYPTION_KEYS."

    def handle(self, *args, **options):
        for model, names in encrypted_fields():
            done = 0
            pks = list(model.objects.order_by("pk").values_list("pk", flat=True))
            for start in range(0, len(pks), BATCH):
                done += self._batch(model, names, pks[start : start + BATCH])
            label = model._meta.label
            self.stdout.write(f"{label}: {done} rows re-encrypted ({', '.join(names)})")

    @staticmethod
    @transaction.atomic
    def _batch(model, names, pks) -> int:
        # Read (decrypting with whichever key fits) and write back (encrypting with the first).
        # bulk_update sends no signals and leaves auto_now dates alone: nothing else changes.
        rows = list(model.objects.select_for_update().filter(pk__in=pks).only("pk", *names))
        model.objects.bulk_update(rows, names)
        return len(rows)
