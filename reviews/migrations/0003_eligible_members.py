"""Only members who belonged when a review opened may answer it (issue 17): EligibleMember,
and when each cycle really opened and closed, to list who joined in between.

Cycles already open or closed take the start of their opening day as the moment they opened
(and the end of their closing day as the moment they closed). Open cycles get as members who
may answer those who had joined by the end of their opening day, and anyone who had already
answered.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

LONDON = ZoneInfo("Europe/London")
# As projects.models.LIVED_EXPERIENCE_ROLES and reviews.models.review_group were when this
# migration was written; every role could rate reviews.
LIVED_EXPERIENCE_ROLES = {"person", "carer"}


def _start_of(day):
    return datetime.combine(day, time(0), LONDON)


def cycles_remember_when_they_opened(apps, schema_editor):
    ReviewCycle = apps.get_model("reviews", "ReviewCycle")
    for cycle in ReviewCycle.objects.exclude(status="scheduled"):
        cycle.opened_at = _start_of(cycle.opens_on)
        if cycle.status == "closed":
            cycle.closed_at = _start_of(cycle.closes_on + timedelta(days=1))
        cycle.save(update_fields=["opened_at", "closed_at"])


def open_cycles_get_their_members(apps, schema_editor):
    ReviewCycle = apps.get_model("reviews", "ReviewCycle")
    Membership = apps.get_model("projects", "Membership")
    Response = apps.get_model("reviews", "Response")
    EligibleMember = apps.get_model("reviews", "EligibleMember")
    rows = []
    for cycle in ReviewCycle.objects.filter(status="open"):
        answered = set(Response.objects.filter(cycle=cycle).values_list("user_id", flat=True))
        members = Membership.objects.filter(project_id=cycle.project_id, left_at__isnull=True)
        rows += [
            EligibleMember(
                cycle=cycle,
                user_id=m.user_id,
                role_group="lived" if m.role in LIVED_EXPERIENCE_ROLES else "professional",
            )
            for m in members
            if m.joined_at < _start_of(cycle.opens_on + timedelta(days=1))
            or m.user_id in answered
        ]
    EligibleMember.objects.bulk_create(rows)


class Migration(migrations.Migration):

    dependencies = [
        ("projects", "0001_initial"),
        ("reviews", "0002_review_planned_dates"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="reviewcycle",
            name="closed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="reviewcycle",
            name="opened_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(cycles_remember_when_they_opened, migrations.RunPython.noop),
        migrations.CreateModel(
            name="EligibleMember",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "role_group",
                    models.CharField(
                        choices=[("lived", "Lived experience"), ("professional", "Professionals")],
                        max_length=20,
                    ),
                ),
                (
                    "cycle",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="eligible_members",
                        to="reviews.reviewcycle",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("cycle", "user"), name="reviews_eligiblemember_one_per_member"
                    )
                ],
            },
        ),
        migrations.RunPython(open_cycles_get_their_members, migrations.RunPython.noop),
    ]
