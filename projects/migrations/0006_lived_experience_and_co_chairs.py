from django.db import migrations, models

# As projects.models.LIVED_EXPERIENCE_ROLES is when this migration is written.
LIVED_EXPERIENCE_ROLES = ["person", "carer"]


def record_from_roles(apps, schema_editor):
    """Until now the role said who had lived experience: record it so on every membership."""
    Membership = apps.get_model("projects", "Membership")
    Membership.objects.filter(role__in=LIVED_EXPERIENCE_ROLES).update(lived_experience=True)
    Membership.objects.exclude(role__in=LIVED_EXPERIENCE_ROLES).update(lived_experience=False)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0005_meeting_cancelled_and_outdated_answers"),
    ]

    operations = [
        migrations.AddField(
            model_name="membership",
            name="co_chair",
            field=models.BooleanField(db_default=False, default=False, verbose_name="co-chair"),
        ),
        migrations.AddField(
            model_name="membership",
            name="lived_experience",
            field=models.BooleanField(blank=True, null=True, verbose_name="lived experience"),
        ),
        migrations.RunPython(record_from_roles, migrations.RunPython.noop),
    ]
