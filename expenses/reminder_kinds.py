"""Reminders and notices about money, registered with reminders.kinds (found at start-up).

CLAIM_WAITING tells a project's facilitators about a claim that has waited for their approval
for more than 2 working days (weekends and bank holidays skipped, expenses/schedule.py); it is
dropped if the claim is decided before it goes. CLAIM_PAID tells the claimant that their claim
has been paid. Both plan in a fixed number of queries, however many claims and people there
are.

Three notices (reminders/notices.py), recorded by expenses/services.py with the change they
report: CLAIM_OUTCOME to the claimant; BANK_DETAILS_CHANGED to the person, by email and by
text message; and POLICY_CHANGE_WAITING to the project's commissioners when a change to the
payment policy waits for a second person to confirm it.
"""

from collections import defaultdict
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import Membership, Role
from reminders.kinds import planned, register
from reminders.models import Delivery, Kind
from reminders.notices import Notice, SecurityNotice

from .models import BankDetailsChange, Claim, PolicyChange, PolicyChangeStatus
from .models import Status as ClaimStatus
from .schedule import add_working_days, london_datetime

WAITING_WORKING_DAYS = 2
# Claims paid this long ago are still looked at, so a planner that was down catches up.
PAID_LOOKBACK = timedelta(days=7)


def dropped_unless_among(deliveries, still: QuerySet, reason) -> dict[int, str]:
    """`reason` for each delivery whose subject is not among `still` (the rows still worth
    telling about): one query for the whole batch."""
    kept = set(still.filter(pk__in={d.subject_id for d in deliveries}).values_list("pk", flat=True))
    return {d.pk: reason for d in deliveries if d.subject_id not in kept}


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
        waiting = Claim.objects.filter(status=ClaimStatus.SUBMITTED, first_approved_by__isnull=True)
        return dropped_unless_among(deliveries, waiting, _("the claim has been decided"))

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
        paid = Claim.objects.filter(status=ClaimStatus.PAID)
        return dropped_unless_among(deliveries, paid, _("the payment did not go through"))

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


class BankDetailsChanged(SecurityNotice):
    """To the person whose bank details were set, changed or removed (subject
    `bank_details_change:<id>`; occurrence the channel, since it goes by email and by text
    message). It cannot be stopped and is not held for quiet hours: if it was not them, they
    need to know before the cooling-off period ends and money goes to the new account."""

    kind = Kind.BANK_DETAILS_CHANGED

    def still_useful(self, deliveries, now) -> dict[int, str]:
        return dropped_unless_among(
            deliveries,
            BankDetailsChange.objects.all(),
            _("the record of the change has been deleted"),
        )

    def context(self, deliveries) -> dict[int, dict]:
        changes = BankDetailsChange.objects.in_bulk({d.subject_id for d in deliveries})
        return {d.pk: {"change": changes[d.subject_id]} for d in deliveries}


# Not (yet) a member of reminders.models.Kind: adding one changes the Delivery field's choices,
# which needs a migration in reminders/, and that app's migrations belong to other work in
# progress. Deliveries store the name as it is; it should join Kind with the next reminders
# migration (until then the reminders page shows the name itself as the kind).
POLICY_CHANGE_WAITING = "policy_change_waiting"


class PolicyChangeWaiting(SecurityNotice):
    """To the project's commissioners when a change that lets more money through with one
    approver waits for a second person (subject `policy_change:<id>`). It cannot be stopped:
    a commissioner must hear that someone is loosening the project's money rules. Dropped
    once the change is confirmed, withdrawn or replaced."""

    kind = POLICY_CHANGE_WAITING

    def still_useful(self, deliveries, now) -> dict[int, str]:
        waiting = PolicyChange.objects.filter(status=PolicyChangeStatus.PENDING)
        return dropped_unless_among(deliveries, waiting, _("the change has been decided"))

    def context(self, deliveries) -> dict[int, dict]:
        changes = PolicyChange.objects.select_related("project", "proposed_by").in_bulk(
            {d.subject_id for d in deliveries}
        )
        return {
            d.pk: {
                "change": changes[d.subject_id],
                "own": changes[d.subject_id].proposed_by_id == d.recipient_id,
            }
            for d in deliveries
        }


register(ClaimWaiting())
register(ClaimPaid())
register(ClaimOutcome())
register(BankDetailsChanged())
register(PolicyChangeWaiting())
