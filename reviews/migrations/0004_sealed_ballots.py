"""Anonymous answers that stored rows cannot link to a person (issue 17, part 1;
docs/anonymity.md).

- Anonymous answers wait sealed (SealedBallot) until the cycle closes.
- Drafts are encrypted.
- The anonymous rows already stored are written again, shuffled, by this migration's one
  transaction, so they no longer share a transaction id or an order with who answered.
"""

import random
import uuid

import django.db.models.deletion
from django.db import migrations, models

import coproduce.crypto


def drafts_are_encrypted(apps, schema_editor):
    Draft = apps.get_model("reviews", "Draft")
    for draft in Draft.objects.all():
        draft.sealed_values = draft.values
        draft.save(update_fields=["sealed_values"])


def drafts_are_decrypted(apps, schema_editor):
    Draft = apps.get_model("reviews", "Draft")
    for draft in Draft.objects.all():
        draft.values = draft.sealed_values
        draft.save(update_fields=["values"])


def anonymous_rows_are_written_again_shuffled(apps, schema_editor):
    shuffle = random.SystemRandom().shuffle
    for name, fields in (
        ("Answer", ["cycle_id", "role_group", "piece", "statement_key", "value", "comment"]),
        ("Placement", ["cycle_id", "role_group", "rung"]),
    ):
        model = apps.get_model("reviews", name)
        anonymous = model.objects.filter(user__isnull=True)
        rows = [model(id=uuid.uuid4(), **values) for values in anonymous.values(*fields)]
        shuffle(rows)
        anonymous.delete()
        model.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ("reviews", "0003_eligible_members"),
    ]

    operations = [
        migrations.CreateModel(
            name="SealedBallot",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("sealed", coproduce.crypto.EncryptedJSONField(default=dict)),
                (
                    "cycle",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="reviews.reviewcycle",
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="draft",
            name="sealed_values",
            field=coproduce.crypto.EncryptedJSONField(null=True),
        ),
        migrations.RunPython(drafts_are_encrypted, drafts_are_decrypted),
        migrations.RemoveField(model_name="draft", name="values"),
        migrations.RenameField(model_name="draft", old_name="sealed_values", new_name="values"),
        migrations.AlterField(
            model_name="draft",
            name="values",
            field=coproduce.crypto.EncryptedJSONField(default=dict),
        ),
        migrations.RunPython(anonymous_rows_are_written_again_shuffled, migrations.RunPython.noop),
    ]
