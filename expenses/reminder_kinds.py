"""Reminders about claims, registered with reminders.kinds (found at start-up).

CLAIM_WAITING tells a project's facilitators about a claim that has waited for their approval
for more than 2 working days (weekends and bank holidays skipped, expenses/schedule.py); it is
dropped if the claim is decided before it goes. CLAIM_PAID tells the claimant that their claim
has been paid. Both plan in a fixed number of queries, however many claims and people there
are. CLAIM_OUTCOME is a notice (reminders/notices.py), recorded with the change it reports.
"""

from collections import defaultdict
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import Membership, Role
from reminders.kinds import planned, register
from reminders.models import Delivery, Kind
from reminders.notices import Notice

from .models import Claim
from .models import Status as ClaimStatus
from .schedule import add_working_days, london_datetime

WAITING_WORKING_DAYS = 2
# Claims paid this long ago are still looked at, so a planner that was down catches up.
PAID_LOOKBACK = timedelta(days=7)


def waiting_due_at(submitted_at: datetime) -> datetime:
    """2 working days after submission, at the same UK time of day."""
    local = timezone.localtime(submitted_at)
    return london_datetime(add_working_days(local.date(), WAITING_WORKING_DAYS), local.time())


class ClaimWaiting:
    kind = Kind.CLAIM_WAITING
    urgent = False

    def plan(self, now: datetime, prefs_for) -> list[Delivery]:
        # Two working days are at least two calendar days: a cheap filter before the exact one.
        claims = []
        for claim in Claim.objects.filter(
            status=ClaimStatus.SUBMITTED,
            first_approved_by__isnull=True,
            submitted_at__lte=now - timedelta(days=WAITING_WORKING_DAYS),
        ).only("id", "project_id", "submitted_at"):
            claim.due_at = waiting_due_at(claim.submitted_at)
            if claim.due_at <= now:
                claims.append(claim)
        facilitators = defaultdict(set)
        for project_id, user_id in (
            Membership.objects.active()
            .filter(project_id__in={c.project_id for c in claims}, role=Role.FACILITATOR)
            .values_list("project_id", "user_id")
        ):
            facilitators[project_id].add(user_id)
        return [
            planned(
                recipient_id=user_id,
                kind=self.kind,
                subject=f"claim:{claim.pk}",
                occurrence="2wd",
                project_id=claim.project_id,
                due_at=claim.due_at,
            )
            for claim in claims
            for user_id in facilitators[claim.project_id]
        ]

    def still_useful(self, deliveries, now) -> dict[int, str]:
        waiting = set(
            Claim.objects.filter(
                pk__in={d.subject_id for d in deliveries},
                status=ClaimStatus.SUBMITTED,
                first_approved_by__isnull=True,
            ).values_list("pk", flat=True)
        )
        return {
            d.pk: _("the claim has been decided") for d in deliveries if d.subject_id not in waiting
        }

    def context(self, deliveries) -> dict[int, dict]:
        claims = Claim.objects.select_related("project", "meeting", "claimant").in_bulk(
            {d.subject_id for d in deliveries}
        )
        return {d.pk: {"claim": claims[d.subject_id]} for d in deliveries}


class ClaimPaid:
    kind = Kind.CLAIM_PAID
    urgent = False

    def plan(self, now: datetime, prefs_for) -> list[Delivery]:
        claims = Claim.objects.filter(
            status=ClaimStatus.PAID, paid_at__gt=now - PAID_LOOKBACK, paid_at__lte=now
        ).only("id", "project_id", "claimant_id", "paid_at", "time_pence", "expenses_pence")
        return [
            planned(
                recipient_id=claim.claimant_id,
                kind=self.kind,
                subject=f"claim:{claim.pk}",
                # A payment that failed and was made again is a new occurrence.
                occurrence=f"paid:{int(claim.paid_at.timestamp())}",
                project_id=claim.project_id,
                due_at=claim.paid_at,
            )
            for claim in claims
            if claim.payable_pence > 0
        ]

    def still_useful(self, deliveries, now) -> dict[int, str]:
        paid = set(
            Claim.objects.filter(
                pk__in={d.subject_id for d in deliveries}, status=ClaimStatus.PAID
            ).values_list("pk", flat=True)
        )
        return {
            d.pk: _("the payment did not go through")
            for d in deliveries
            if d.subject_id not in paid
        }

    def context(self, deliveries) -> dict[int, dict]:
        return ClaimWaiting().context(deliveries)


class ClaimOutcome(Notice):
    """To the claimant, when their claim is sent back for changes, turned down, or its payment
    failed (occurrence `<status>:<claim event id>`). Dropped if the claim has moved on before it
    goes: they resent it, or asked to be paid again."""

    kind = Kind.CLAIM_OUTCOME

    def still_useful(self, deliveries, now) -> dict[int, str]:
        status = dict(
            Claim.objects.filter(pk__in={d.subject_id for d in deliveries}).values_list(
                "pk", "status"
            )
        )
        return {
            d.pk: _("the claim has moved on")
            for d in deliveries
            if status.get(d.subject_id) != d.occurrence.split(":")[0]
        }

    def context(self, deliveries) -> dict[int, dict]:
        claims = ClaimWaiting().context(deliveries)
        return {d.pk: {**claims[d.pk], "outcome": d.occurrence.split(":")[0]} for d in deliveries}


register(ClaimWaiting())
register(ClaimPaid())
register(ClaimOutcome())
