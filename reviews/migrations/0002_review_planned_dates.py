"""Repeating reviews follow their planned dates (issue 20, item 5): a cycle keeps the dates it
was planned with when it opens, however early it then opens or closes. Cycles already open
take their present dates as the plan."""

from django.db import migrations, models


def open_cycles_keep_their_dates(apps, schema_editor):
    ReviewCycle = apps.get_model("reviews", "ReviewCycle")
    for cycle in ReviewCycle.objects.filter(status="open"):
        cycle.planned_opens_on, cycle.planned_closes_on = cycle.opens_on, cycle.closes_on
        cycle.save(update_fields=["planned_opens_on", "planned_closes_on"])


class Migration(migrations.Migration):

    dependencies = [
        ("reviews", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="reviewcycle",
            name="planned_closes_on",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="reviewcycle",
            name="planned_opens_on",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(open_cycles_keep_their_dates, migrations.RunPython.noop),
    ]
