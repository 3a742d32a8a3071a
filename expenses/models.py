"""Paying people for their time and expenses: each project's policy and rate card, each
person's payment choice, claims with their lines and history, and payout batches.

Money is integer pence (see money.py); check constraints keep amounts within sense in the
database too, whatever code writes them.
"""

import re
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coproduce.crypto import EncryptedTextField

from .money import MAX_BUDGET_PENCE, MAX_LINE_PENCE, format_pence
from .schedule import local_day, previous_working_day


class ExpenseType(models.TextChoices):
    TRAVEL = "travel", _("Travel: bus, train or taxi fares, parking")
    MILEAGE = "mileage", _("Mileage in your own car")
    CARE_COVER = "care_cover", _("Care or personal assistant cover")
    CHILDCARE = "childcare", _("Childcare")
    FOOD = "food", _("Food and drink on the day")
    OTHER = "other", _("Something else")


class Method(models.TextChoices):
    BANK = "bank", _("Bank transfer")
    CASH = "cash", _("Cash on the day")
    VOUCHER = "voucher", _("A voucher")


# Methods paid through a payout batch by the finance officer. Cash and vouchers are handed over
# by a facilitator, who records what was given (services.claim_record_handover).
BATCHED_METHODS = (Method.BANK,)


class Activity(models.TextChoices):
    MEETING = "meeting", _("Taking part in a meeting")
    PREPARATION = "preparation", _("Preparation")
    READING = "reading", _("Reading papers")
    TRAVEL_TIME = "travel_time", _("Travel time")
    PHONE_CALL = "phone_call", _("Phone or video calls")
    SURVEY = "survey", _("Surveys and questionnaires")


# Work that is paid without a meeting (a claim of kind BETWEEN_MEETINGS), at the rate card.
BETWEEN_MEETINGS_ACTIVITIES = (
    Activity.READING,
    Activity.PREPARATION,
    Activity.PHONE_CALL,
    Activity.SURVEY,
)


class Unit(models.TextChoices):
    HOUR = "hour", _("per hour")
    SESSION = "session", _("per session")


class PaymentPolicy(models.Model):
    """What a project pays for and how: set by a commissioner before people start."""

    project = models.OneToOneField(
        "projects.Project", on_delete=models.CASCADE, related_name="payment_policy"
    )
    budget_pence = models.BigIntegerField(_("budget"), default=0)
    pays_travel = models.BooleanField(default=True)
    pays_mileage = models.BooleanField(default=True)
    mileage_pence_per_mile = models.PositiveIntegerField(_("mileage rate"), default=45)
    pays_care_cover = models.BooleanField(default=True)
    pays_childcare = models.BooleanField(default=True)
    pays_food = models.BooleanField(default=True)
    pays_other = models.BooleanField(default=False)
    offers_bank = models.BooleanField(default=True)
    offers_cash = models.BooleanField(default=True)
    offers_voucher = models.BooleanField(default=True)
    # A claim worth more than this needs a commissioner's approval as well; empty means never.
    approval_threshold_pence = models.BigIntegerField(null=True, blank=True)
    # An expense of this amount or more needs a receipt; under it, the person's word is
    # enough (0: every expense needs one). Mileage never does: it is worked out from miles.
    receipt_threshold_pence = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "payment policies"
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_pence__gte=0, budget_pence__lte=MAX_BUDGET_PENCE),
                name="expenses_paymentpolicy_budget_in_range",
            ),
            models.CheckConstraint(
                condition=Q(approval_threshold_pence__isnull=True)
                | Q(approval_threshold_pence__gte=0),
                name="expenses_paymentpolicy_threshold_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(mileage_pence_per_mile__lte=500),
                name="expenses_paymentpolicy_mileage_rate_in_range",
            ),
            models.CheckConstraint(
                condition=Q(receipt_threshold_pence__lte=MAX_LINE_PENCE),
                name="expenses_paymentpolicy_receipt_threshold_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Payment policy of {self.project}"

    # Which boolean field says the project pays each expense type or offers each method.
    TYPE_FLAGS = {
        ExpenseType.TRAVEL: "pays_travel",
        ExpenseType.MILEAGE: "pays_mileage",
        ExpenseType.CARE_COVER: "pays_care_cover",
        ExpenseType.CHILDCARE: "pays_childcare",
        ExpenseType.FOOD: "pays_food",
        ExpenseType.OTHER: "pays_other",
    }
    METHOD_FLAGS = {
        Method.BANK: "offers_bank",
        Method.CASH: "offers_cash",
        Method.VOUCHER: "offers_voucher",
    }

    @property
    def expense_types(self) -> list[str]:
        return [t for t, flag in self.TYPE_FLAGS.items() if getattr(self, flag)]

    @property
    def expense_labels(self) -> list[str]:
        return [ExpenseType(t).label for t in self.expense_types]

    @property
    def methods(self) -> list[str]:
        return [m for m, flag in self.METHOD_FLAGS.items() if getattr(self, flag)]

    def needs_receipt(self, expense_type: str, amount_pence: int) -> bool:
        return expense_type != ExpenseType.MILEAGE and amount_pence >= self.receipt_threshold_pence

    def receipt_needed_message(self) -> str:
        if self.receipt_threshold_pence == 0:
            return gettext("Add a photo or PDF of the receipt")
        return gettext(
            "Add a photo or PDF of the receipt: this project needs one for expenses of "
            "%(amount)s or more"
        ) % {"amount": format_pence(self.receipt_threshold_pence)}

    def needs_second_approval(self, gross_pence: int) -> bool:
        threshold = self.approval_threshold_pence
        return threshold is not None and gross_pence > threshold


class PolicyChangeStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    DECLINED = "declined", _("Not agreed")
    REPLACED = "replaced", _("Replaced by a later change")


class PolicyChange(models.Model):
    """A change to a payment policy that lets more money through with one approver (raising or
    clearing the second-approval threshold). It does not apply until a second person confirms
    it: another commissioner of the project, or a finance officer; never the person who
    proposed it (services.policy_change_confirm; the check constraint holds it in the
    database too). Changes that make the policy stricter apply at once and have no row here.
    """

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="policy_changes"
    )
    # The threshold proposed; empty means no second approval at all.
    threshold_pence = models.BigIntegerField(null=True, blank=True)
    # The threshold in force when it was proposed, for the record.
    threshold_before_pence = models.BigIntegerField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=PolicyChangeStatus, default=PolicyChangeStatus.PENDING
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(status=PolicyChangeStatus.PENDING),
                name="expenses_policychange_one_pending_per_project",
            ),
            models.CheckConstraint(
                condition=Q(threshold_pence__isnull=True) | Q(threshold_pence__gte=0),
                name="expenses_policychange_threshold_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(status=PolicyChangeStatus.CONFIRMED)
                | (Q(decided_by__isnull=False) & ~Q(decided_by=models.F("proposed_by"))),
                name="expenses_policychange_confirmed_by_another",
            ),
        ]

    def __str__(self) -> str:
        return f"Payment policy change {self.pk} of project {self.project_id}"

    @property
    def is_pending(self) -> bool:
        return self.status == PolicyChangeStatus.PENDING


def loosens_threshold(before: int | None, after: int | None) -> bool:
    """Whether going from `before` to `after` lets more claims through with one approver:
    clearing a threshold, or raising it."""
    if before is None:
        return False
    return after is None or after > before


class Rate(models.Model):
    """One line of a project's rate card. Rows are never changed: a new row with a later
    `effective_from` supersedes the old one from that date, so past claims keep their rate."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="rates")
    activity = models.CharField(_("activity"), max_length=20, choices=Activity)
    unit = models.CharField(_("paid"), max_length=10, choices=Unit)
    amount_pence = models.PositiveIntegerField(_("amount"))
    effective_from = models.DateField(_("from"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["activity", "-effective_from", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_pence__lte=MAX_LINE_PENCE),
                name="expenses_rate_amount_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_activity_display()} {self.get_unit_display()} from {self.effective_from}"


class TimePayment(models.TextChoices):
    FULL = "full", _("The full payment for my time")
    LOWER = "lower", _("A lower amount for my time")
    EXPENSES_ONLY = "expenses_only", _("Expenses only: no payment for my time")
    DONATE = "donate", _("Give the payment for my time to a charity")
    NONE = "none", _("No payment at all, not even expenses")


# [0-9], not \d: \d also matches the digits of other scripts, which a bank file cannot carry.
SORT_CODE = re.compile(r"^[0-9]{6}$")
ACCOUNT_NUMBER = re.compile(r"^[0-9]{8}$")


class PaymentChoice(models.Model):
    """How a person wants to be paid, kept in their account and used in every project.

    Bank details are encrypted at rest and leave this model only masked, except in the payout
    batch's file for the bank.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="payment_choice"
    )
    method = models.CharField(_("how would you like to be paid?"), max_length=10, choices=Method)
    time_payment = models.CharField(
        _("what would you like for your time?"),
        max_length=20,
        choices=TimePayment,
        default=TimePayment.FULL,
    )
    lower_amount_pence = models.PositiveIntegerField(null=True, blank=True)
    charity_name = models.CharField(_("name of the charity"), max_length=120, blank=True)
    account_name = EncryptedTextField(blank=True)
    sort_code = EncryptedTextField(blank=True)
    account_number = EncryptedTextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    # Who saved this choice, when it was not the person: a facilitator, for a member without
    # email (services.payment_choice_record_on_behalf). Shown to the person once they sign in.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(lower_amount_pence__isnull=True)
                | Q(lower_amount_pence__lte=MAX_LINE_PENCE),
                name="expenses_paymentchoice_lower_amount_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Payment choice of user {self.user_id}"

    @property
    def has_bank_details(self) -> bool:
        return bool(
            self.account_name
            and SORT_CODE.match(self.sort_code or "")
            and ACCOUNT_NUMBER.match(self.account_number or "")
        )

    @property
    def masked_sort_code(self) -> str:
        return mask_sort_code(self.sort_code)

    @property
    def masked_account_number(self) -> str:
        return mask_account_number(self.account_number)


class BankChange(models.TextChoices):
    NEW_ACCOUNT = "new_account", _("New account")
    NAME_ONLY = "name_only", _("Name on the account")
    REMOVED = "removed", _("Removed")


class BankDetailsChangeQuerySet(models.QuerySet):
    def holding(self, now):
        """Changes whose cooling-off period still holds the person's bank payouts."""
        return self.filter(hold_until__gt=now, released_at__isnull=True)

    def holding_payouts(self, now):
        """Changes that stop the person's bank payouts now: in their cooling-off period, or
        recorded on their behalf and not yet confirmed by a finance officer."""
        return self.filter(
            Q(hold_until__gt=now, released_at__isnull=True) | Q(awaiting_confirmation=True)
        )


class BankDetailsChange(models.Model):
    """Each time a person's bank details were set, changed or removed: when, and what kind of
    change (never the details themselves).

    New account details (a sort code or account number different from before) hold the
    person's bank payouts until `hold_until` (settings.BANK_DETAILS_COOLING_OFF_HOURS later),
    so that someone who did not make the change learns of it (the notice) before any money
    goes to the new account. A finance officer may release a hold early, with a reason.

    Bank details a facilitator recorded on a member's behalf (`recorded_by`) also wait for a
    second person, a finance officer who is not the one who recorded them, to confirm them
    (`awaiting_confirmation`), however long ago they were recorded: otherwise a facilitator,
    who approves claims, could pay themself. A later change replaces the wait.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bank_details_changes"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    change = models.CharField(max_length=20, choices=BankChange)
    # Empty when the change holds nothing (a corrected name, or details removed).
    hold_until = models.DateTimeField(null=True, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    release_reason = models.CharField(max_length=500, blank=True)
    # Someone other than the person made the change, on their behalf.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    awaiting_confirmation = models.BooleanField(default=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    # How the finance officer checked the details with the person (never the details).
    confirmation_note = models.CharField(max_length=500, blank=True)

    objects = BankDetailsChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_at", "-id"]
        indexes = [
            # The payout run's and the finance page's question: whose payouts are held now?
            models.Index(
                fields=["hold_until"],
                condition=Q(hold_until__isnull=False, released_at__isnull=True),
                name="expenses_bankchange_holding",
            ),
            models.Index(
                fields=["user"],
                condition=Q(awaiting_confirmation=True),
                name="expenses_bankchange_to_confirm",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(released_at__isnull=True) | Q(hold_until__isnull=False),
                name="expenses_bankdetailschange_release_needs_hold",
            ),
            # Only a change made on someone's behalf waits for a second person.
            models.CheckConstraint(
                condition=Q(awaiting_confirmation=False) | Q(recorded_by__isnull=False),
                name="expenses_bankdetailschange_confirm_only_on_behalf",
            ),
        ]

    def __str__(self) -> str:
        return f"Bank details change {self.pk} of user {self.user_id}"


def mask_sort_code(sort_code: str) -> str:
    return f"**-**-{sort_code[-2:]}" if sort_code else ""


def mask_account_number(account_number: str) -> str:
    return f"****{account_number[-4:]}" if account_number else ""


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")
    RETURNED = "returned", _("Sent back for changes")
    SCHEDULED = "scheduled", _("Being paid")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Payment failed")


# States in which the claimant (or the facilitator who started it for them) may change lines.
EDITABLE = (Status.DRAFT, Status.RETURNED)
# Money the project has promised but not yet paid out.
COMMITTED = (Status.APPROVED, Status.SCHEDULED, Status.FAILED)


class ClaimKind(models.TextChoices):
    MEETING = "meeting", _("A meeting")
    BETWEEN_MEETINGS = "between_meetings", _("Work between meetings")
    # Travel money paid before a meeting, set against the person's claim for it afterwards.
    ADVANCE = "advance", _("An advance for travel")


class ClaimQuerySet(models.QuerySet):
    def with_people(self):
        return self.select_related(
            "claimant", "meeting", "first_approved_by", "started_by", "advance"
        )

    def for_table(self):
        """What a row of a claims table shows (templates/expenses/_claim_table.html): the
        claimant and the meeting. A long list joined with every person a claim names took
        PostgreSQL longer to plan than to run."""
        return self.select_related("claimant", "meeting")

    def not_others_drafts(self, user):
        """Without the drafts `user` is neither the claimant of nor drafting on their behalf:
        a draft is the person's own until they submit it."""
        others = ~Q(claimant=user) & (Q(started_by__isnull=True) | ~Q(started_by=user))
        return self.exclude(Q(status=Status.DRAFT) & others)


class Claim(models.Model):
    """One person's claim: for a meeting they attended (payment for their time and expenses),
    for work between meetings (time at the rate card, on the day it was done), or an advance
    for travel to a meeting, paid before it like any claim and set against their claim for
    the meeting afterwards (`advance`)."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="claims")
    kind = models.CharField(max_length=20, choices=ClaimKind, default=ClaimKind.MEETING)
    # Empty only for work between meetings.
    meeting = models.ForeignKey(
        "projects.Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="claims"
    )
    # Work between meetings: the day it was done (its rate), and what it was, in the
    # person's words.
    work_date = models.DateField(null=True, blank=True)
    description = models.CharField(max_length=200, blank=True)
    # A claim for a meeting the person had an advance for: the advance it reconciles, once
    # (one-to-one). `advance_pence` is what of it was set against this claim's expenses
    # (`expenses_pence` is what is left to pay of them); `owed_pence`, what the advance came
    # to beyond the expenses, which the person owes back.
    advance = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reconciled_by"
    )
    advance_pence = models.BigIntegerField(default=0)
    owed_pence = models.BigIntegerField(default=0)
    claimant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="claims"
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    # A facilitator who started the claim on the claimant's behalf.
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    # Who confirmed it: the claimant themselves, or a facilitator after a phone call.
    confirmed_by_phone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    # The payment choice in force when it was submitted.
    method = models.CharField(max_length=10, choices=Method, blank=True)
    time_payment = models.CharField(max_length=20, choices=TimePayment, blank=True)
    charity_name = models.CharField(max_length=120, blank=True)
    # Totals, recomputed from the lines whenever they change: what the person gets for their
    # time, what they get back for expenses, and what goes to their charity instead.
    time_pence = models.BigIntegerField(default=0)
    expenses_pence = models.BigIntegerField(default=0)
    donation_pence = models.BigIntegerField(default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    first_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    first_approved_at = models.DateTimeField(null=True, blank=True)
    second_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    # Why it was rejected, sent back or failed: shown to the claimant.
    reason = models.CharField(max_length=500, blank=True)
    # Cash or a voucher: what was handed over, by whom.
    handover_note = models.CharField(max_length=200, blank=True)
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [("process_payouts", "Can process payouts as a finance officer")]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "claimant"],
                condition=Q(kind=ClaimKind.MEETING),
                name="expenses_claim_one_per_meeting",
            ),
            models.UniqueConstraint(
                fields=["meeting", "claimant"],
                condition=Q(kind=ClaimKind.ADVANCE),
                name="expenses_claim_one_advance_per_meeting",
            ),
            models.CheckConstraint(
                condition=Q(kind=ClaimKind.BETWEEN_MEETINGS, meeting__isnull=True)
                & Q(work_date__isnull=False)
                | ~Q(kind=ClaimKind.BETWEEN_MEETINGS) & Q(meeting__isnull=False),
                name="expenses_claim_meeting_unless_between_meetings",
            ),
            models.CheckConstraint(
                condition=Q(advance__isnull=True) | Q(kind=ClaimKind.MEETING),
                name="expenses_claim_only_meeting_claims_reconcile",
            ),
            models.CheckConstraint(
                condition=Q(
                    time_pence__gte=0,
                    expenses_pence__gte=0,
                    donation_pence__gte=0,
                    advance_pence__gte=0,
                    owed_pence__gte=0,
                ),
                name="expenses_claim_totals_not_negative",
            ),
            # Paid means a payment date; nothing else has one.
            models.CheckConstraint(
                condition=Q(status=Status.PAID, paid_at__isnull=False)
                | (~Q(status=Status.PAID) & Q(paid_at__isnull=True)),
                name="expenses_claim_paid_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["project", "status"]),
            models.Index(fields=["status"]),
            # A page of a project's claims, newest first (all claims) or longest waiting first
            # (claims waiting for a decision), without sorting them all first.
            models.Index(fields=["project", "created_at", "id"]),
            models.Index(fields=["project", "submitted_at", "id"]),
            # The payout run's queue: approved claims by method, oldest first. Only the few
            # claims waiting for a run are in it, and the run's last "anything left?" look
            # does not walk the whole table.
            models.Index(
                fields=["method", "id"],
                condition=Q(status=Status.APPROVED),
                name="expenses_claim_payout_queue",
            ),
        ]

    def __str__(self) -> str:
        return f"Claim {self.pk} by {self.claimant} for {self.title}"

    @property
    def title(self) -> str:
        """What the claim is for, as the person would say it."""
        if self.kind == ClaimKind.BETWEEN_MEETINGS:
            return self.description
        if self.kind == ClaimKind.ADVANCE:
            return gettext("Advance for %(meeting)s") % {"meeting": self.meeting.title}
        return self.meeting.title

    @property
    def day(self):
        """The day the claim is for: the work's, or the meeting's (UK time). Rates in force
        that day apply."""
        if self.kind == ClaimKind.BETWEEN_MEETINGS:
            return self.work_date
        return local_day(self.meeting.starts_at)

    @property
    def expenses_spent_pence(self) -> int:
        """All the claim's expenses, before a paid advance was set against them."""
        return self.expenses_pence + self.advance_pence

    @property
    def is_advance(self) -> bool:
        return self.kind == ClaimKind.ADVANCE

    @property
    def payable_pence(self) -> int:
        """What goes to the person: their time payment and their expenses."""
        return self.time_pence + self.expenses_pence

    @property
    def gross_pence(self) -> int:
        """What the claim costs the project, the charity's share included."""
        return self.time_pence + self.expenses_pence + self.donation_pence

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    def is_draft_of_someone_else(self, user) -> bool:
        """The rule of `ClaimQuerySet.not_others_drafts`, for one claim."""
        return self.status == Status.DRAFT and user.pk not in (self.claimant_id, self.started_by_id)


class LineKind(models.TextChoices):
    TIME = "time", _("Payment for time")
    EXPENSE = "expense", _("Expense")


def receipt_path(line, filename: str) -> str:
    # Never the uploaded name: it is the person's text and could say anything.
    return f"receipts/{line.claim.project_id}/{uuid.uuid4().hex}"


class ClaimLine(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(max_length=10, choices=LineKind)
    activity = models.CharField(max_length=20, choices=Activity, blank=True)
    expense_type = models.CharField(max_length=20, choices=ExpenseType, blank=True)
    description = models.CharField(_("what was it for?"), max_length=200, blank=True)
    # Minutes of time, or miles driven; the rate applied per hour, session or mile, in pence.
    quantity = models.PositiveIntegerField(default=0)
    rate = models.ForeignKey(Rate, on_delete=models.PROTECT, null=True, related_name="+")
    amount_pence = models.PositiveIntegerField()
    receipt = models.FileField(upload_to=receipt_path, blank=True)
    receipt_type = models.CharField(max_length=50, blank=True)
    # The name the person's file had, shown so they recognise it; never used as a path.
    receipt_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_pence__lte=MAX_LINE_PENCE),
                name="expenses_claimline_amount_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on claim {self.claim_id}"

    @property
    def label(self) -> str:
        if self.kind == LineKind.TIME:
            return self.get_activity_display()
        return self.get_expense_type_display()


class ClaimEvent(models.Model):
    """Every change to a claim: who, when, from which state to which, and why. Never edited."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    # Empty for the payout task.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    action = models.CharField(max_length=40)
    from_status = models.CharField(max_length=20, choices=Status, blank=True)
    to_status = models.CharField(max_length=20, choices=Status)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action} on claim {self.claim_id}"


class BatchStatus(models.TextChoices):
    READY = "ready", _("Ready to send to the bank")
    SUBMITTED = "submitted", _("Sent to the bank")


class PayoutBatch(models.Model):
    """The claims one payout run took for one payment method: the canonical record from which
    every file format is written. Everything a file shows is stored here or on the items, the
    paying account included, so the same batch always renders the same bytes."""

    method = models.CharField(max_length=10, choices=Method)
    status = models.CharField(max_length=20, choices=BatchStatus, default=BatchStatus.READY)
    created_at = models.DateTimeField(default=timezone.now)
    created_on = models.DateField()
    # Bacs: the file is processed on this working day and the money arrives the next one.
    processing_date = models.DateField()
    value_date = models.DateField()
    total_pence = models.BigIntegerField(default=0)
    item_count = models.PositiveIntegerField(default=0)
    originator_sort_code = models.CharField(max_length=6, blank=True)
    originator_account_number = models.CharField(max_length=8, blank=True)
    originator_name = models.CharField(max_length=18, blank=True)
    service_user_number = models.CharField(max_length=6, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "payout batches"
        constraints = [
            models.CheckConstraint(
                condition=Q(total_pence__gte=0), name="expenses_payoutbatch_total_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"Payout batch {self.pk} ({self.get_method_display()})"

    @property
    def send_by(self):
        """Bacs day 1: the file must reach the bank this working day to be processed on
        `processing_date`."""
        return previous_working_day(self.processing_date)

    @property
    def serial(self) -> str:
        """Six characters naming this file to Bacs; never 000000."""
        return f"{(self.pk - 1) % 999_999 + 1:06d}"


class PayoutItem(models.Model):
    """One claim's payment in a batch, with the bank details as they were when it was made.

    The partial unique constraint is the exactly-once guarantee in the database: a claim has at
    most one payment that has not failed, whatever workers race or crash.
    """

    batch = models.ForeignKey(PayoutBatch, on_delete=models.PROTECT, related_name="items")
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="payout_items")
    amount_pence = models.PositiveIntegerField()
    account_name = EncryptedTextField()
    sort_code = EncryptedTextField()
    account_number = EncryptedTextField()
    reference = models.CharField(max_length=18)
    failed_at = models.DateTimeField(null=True, blank=True)
    failure_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["claim_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim"],
                condition=Q(failed_at__isnull=True),
                name="expenses_payoutitem_one_live_payment_per_claim",
            ),
            models.CheckConstraint(
                condition=Q(amount_pence__gt=0), name="expenses_payoutitem_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"Payment of claim {self.claim_id} in batch {self.batch_id}"

    @property
    def masked_sort_code(self) -> str:
        return mask_sort_code(self.sort_code)

    @property
    def masked_account_number(self) -> str:
        return mask_account_number(self.account_number)
