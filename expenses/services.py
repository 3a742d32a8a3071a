"""Every write to payment policies, rates, payment choices, claims and payouts.

Each claim transition locks the claim row (select_for_update) and checks the state it expects
under that lock, so two people acting at once cannot both succeed (approving twice, paying
twice). Each transition writes a ClaimEvent: who, when, from, to and why. Errors are
ValidationError with a message for the person who tried.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from audit.models import Action
from audit.services import record, record_each
from coproduce.crypto import seal
from outcomes.figures_cache import forget_figures
from projects.access import Can, role_can
from projects.models import Attendance, Meeting, Membership, Role, Rsvp
from reminders.channels import normalise_uk_mobile
from reminders.models import Channel, Kind
from reminders.notices import NoticeTo, notice_record, notices_record
from reminders.preferences import load as load_preferences

from . import modulus
from .access import is_finance_officer
from .bacs import bacs_text
from .models import (
    BATCHED_METHODS,
    BETWEEN_MEETINGS_ACTIVITIES,
    EDITABLE,
    Activity,
    BankChange,
    BankDetailsChange,
    BatchStatus,
    Claim,
    ClaimEvent,
    ClaimKind,
    ClaimLine,
    ExpenseType,
    LineKind,
    Method,
    PaymentChoice,
    PaymentPolicy,
    PayoutBatch,
    PayoutItem,
    PolicyChange,
    PolicyChangeStatus,
    Rate,
    Status,
    TimePayment,
    Unit,
    loosens_threshold,
)
from .money import MAX_LINE_PENCE, format_pence, share_of
from .reminder_kinds import POLICY_CHANGE_WAITING
from .schedule import bacs_dates, local_day

# A payout run takes at most this many claims into one batch, then starts another: a file the
# bank's software handles comfortably, and transactions of a fraction of a second. Bigger
# batches mean fewer round trips per claim (11 queries a batch whatever its size).
PAYOUT_BATCH_LIMIT = 1000


def policy_for(project) -> PaymentPolicy:
    """The project's policy, or the defaults (unsaved) until a commissioner sets one."""
    try:
        return project.payment_policy
    except PaymentPolicy.DoesNotExist:
        return PaymentPolicy(project=project)


def _threshold_text(pence: int | None) -> str:
    return format_pence(pence) if pence is not None else "none"


def _threshold_change(before: int | None, after: int | None) -> str:
    return f"approval threshold from {_threshold_text(before)} to {_threshold_text(after)}"


@transaction.atomic
def payment_policy_save(*, policy: PaymentPolicy, by) -> tuple[PaymentPolicy, PolicyChange | None]:
    """Save a validated policy (new or changed). Claims already approved keep their amounts.

    A change to the approval threshold that lets more money through with one approver
    (clearing or raising it) is not applied: the rest of the policy is saved with the
    threshold in force, and the change waits as a PolicyChange for another commissioner or a
    finance officer to confirm (policy_change_confirm). It replaces any change already
    waiting, and the project's commissioners are told. A stricter threshold applies at once.
    Locks the policy row, so two commissioners saving at once compare with what is stored.
    Returns the policy and the change now waiting, if this save proposed one.
    """
    stored = (
        PaymentPolicy.objects.select_for_update().filter(pk=policy.pk).first()
        if policy.pk
        else None
    )
    before = stored.approval_threshold_pence if stored else None
    after = policy.approval_threshold_pence
    loosens = loosens_threshold(before, after)
    if loosens:
        policy.approval_threshold_pence = before
    policy.updated_by = by
    policy.updated_at = timezone.now()
    policy.full_clean()
    policy.save()
    change = None
    if loosens:
        change = _policy_change_propose(policy=policy, before=before, after=after, by=by)
        detail = "saved; the approval threshold change waits for confirmation"
    elif after != before:
        detail = f"saved; {_threshold_change(before, after)}"
    else:
        detail = "saved"
    record(
        Action.PAYMENT_POLICY_CHANGED,
        actor=by,
        project=policy.project,
        target=f"project:{policy.project_id}",
        detail=detail,
    )
    return policy, change


def _policy_change_propose(*, policy: PaymentPolicy, before, after, by) -> PolicyChange:
    """Record a change waiting for a second person, replacing one already waiting (the same
    person proposing the same threshold again changes nothing)."""
    waiting = (
        PolicyChange.objects.select_for_update()
        .filter(project_id=policy.project_id, status=PolicyChangeStatus.PENDING)
        .first()
    )
    if waiting and waiting.proposed_by_id == by.pk and waiting.threshold_pence == after:
        return waiting
    now = timezone.now()
    if waiting:
        waiting.status = PolicyChangeStatus.REPLACED
        waiting.decided_by, waiting.decided_at = by, now
        waiting.save(update_fields=["status", "decided_by", "decided_at"])
        _record_policy_change(Action.POLICY_CHANGE_WITHDRAWN, waiting, by, "replaced by a new one")
    change = PolicyChange.objects.create(
        project_id=policy.project_id,
        threshold_pence=after,
        threshold_before_pence=before,
        proposed_by=by,
        proposed_at=now,
    )
    _record_policy_change(
        Action.POLICY_CHANGE_PROPOSED, change, by, _threshold_change(before, after)
    )
    notice_record(
        kind=POLICY_CHANGE_WAITING,
        recipient_ids=Membership.objects.active()
        .filter(project_id=policy.project_id, role=Role.COMMISSIONER)
        .values_list("user_id", flat=True),
        subject=f"policy_change:{change.pk}",
        occurrence="waiting",
        project_id=policy.project_id,
    )
    return change


def _record_policy_change(action: str, change: PolicyChange, by, detail: str) -> None:
    record(
        action,
        actor=by,
        project=change.project,
        target=f"policy_change:{change.pk}",
        detail=detail,
    )


def may_decide_policy_change(user, project_id: int) -> bool:
    """Another commissioner of the project, or a finance officer, may confirm a change."""
    is_commissioner = (
        Membership.objects.active()
        .filter(project_id=project_id, user=user, role=Role.COMMISSIONER)
        .exists()
    )
    return is_commissioner or is_finance_officer(user)


def _lock_waiting_change(change: PolicyChange) -> PolicyChange:
    change = PolicyChange.objects.select_for_update().select_related("project").get(pk=change.pk)
    if not change.is_pending:
        raise ValidationError(
            _("This change is no longer waiting: it is %(status)s.")
            % {"status": change.get_status_display().lower()}
        )
    return change


@transaction.atomic
def policy_change_confirm(*, change: PolicyChange, by) -> PaymentPolicy:
    """A second person confirms a waiting change: the threshold applies from now.

    Only another commissioner of the project or a finance officer may; never the person who
    proposed it. Locks the policy, then the change (the order payment_policy_save takes them
    in, so the two cannot deadlock). Claims already approved once keep the second approval
    they were told they need.
    """
    policy = PaymentPolicy.objects.select_for_update().get(project_id=change.project_id)
    change = _lock_waiting_change(change)
    if by.pk == change.proposed_by_id:
        raise ValidationError(
            _("Someone else must confirm this change: another commissioner or the finance officer.")
        )
    if not may_decide_policy_change(by, change.project_id):
        raise ValidationError(
            _("Only another commissioner of the project or the finance officer can confirm it.")
        )
    before = policy.approval_threshold_pence
    now = timezone.now()
    policy.approval_threshold_pence = change.threshold_pence
    policy.updated_by, policy.updated_at = by, now
    policy.save(update_fields=["approval_threshold_pence", "updated_by", "updated_at"])
    change.status, change.decided_by, change.decided_at = PolicyChangeStatus.CONFIRMED, by, now
    change.save(update_fields=["status", "decided_by", "decided_at"])
    detail = _threshold_change(before, change.threshold_pence)
    _record_policy_change(Action.POLICY_CHANGE_CONFIRMED, change, by, detail)
    return policy


@transaction.atomic
def policy_change_withdraw(*, change: PolicyChange, by) -> PolicyChange:
    """The proposer withdraws a waiting change, or another commissioner or a finance officer
    turns it down. The threshold stays as it is."""
    change = _lock_waiting_change(change)
    own = by.pk == change.proposed_by_id
    if not own and not may_decide_policy_change(by, change.project_id):
        raise ValidationError(
            _("Only another commissioner of the project or the finance officer can decide.")
        )
    change.status = PolicyChangeStatus.WITHDRAWN if own else PolicyChangeStatus.DECLINED
    change.decided_by, change.decided_at = by, timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at"])
    _record_policy_change(
        Action.POLICY_CHANGE_WITHDRAWN,
        change,
        by,
        "withdrawn by the proposer" if own else "not agreed",
    )
    return change


def rate_add(*, project, activity: str, unit: str, amount_pence: int, effective_from, by) -> Rate:
    """Add a rate. Rates are never edited: this one supersedes earlier ones from its date."""
    if not 0 <= amount_pence <= MAX_LINE_PENCE:
        raise ValidationError(_("Enter a rate between £0.00 and £1,000.00"))
    return Rate.objects.create(
        project=project,
        activity=activity,
        unit=unit,
        amount_pence=amount_pence,
        effective_from=effective_from,
        created_by=by,
    )


def rate_in_force(project_id: int, activity: str, day) -> Rate | None:
    """The rate for `activity` on `day`: the latest that started on or before it."""
    return (
        Rate.objects.filter(project_id=project_id, activity=activity, effective_from__lte=day)
        .order_by("-effective_from", "-created_at", "-id")
        .first()
    )


@transaction.atomic
def payment_choice_save(*, choice: PaymentChoice) -> PaymentChoice:
    """Save a person's validated payment choice. Bank details go only with a bank transfer:
    choosing another way to be paid deletes them.

    The view asked for the person's password or authenticator code first. Bank details set,
    changed or removed are a BankDetailsChange, in the audit trail, and a notice to the
    person by email and by text message (bank_details_changed); a new account holds their
    bank payouts for the cooling-off period. Locks the stored choice, which the payout run
    locks too before it reads the details it pays into.
    """
    choice.recorded_by = None
    return _payment_choice_store(choice, recorded_by=None)


@transaction.atomic
def payment_choice_record_on_behalf(
    *, choice: PaymentChoice, membership: Membership, consent: str, recorded_by
) -> PaymentChoice:
    """A facilitator records how a member without email wants to be paid, as the member told
    them (`consent`: how they agreed, kept with who recorded it in RecordedOnBehalf).

    As payment_choice_save, and more: bank details set or changed this way wait for a finance
    officer other than `recorded_by` to confirm them (bank_details_confirm) before any payout
    uses them, on top of the cooling-off period; the notice goes on the project's list of
    phone calls and letters, the member's own channel. PermissionDenied unless `recorded_by`
    is a member of the project who may claim on others' behalf; ValidationError for a member
    who has an email address (they record their own).
    """
    from projects.models import RecordedFor, RecordedOnBehalf

    role = _role(recorded_by, membership.project_id)
    if role is None or not role_can(role, Can.CLAIM_ON_BEHALF) or recorded_by == membership.user:
        raise PermissionDenied
    if membership.user.email or choice.user_id != membership.user_id:
        raise ValidationError(_("This member records their own payment choice."))
    choice.recorded_by = recorded_by
    _payment_choice_store(choice, recorded_by=recorded_by, project_id=membership.project_id)
    RecordedOnBehalf.objects.create(
        membership=membership, what=RecordedFor.PAYMENT, consent=consent, recorded_by=recorded_by
    )
    return choice


def _payment_choice_store(
    choice: PaymentChoice, *, recorded_by, project_id: int | None = None
) -> PaymentChoice:
    if choice.method != Method.BANK:
        choice.account_name = choice.sort_code = choice.account_number = ""
    if choice.time_payment != TimePayment.LOWER:
        choice.lower_amount_pence = None
    if choice.time_payment != TimePayment.DONATE:
        choice.charity_name = ""
    stored = PaymentChoice.objects.select_for_update().filter(user_id=choice.user_id).first()
    now = timezone.now()
    choice.updated_at = now
    choice.save()
    change = _bank_change(stored or PaymentChoice(), choice)
    if change:
        _bank_details_changed(
            user=choice.user,
            change=change,
            now=now,
            recorded_by=recorded_by,
            project_id=project_id,
        )
    return choice


def _bank_change(before: PaymentChoice, after: PaymentChoice) -> str | None:
    """What kind of change of bank details, if any, `after` is."""
    where = (after.sort_code, after.account_number)
    if where == (before.sort_code, before.account_number):
        return BankChange.NAME_ONLY if after.account_name != before.account_name else None
    return BankChange.NEW_ACCOUNT if any(where) else BankChange.REMOVED


def _bank_details_changed(
    *, user, change: str, now: datetime, recorded_by=None, project_id: int | None = None
) -> BankDetailsChange:
    hours = settings.BANK_DETAILS_COOLING_OFF_HOURS
    holds = change == BankChange.NEW_ACCOUNT and hours > 0
    # The details an earlier change waited to have confirmed are gone: this one replaces it.
    BankDetailsChange.objects.filter(user=user, awaiting_confirmation=True).update(
        awaiting_confirmation=False
    )
    row = BankDetailsChange.objects.create(
        user=user,
        changed_at=now,
        change=change,
        hold_until=now + timedelta(hours=hours) if holds else None,
        recorded_by=recorded_by,
        # Removing details (cash, a voucher) sends no money anywhere: nothing to confirm.
        awaiting_confirmation=recorded_by is not None and change != BankChange.REMOVED,
    )
    detail = change.replace("_", " ")
    if holds:
        detail += f"; bank payments held for {hours} hours"
    if row.awaiting_confirmation:
        detail += "; recorded on their behalf, waiting for a finance officer to confirm"
    record(
        Action.BANK_DETAILS_CHANGED,
        actor=recorded_by or user,
        subject=user,
        target=f"bank_details_change:{row.pk}",
        detail=detail,
    )
    subject = f"bank_details_change:{row.pk}"
    if recorded_by is not None:
        # A member without email hears by the phone call or letter they asked for, from the
        # project's list of those (reminders' to-do channel).
        notice_record(
            kind=Kind.BANK_DETAILS_CHANGED,
            recipient_ids=[user.pk],
            subject=subject,
            occurrence=Channel.TODO,
            channel=Channel.TODO,
            project_id=project_id,
        )
        return row
    # Every channel the person has, so that someone who did not make the change hears of it
    # wherever they look: email always, and a text message if they gave a mobile number and
    # text messages are set up (without, the text would fall back to a second email).
    channels = [Channel.EMAIL]
    phone = load_preferences([user.pk])[user.pk].phone
    if normalise_uk_mobile(phone) and settings.NOTIFY_API_KEY:
        channels.append(Channel.SMS)
    for channel in channels:
        notice_record(
            kind=Kind.BANK_DETAILS_CHANGED,
            recipient_ids=[user.pk],
            subject=subject,
            occurrence=channel,
            channel=channel,
        )
    return row


def bank_details_confirm(
    *, change: BankDetailsChange, by, sort_code: str, account_number: str, note: str
) -> BankDetailsChange:
    """A finance officer confirms bank details recorded on a person's behalf, having checked
    them with the person: they type the sort code and account number the person gave them,
    without seeing the recorded ones, and only a match confirms. Then the payout run may pay
    into them (once any cooling-off period has also ended).

    The view checked `by` is a finance officer who gave their authenticator code lately.
    Nobody confirms details they recorded, or their own. Audited whether or not the details
    matched (a mismatch may be a mistake or a fraud); ValidationError unless confirmed.
    Locks the change and the payment choice, so the details cannot change while compared.
    """
    with transaction.atomic():
        change = BankDetailsChange.objects.select_for_update().get(pk=change.pk)
        if not change.awaiting_confirmation:
            raise ValidationError(_("These bank details are not waiting to be confirmed."))
        if by.pk in (change.recorded_by_id, change.user_id):
            raise ValidationError(
                _("Someone other than the person who recorded these details must confirm them.")
            )
        if not note.strip():
            raise ValidationError(_("Say how you checked the details with the person."))
        choice = PaymentChoice.objects.select_for_update().get(user_id=change.user_id)
        matches = (choice.sort_code, choice.account_number) == (sort_code, account_number)
        if matches:
            change.awaiting_confirmation = False
            change.confirmed_at, change.confirmed_by = timezone.now(), by
            change.confirmation_note = note.strip()
            change.save(
                update_fields=[
                    "awaiting_confirmation",
                    "confirmed_at",
                    "confirmed_by",
                    "confirmation_note",
                ]
            )
        record(
            Action.BANK_DETAILS_CONFIRMED,
            actor=by,
            subject=change.user,
            target=f"bank_details_change:{change.pk}",
            # Not the note: it may quote the details the person read out.
            detail="confirmed" if matches else "did not match what was recorded",
        )
    if not matches:
        raise ValidationError(
            _(
                "These are not the details that were recorded. Check them with the person "
                "again. If the recorded ones are wrong, ask the facilitator to correct them."
            )
        )
    return change


@transaction.atomic
def bank_hold_release(*, change: BankDetailsChange, by, reason: str) -> BankDetailsChange:
    """A finance officer releases a hold on a person's bank payments early (having checked
    with the person that the new details are theirs): the next payout run pays them. The view
    checked they are a finance officer who gave their authenticator code lately. Nobody
    releases a hold on their own payments. Audited, with the reason.
    """
    change = BankDetailsChange.objects.select_for_update().get(pk=change.pk)
    now = timezone.now()
    if change.released_at or not change.hold_until or change.hold_until <= now:
        raise ValidationError(_("These payments are no longer on hold."))
    if change.user_id == by.pk:
        raise ValidationError(_("Someone else must release a hold on your own payments."))
    if change.recorded_by_id == by.pk:
        raise ValidationError(
            _("Someone other than the person who recorded these bank details must release it.")
        )
    if not reason.strip():
        raise ValidationError(_("Say why the hold can end early, for example how you checked."))
    change.released_at, change.released_by = now, by
    change.release_reason = reason.strip()
    change.save(update_fields=["released_at", "released_by", "release_reason"])
    record(
        Action.BANK_HOLD_RELEASED,
        actor=by,
        subject=change.user,
        target=f"bank_details_change:{change.pk}",
        detail=f"released early: {change.release_reason}",
    )
    return change


def _choice(user_id: int) -> PaymentChoice | None:
    return PaymentChoice.objects.filter(user_id=user_id).first()


def _role(user, project_id: int) -> str | None:
    return (
        Membership.objects.active()
        .filter(project_id=project_id, user=user)
        .values_list("role", flat=True)
        .first()
    )


def _lock(claim: Claim) -> Claim:
    return Claim.objects.select_for_update().select_related("project").get(pk=claim.pk)


def _move(claim: Claim, to: str, *, by, action: str, note: str = "", fields=()) -> None:
    _save_events([_event(claim, claim.status, to, action, note, by=by)])
    claim.status = to
    claim.save(update_fields=["status", *fields])


def _recalculate(claim: Claim, choice: PaymentChoice | None) -> None:
    """Totals from the lines, with the person's choice about payment for their time."""
    sums = dict(
        claim.lines.values("kind").annotate(total=Sum("amount_pence")).values_list("kind", "total")
    )
    time_total, expenses = sums.get(LineKind.TIME, 0), sums.get(LineKind.EXPENSE, 0)
    mode = choice.time_payment if choice else TimePayment.FULL
    claim.time_pence, claim.donation_pence = {
        TimePayment.FULL: (time_total, 0),
        TimePayment.LOWER: (min(time_total, (choice and choice.lower_amount_pence) or 0), 0),
        TimePayment.DONATE: (0, time_total),
    }.get(mode, (0, 0))
    # A paid advance is set against the expenses: what is left of them is paid now, and
    # what the advance came to beyond them is owed back. An advance not paid is set against
    # nothing (claim_submit waits for it to be paid or turned down).
    advance = _advance_paid_pence(claim)
    claim.expenses_pence = max(0, expenses - advance)
    claim.advance_pence = min(advance, expenses)
    claim.owed_pence = max(0, advance - expenses)
    claim.time_payment = mode
    claim.charity_name = choice.charity_name if choice and mode == TimePayment.DONATE else ""
    claim.save(
        update_fields=[
            "time_pence",
            "donation_pence",
            "expenses_pence",
            "advance_pence",
            "owed_pence",
            "time_payment",
            "charity_name",
        ]
    )


def _advance_paid_pence(claim: Claim) -> int:
    if claim.advance_id is None:
        return 0
    advance = Claim.objects.filter(pk=claim.advance_id, status=Status.PAID).first()
    return advance.expenses_pence if advance else 0


def _meeting_minutes(meeting: Meeting) -> int:
    return int((meeting.ends_at - meeting.starts_at).total_seconds() // 60)


@transaction.atomic
def claim_start(*, meeting: Meeting, claimant, started_by=None) -> Claim:
    """Start (or return the existing) claim by `claimant` for a meeting they attended, with the
    payment for their time filled in from the meeting's length and the rate in force that day;
    or, for a cancelled meeting they had said they were coming to, a claim for expenses only.
    An advance they had for the meeting is linked to the claim, to be reconciled against it
    (_recalculate).

    `started_by` is a facilitator starting it on the claimant's behalf (the view checked they
    may). Raises ValidationError if the claimant did not attend, may not claim, or chose no
    payment at all.
    """
    role = _role(claimant, meeting.project_id)
    if role is None or not role_can(role, Can.CLAIM_PAYMENT):
        raise ValidationError(_("Only members who take part as a person or a carer can claim."))
    cancelled = meeting.cancelled_at is not None
    advance = (
        Claim.objects.filter(
            kind=ClaimKind.ADVANCE, meeting=meeting, claimant=claimant, reconciled_by__isnull=True
        )
        .exclude(status=Status.REJECTED)
        .first()
    )
    if cancelled:
        # What people spent getting ready for a meeting that was then cancelled (travel booked)
        # is still theirs to claim, if they had said they were coming or had an advance for
        # it (which this claim then reconciles); there is no time to pay.
        coming = Attendance.objects.filter(meeting=meeting, user=claimant, rsvp=Rsvp.YES)
        if advance is None and not coming.exists():
            raise ValidationError(
                _("This meeting was cancelled. Only people who said they were coming can claim.")
            )
    elif meeting.starts_at > timezone.now():
        raise ValidationError(
            _("You can claim for a meeting once it has taken place. This one has not started yet.")
        )
    elif not Attendance.objects.filter(meeting=meeting, user=claimant, attended=True).exists():
        raise ValidationError(
            _(
                "You can only claim for a meeting you attended. If you were there, ask a "
                "facilitator to record your attendance."
            )
        )
    choice = _choice(claimant.pk)
    if choice and choice.time_payment == TimePayment.NONE:
        raise ValidationError(
            _("You chose no payment at all. To claim, change your payment choice first.")
        )
    claim, created = Claim.objects.get_or_create(
        kind=ClaimKind.MEETING,
        meeting=meeting,
        claimant=claimant,
        defaults={"project_id": meeting.project_id, "started_by": started_by, "advance": advance},
    )
    if not created:
        return claim
    day = local_day(meeting.starts_at)
    rate = None if cancelled else rate_in_force(meeting.project_id, Activity.MEETING, day)
    if rate is not None:
        minutes = _meeting_minutes(meeting)
        amount = (
            rate.amount_pence if rate.unit == Unit.SESSION else share_of(rate.amount_pence, minutes)
        )
        ClaimLine.objects.create(
            claim=claim,
            kind=LineKind.TIME,
            activity=Activity.MEETING,
            quantity=minutes,
            rate=rate,
            amount_pence=min(amount, MAX_LINE_PENCE),
        )
    _save_events(
        [
            _event(
                claim,
                "",
                Status.DRAFT,
                "started on their behalf" if started_by else "started",
                by=started_by or claimant,
            )
        ]
    )
    _recalculate(claim, choice)
    return claim


def _may_claim(claimant, project_id: int) -> None:
    role = _role(claimant, project_id)
    if role is None or not role_can(role, Can.CLAIM_PAYMENT):
        raise ValidationError(_("Only members who take part as a person or a carer can claim."))
    choice = _choice(claimant.pk)
    if choice and choice.time_payment == TimePayment.NONE:
        raise ValidationError(
            _("You chose no payment at all. To claim, change your payment choice first.")
        )


@transaction.atomic
def claim_between_meetings_start(
    *, project, claimant, activity: str, minutes: int, day, description: str
) -> Claim:
    """Start a claim for work done between meetings (reading papers, phone calls, a survey):
    a draft with its time at the rate card's rate for the activity on `day`. The person may
    add more time or expenses to it, then send it like any claim.

    Refused for a day still to come (nobody is paid for work not yet done), for an activity
    the rate card does not pay on that day, and for people who may not claim.
    """
    _may_claim(claimant, project.pk)
    if activity not in BETWEEN_MEETINGS_ACTIVITIES:
        raise ValidationError(_("Choose what you spent time on."))
    if day > timezone.localdate():
        raise ValidationError(
            _("You can claim for work once you have done it. Enter today's date or earlier.")
        )
    rate = rate_in_force(project.pk, activity, day)
    if rate is None:
        raise ValidationError(
            _(
                "This project's rate card does not pay for that on that date. Ask a "
                "facilitator about it."
            )
        )
    claim = Claim.objects.create(
        project=project,
        kind=ClaimKind.BETWEEN_MEETINGS,
        claimant=claimant,
        work_date=day,
        description=description.strip(),
    )
    _save_events([_event(claim, "", Status.DRAFT, "started", by=claimant)])
    claim_line_add_time(claim=claim, activity=activity, minutes=minutes)
    claim.refresh_from_db()
    return claim


@transaction.atomic
def advance_request(*, meeting: Meeting, claimant, description: str, amount_pence: int) -> Claim:
    """Ask for travel money before a meeting: a claim of kind ADVANCE, sent for approval at
    once and paid like any claim (the payout run, or cash handed over), exactly once.

    Only before the meeting starts, and not for a cancelled one. One advance per person per
    meeting (a constraint in the database): asking again changes an advance sent back for
    changes, and is refused once it has been sent. After the meeting, the person's claim for
    it reconciles the advance (claim_start, _recalculate).
    """
    _may_claim(claimant, meeting.project_id)
    if meeting.cancelled_at is not None:
        raise ValidationError(_("This meeting was cancelled, so there is no advance to pay."))
    if meeting.starts_at <= timezone.now():
        raise ValidationError(
            _("An advance is paid before a meeting. For this one, claim what you spent instead.")
        )
    if not 0 < amount_pence <= MAX_LINE_PENCE:
        raise ValidationError(_("Enter an amount between £0.01 and £1,000.00"))
    if ExpenseType.TRAVEL not in policy_for(meeting.project).expense_types:
        raise ValidationError(_("This project does not pay for travel."))
    claim, created = Claim.objects.get_or_create(
        kind=ClaimKind.ADVANCE,
        meeting=meeting,
        claimant=claimant,
        defaults={"project_id": meeting.project_id},
    )
    claim = _lock(claim)
    if not created and claim.status not in EDITABLE:
        raise ValidationError(
            _("You have already asked for an advance for this meeting: it is %(status)s.")
            % {"status": claim.get_status_display().lower()}
        )
    if created:
        _save_events([_event(claim, "", Status.DRAFT, "advance asked for", by=claimant)])
    claim.lines.all().delete()
    ClaimLine.objects.create(
        claim=claim,
        kind=LineKind.EXPENSE,
        expense_type=ExpenseType.TRAVEL,
        description=description.strip(),
        amount_pence=amount_pence,
    )
    return claim_submit(claim=claim, by=claimant)


def _check_editable(claim: Claim) -> None:
    if claim.status not in EDITABLE:
        raise ValidationError(_("This claim has been sent and can no longer be changed."))


@transaction.atomic
def claim_line_add_expense(
    *,
    claim: Claim,
    expense_type: str,
    description: str,
    amount_pence: int,
    miles: int = 0,
    receipt=None,
    receipt_type: str = "",
) -> ClaimLine:
    """Add an expense (with its receipt, already checked by receipts.check_receipt).

    Mileage is worked out from the miles at the project's rate per mile. An expense at or
    over the policy's receipt threshold is refused without a receipt; under it, none is
    needed (PaymentPolicy.needs_receipt)."""
    claim = _lock(claim)
    _check_editable(claim)
    policy = policy_for(claim.project)
    if expense_type not in policy.expense_types:
        raise ValidationError(_("This project does not pay for that kind of expense."))
    if expense_type == "mileage":
        amount_pence = miles * policy.mileage_pence_per_mile
    if not 0 < amount_pence <= MAX_LINE_PENCE:
        raise ValidationError(_("Enter an amount between £0.01 and £1,000.00"))
    if receipt is None and policy.needs_receipt(expense_type, amount_pence):
        raise ValidationError(policy.receipt_needed_message())
    line = ClaimLine(
        claim=claim,
        kind=LineKind.EXPENSE,
        expense_type=expense_type,
        description=description,
        quantity=miles,
        amount_pence=amount_pence,
        receipt_type=receipt_type,
        receipt_name=(receipt.name[-200:] if receipt else ""),
    )
    if receipt is not None:
        line.receipt.save("receipt", receipt, save=False)
    line.save()
    _recalculate(claim, _choice(claim.claimant_id))
    return line


@transaction.atomic
def claim_line_add_time(*, claim: Claim, activity: str, minutes: int) -> ClaimLine:
    """Add time spent preparing, reading papers or travelling, at the rate in force on the
    claim's day (the meeting's, or the work's). Refused when the rate card has no rate for it."""
    claim = _lock(claim)
    _check_editable(claim)
    if claim.is_advance:
        raise ValidationError(_("An advance is for travel only."))
    rate = rate_in_force(claim.project_id, activity, claim.day)
    if rate is None:
        raise ValidationError(_("This project does not pay for that activity."))
    amount = (
        rate.amount_pence if rate.unit == Unit.SESSION else share_of(rate.amount_pence, minutes)
    )
    if amount > MAX_LINE_PENCE:
        raise ValidationError(_("That is more time than one claim can pay for."))
    line = ClaimLine.objects.create(
        claim=claim,
        kind=LineKind.TIME,
        activity=activity,
        quantity=minutes,
        rate=rate,
        amount_pence=amount,
    )
    _recalculate(claim, _choice(claim.claimant_id))
    return line


@transaction.atomic
def claim_line_remove(*, line: ClaimLine) -> None:
    claim = _lock(line.claim)
    _check_editable(claim)
    if line.receipt:
        # Delete the file only once the row is gone for good.
        name, storage = line.receipt.name, line.receipt.storage
        transaction.on_commit(lambda: storage.delete(name))
    line.delete()
    _recalculate(claim, _choice(claim.claimant_id))


@transaction.atomic
def claim_submit(*, claim: Claim, by, by_phone: bool = False) -> Claim:
    """Send a draft (or a claim sent back for changes) for approval.

    The claimant confirms it themselves in this one step. A facilitator may send a claim they
    started on someone's behalf only by recording that the person confirmed it by phone.
    """
    claim = _lock(claim)
    _check_editable(claim)
    if by.pk != claim.claimant_id:
        if claim.started_by_id is None:
            raise ValidationError(_("Only the person claiming can send this claim."))
        if not by_phone:
            raise ValidationError(
                _("Confirm that %(name)s agreed to this claim by phone, or ask them to confirm it.")
                % {"name": claim.claimant.display_name}
            )
    choice = _choice(claim.claimant_id)
    if choice is None:
        raise ValidationError(_("Say how you would like to be paid first."))
    if choice.time_payment == TimePayment.NONE:
        raise ValidationError(_("The payment choice says no payment at all."))
    policy = policy_for(claim.project)
    if choice.method not in policy.methods:
        raise ValidationError(
            _("This project does not pay by %(method)s. Choose another way to be paid.")
            % {"method": choice.get_method_display().lower()}
        )
    if choice.method == Method.BANK and not choice.has_bank_details:
        raise ValidationError(_("Add the bank details to be paid by bank transfer."))
    if claim.advance_id:
        # Locked: the advance's payment cannot fail or go through while this is reconciled.
        advance = Claim.objects.select_for_update().get(pk=claim.advance_id)
        if advance.status not in (Status.PAID, Status.REJECTED):
            raise ValidationError(
                _(
                    "Your advance for this meeting has not been paid yet (it is %(status)s). "
                    "Send this claim once it has been paid, so that it can be set against it."
                )
                % {"status": advance.get_status_display().lower()}
            )
    _recalculate(claim, choice)
    if claim.gross_pence == 0 and claim.owed_pence == 0:
        raise ValidationError(_("There is nothing to claim yet. Add an expense first."))
    claim.method = choice.method
    claim.submitted_at = timezone.now()
    claim.reason = ""
    claim.first_approved_by = None
    claim.first_approved_at = None
    fields = ["method", "submitted_at", "reason", "first_approved_by", "first_approved_at"]
    if by_phone and by.pk != claim.claimant_id:
        claim.confirmed_by_phone_by = by
        fields.append("confirmed_by_phone_by")
        action, note = "confirmed by phone", _("recorded by the facilitator")
    else:
        action, note = "submitted", ""
    _move(claim, Status.SUBMITTED, by=by, action=action, note=note, fields=fields)
    return claim


def _pay_nothing_or_keep(claim: Claim, by, now) -> None:
    """An approved claim with nothing for the person (it all goes to their charity) is done."""
    if claim.payable_pence == 0:
        claim.paid_at = now
        _move(claim, Status.PAID, by=by, action="nothing to pay", fields=["paid_at"])


@transaction.atomic
def claim_approve(*, claim: Claim, by) -> Claim:
    """Approve a submitted claim.

    Rules: nobody approves their own claim; a facilitator approves first; a facilitator who
    started a claim on someone's behalf and also recorded their phone confirmation may not
    approve it (nobody else would have looked at it). Above the project's threshold a
    commissioner approves as well, and must be a different person from the first approver.
    """
    claim = _lock(claim)
    if claim.status != Status.SUBMITTED:
        raise ValidationError(
            _("This claim is not waiting for approval: it is %(status)s.")
            % {"status": claim.get_status_display().lower()}
        )
    if by.pk == claim.claimant_id:
        raise ValidationError(_("You cannot approve your own claim."))
    if claim.is_advance and claim.meeting.cancelled_at is not None:
        raise ValidationError(
            _(
                "The meeting was cancelled, so this advance is not needed: do not approve it. "
                "If the person has already spent money, they can claim it for the cancelled "
                "meeting."
            )
        )
    role = _role(by, claim.project_id)
    now = timezone.now()
    if claim.first_approved_by_id is None:
        if not role_can(role, Can.APPROVE_CLAIMS):
            raise ValidationError(_("A facilitator must approve this claim first."))
        if claim.started_by_id == by.pk and claim.confirmed_by_phone_by_id == by.pk:
            raise ValidationError(
                _(
                    "You started this claim and confirmed it by phone, so another facilitator "
                    "must approve it."
                )
            )
        claim.first_approved_by, claim.first_approved_at = by, now
        if policy_for(claim.project).needs_second_approval(claim.gross_pence):
            _save_events(
                [
                    _event(
                        claim,
                        claim.status,
                        claim.status,
                        "first approval",
                        _("over the approval threshold: a commissioner must approve it too"),
                        by=by,
                    )
                ]
            )
            claim.save(update_fields=["first_approved_by", "first_approved_at"])
            return claim
        fields = ["first_approved_by", "first_approved_at", "approved_at"]
    else:
        if not role_can(role, Can.SECOND_APPROVE_CLAIMS):
            raise ValidationError(
                _("This claim is over the approval threshold: a commissioner must approve it.")
            )
        if by.pk == claim.first_approved_by_id:
            raise ValidationError(_("A different person must give the second approval."))
        claim.second_approved_by = by
        fields = ["second_approved_by", "approved_at"]
    claim.approved_at = now
    _move(claim, Status.APPROVED, by=by, action="approved", fields=fields)
    _pay_nothing_or_keep(claim, by, now)
    return claim


@transaction.atomic
def claim_send_back(*, claim: Claim, by, reason: str, reject: bool) -> Claim:
    """Reject a submitted claim, or send it back to the claimant for changes, with a reason."""
    claim = _lock(claim)
    if claim.status != Status.SUBMITTED:
        raise ValidationError(_("This claim is not waiting for a decision."))
    if by.pk == claim.claimant_id:
        raise ValidationError(_("You cannot decide on your own claim."))
    role = _role(by, claim.project_id)
    if not (role_can(role, Can.APPROVE_CLAIMS) or role_can(role, Can.SECOND_APPROVE_CLAIMS)):
        raise ValidationError(_("You cannot decide on claims in this project."))
    if not reason.strip():
        raise ValidationError(_("Say why, so that the person knows what to do."))
    claim.reason = reason.strip()
    claim.first_approved_by = None
    claim.first_approved_at = None
    _move(
        claim,
        Status.REJECTED if reject else Status.RETURNED,
        by=by,
        action="rejected" if reject else "sent back",
        note=claim.reason,
        fields=["reason", "first_approved_by", "first_approved_at"],
    )
    return claim


@transaction.atomic
def claim_record_handover(*, claim: Claim, by, note: str) -> Claim:
    """A facilitator handed over cash or a voucher for an approved claim: it is paid."""
    claim = _lock(claim)
    if claim.status != Status.APPROVED or claim.method not in (Method.CASH, Method.VOUCHER):
        raise ValidationError(_("This claim is not waiting for cash or a voucher."))
    if claim.is_advance and claim.meeting.cancelled_at is not None:
        raise ValidationError(ADVANCE_NOT_NEEDED)
    if by.pk == claim.claimant_id:
        raise ValidationError(_("You cannot record a payment to yourself."))
    if not role_can(_role(by, claim.project_id), Can.RECORD_CASH_PAYMENT):
        raise ValidationError(_("Only a facilitator can record this."))
    if claim.method == Method.VOUCHER and not note.strip():
        raise ValidationError(_("Say what voucher was given, for example its value and shop."))
    claim.handover_note = note.strip()
    claim.handed_over_by = by
    claim.paid_at = timezone.now()
    _move(
        claim,
        Status.PAID,
        by=by,
        action="cash handed over" if claim.method == Method.CASH else "voucher given",
        note=claim.handover_note,
        fields=["handover_note", "handed_over_by", "paid_at"],
    )
    return claim


@transaction.atomic
def claim_record_cash_on_the_day(*, claim: Claim, by, amount_pence: int, note: str) -> Claim:
    """A finance officer records that an approved claim was paid in cash on the day (the
    person would have been out of pocket waiting for a bank transfer): the claim is paid, by
    cash, so the payout run never pays it by Bacs as well.

    Exactly once: the claim is locked and must still be approved, so of this and a payout run
    at the same moment only one succeeds (the run takes approved claims with SKIP LOCKED).
    The cash must be the whole amount due. Nobody records a payment to themselves. In the
    claim's history and the audit trail.
    """
    claim = _lock(claim)
    if not is_finance_officer(by):
        raise ValidationError(_("Only a finance officer can record this."))
    if by.pk == claim.claimant_id:
        raise ValidationError(_("You cannot record a payment to yourself."))
    if claim.status == Status.SCHEDULED:
        raise ValidationError(
            _(
                "This claim is already in a payout batch, so it will be paid by bank transfer. "
                "Do not give cash for it."
            )
        )
    if claim.status != Status.APPROVED:
        raise ValidationError(
            _("This claim is not waiting to be paid: it is %(status)s.")
            % {"status": claim.get_status_display().lower()}
        )
    if amount_pence != claim.payable_pence:
        raise ValidationError(
            _("The claim is for %(amount)s. Record cash only when the whole amount was given.")
            % {"amount": format_pence(claim.payable_pence)}
        )
    if not note.strip():
        raise ValidationError(_("Say who gave the cash, and where"))
    claim.method = Method.CASH
    claim.handover_note = note.strip()
    claim.handed_over_by = by
    claim.paid_at = timezone.now()
    _move(
        claim,
        Status.PAID,
        by=by,
        action="cash paid on the day",
        note=claim.handover_note,
        fields=["method", "handover_note", "handed_over_by", "paid_at"],
    )
    return claim


@transaction.atomic
def claim_retry(*, claim: Claim, by) -> Claim:
    """After a failed payment, the claimant (having fixed their details) asks to be paid again.
    The approval stands; the next payout run takes it, by their current way of being paid."""
    claim = _lock(claim)
    if claim.status != Status.FAILED:
        raise ValidationError(_("This claim's payment has not failed."))
    choice = _choice(claim.claimant_id)
    if choice is None or (choice.method == Method.BANK and not choice.has_bank_details):
        raise ValidationError(_("Add your bank details first."))
    if choice.method not in policy_for(claim.project).methods:
        raise ValidationError(_("This project does not pay that way. Choose another way."))
    claim.method = choice.method
    _move(claim, Status.APPROVED, by=by, action="asked to be paid again", fields=["method"])
    return claim


def payout_run(*, now: datetime | None = None, limit: int | None = None) -> list[int]:
    """Gather every approved claim paid through a batch into batches, per payment method.

    Exactly once: each batch is made in one transaction that locks its claims with
    SKIP LOCKED and moves them from approved to scheduled. Concurrent runs therefore take
    disjoint claims; a run that dies mid-batch rolls back, leaving its claims approved for the
    next run; running again finds nothing left to take. The partial unique constraint on
    PayoutItem backs this up in the database. Returns the new batches' ids.

    Claims of people whose new bank details are in their cooling-off period are left
    approved for a later run (BankDetailsChange.hold_until, unless a finance officer released
    the hold), as are those of people whose bank details were recorded on their behalf and
    are not yet confirmed by a finance officer (awaiting_confirmation). Advances for meetings
    cancelled since they were approved are not paid: they are turned down, and the person
    told why.
    """
    now = now or timezone.now()
    limit = limit or PAYOUT_BATCH_LIMIT
    _advances_for_cancelled_meetings_turn_down()
    made = []
    for method in BATCHED_METHODS:
        while True:
            taken, batch_id = _payout_one_batch(method, now, limit)
            if batch_id:
                made.append(batch_id)
            if taken == 0:
                break
    return made


ADVANCE_NOT_NEEDED = _lazy(
    "The meeting was cancelled, so the advance is not needed. If you had already spent money "
    "on travel you cannot get back, claim it for the cancelled meeting."
)


@transaction.atomic
def _advances_for_cancelled_meetings_turn_down() -> None:
    """Approved advances not yet paid, for meetings cancelled since: turned down, once (the
    rows are locked and checked as approved; a run that loses the race skips them)."""
    advances = list(
        Claim.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(status=Status.APPROVED, kind=ClaimKind.ADVANCE, meeting__cancelled_at__isnull=False)
        .order_by("pk")
    )
    for claim in advances:
        claim.status, claim.reason = Status.REJECTED, str(ADVANCE_NOT_NEEDED)
    Claim.objects.bulk_update(advances, ["status", "reason"])
    _save_events(
        [
            _event(c, Status.APPROVED, Status.REJECTED, "advance not needed", c.reason)
            for c in advances
        ]
    )


@transaction.atomic
def _payout_one_batch(method: str, now: datetime, limit: int) -> tuple[int, int | None]:
    held = BankDetailsChange.objects.holding_payouts(now).values("user_id")
    claims = list(
        Claim.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(status=Status.APPROVED, method=method)
        .exclude(claimant_id__in=held)
        .exclude(kind=ClaimKind.ADVANCE, meeting__cancelled_at__isnull=False)
        .order_by("pk")[:limit]
    )
    if not claims:
        return 0, None
    people = {c.claimant_id for c in claims}
    # Locked, so that bank details being changed now are either paid before the change
    # commits, or read after it, when the hold it made is seen below.
    choices = {
        choice.user_id: choice
        for choice in PaymentChoice.objects.select_for_update()
        .filter(user_id__in=people)
        .order_by("pk")
    }
    held_now = set(held.filter(user_id__in=people).values_list("user_id", flat=True))
    payable, unpayable, refused = [], [], []
    for claim in claims:
        if claim.claimant_id in held_now:
            continue  # on hold since the claims were taken: stays approved
        choice = choices.get(claim.claimant_id)
        ok = choice and choice.method == method and choice.has_bank_details
        if ok and not modulus.is_valid(choice.sort_code, choice.account_number):
            refused.append(claim)  # the bank would return it: recorded in the batch, not paid
        else:
            (payable if ok else unpayable).append(claim)
    events = []
    for claim in unpayable:
        claim.status, claim.reason = (
            Status.FAILED,
            _("We do not have bank details for you. Add them, then ask to be paid again."),
        )
        events.append(_event(claim, Status.APPROVED, Status.FAILED, "payment failed", claim.reason))
    for claim in refused:
        claim.status, claim.reason = (
            Status.FAILED,
            _(
                "Your sort code and account number do not belong together, so the bank would send "
                "the payment back. Check them in your payment choice, then ask to be paid again."
            ),
        )
        events.append(
            _event(claim, Status.APPROVED, Status.FAILED, "failed bank check", claim.reason)
        )
    Claim.objects.bulk_update(unpayable + refused, ["status", "reason"])
    batch_id = None
    if payable or refused:
        created_on = local_day(now)
        processing, value = bacs_dates(created_on)
        batch = PayoutBatch.objects.create(
            method=method,
            created_at=now,
            created_on=created_on,
            processing_date=processing,
            value_date=value,
            total_pence=sum(c.payable_pence for c in payable),
            item_count=len(payable),
            originator_sort_code=settings.BACS_ORIGINATOR_SORT_CODE,
            originator_account_number=settings.BACS_ORIGINATOR_ACCOUNT,
            originator_name=bacs_text(settings.BACS_ORIGINATOR_NAME).strip(),
            service_user_number=settings.BACS_ORIGINATOR_SERVICE_USER_NUMBER,
        )
        batch_id = batch.pk
        # A refused claim is in the batch as a payment that failed before it was sent, so the
        # finance officer sees which claim was left out of the file and why (payout_files).
        left_out = _("Not in the file: the sort code and account number fail the banks' check.")
        refused_ids = {claim.pk for claim in refused}
        # Each person's bank details encrypted once for all their payments in the batch, and
        # read back once by the payment files (payout_files.credits).
        sealed = {
            person: {
                "account_name": seal(choices[person].account_name),
                "sort_code": seal(choices[person].sort_code),
                "account_number": seal(choices[person].account_number),
            }
            for person in {claim.claimant_id for claim in payable + refused}
        }
        PayoutItem.objects.bulk_create(
            [
                PayoutItem(
                    batch=batch,
                    claim=claim,
                    amount_pence=claim.payable_pence,
                    **sealed[claim.claimant_id],
                    reference=f"COPRODUCE {claim.pk}"[:18],
                    failed_at=now if claim.pk in refused_ids else None,
                    failure_reason=left_out if claim.pk in refused_ids else "",
                )
                for claim in payable + refused
            ]
        )
        moved = Claim.objects.filter(pk__in=[c.pk for c in payable], status=Status.APPROVED).update(
            status=Status.SCHEDULED
        )
        if moved != len(payable):  # impossible while we hold the row locks; never pay twice
            raise RuntimeError("claims changed under a payout run's locks")
        events += [
            _event(c, Status.APPROVED, Status.SCHEDULED, "in payout batch", f"batch {batch.pk}")
            for c in payable
        ]
        record(
            Action.PAYOUT_CHANGED,
            target=f"batch:{batch.pk}",
            detail=f"made with {len(payable)} payments"
            + (f", {len(refused)} left out by the bank check" if refused else ""),
        )
    _save_events(events)
    return len(claims), batch_id


# Changes the claimant must hear about, since they have something to do or to know: told once,
# on their channel and in their format (expenses/reminder_kinds.py, ClaimOutcome).
TOLD_TO_CLAIMANT = (Status.RETURNED, Status.REJECTED, Status.FAILED)


def _save_events(events: list[ClaimEvent]) -> None:
    """A claim's own history, the audit trail's entries about the claimant and the notices to
    them: each change of state is in all three, in the same transaction."""
    ClaimEvent.objects.bulk_create(events)
    notices_record(
        kind=Kind.CLAIM_OUTCOME,
        notices=(
            NoticeTo(
                recipient_id=event.claim.claimant_id,
                subject=f"claim:{event.claim_id}",
                occurrence=f"{event.to_status}:{event.pk}",
                project_id=event.claim.project_id,
            )
            for event in events
            if event.to_status in TOLD_TO_CLAIMANT
        ),
    )
    record_each(
        Action.CLAIM_CHANGED,
        (
            {
                "actor": event.by,
                "subject_id": event.claim.claimant_id,
                "project_id": event.claim.project_id,
                "target": f"claim:{event.claim_id}",
                "detail": f"{event.action}: "
                + " to ".join(filter(None, [event.from_status, event.to_status])),
            }
            for event in events
        ),
    )


def _event(claim: Claim, from_status: str, to_status: str, action: str, note: str = "", by=None):
    return ClaimEvent(
        claim=claim,
        by=by,
        action=action,
        from_status=from_status,
        to_status=to_status,
        note=note,
    )


@transaction.atomic
def batch_mark_submitted(*, batch: PayoutBatch, by) -> PayoutBatch:
    """The finance officer sent the batch to the bank: its claims are paid. Only once."""
    batch = PayoutBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != BatchStatus.READY:
        raise ValidationError(_("This batch has already been marked as sent to the bank."))
    now = timezone.now()
    batch.status, batch.submitted_at, batch.submitted_by = BatchStatus.SUBMITTED, now, by
    batch.save(update_fields=["status", "submitted_at", "submitted_by"])
    claim_ids = list(batch.items.filter(failed_at__isnull=True).values_list("claim_id", flat=True))
    claims = list(
        Claim.objects.select_for_update().filter(pk__in=claim_ids, status=Status.SCHEDULED)
    )
    Claim.objects.filter(pk__in=[c.pk for c in claims]).update(status=Status.PAID, paid_at=now)
    forget_figures({c.project_id for c in claims})  # an update sends no signal to do it
    _save_events(
        [
            _event(c, Status.SCHEDULED, Status.PAID, "paid", f"batch {batch.pk}", by=by)
            for c in claims
        ]
    )
    record(Action.PAYOUT_CHANGED, actor=by, target=f"batch:{batch.pk}", detail="sent to the bank")
    return batch


@transaction.atomic
def payout_item_fail(*, item: PayoutItem, by, reason: str) -> PayoutItem:
    """The bank could not make a payment: the claim goes back to the claimant with the reason."""
    item = PayoutItem.objects.select_for_update().get(pk=item.pk)
    if item.failed_at is not None:
        raise ValidationError(_("This payment is already marked as failed."))
    if not reason.strip():
        raise ValidationError(_("Say why the payment failed, so that the person can fix it."))
    claim = _lock(item.claim)
    if claim.status not in (Status.SCHEDULED, Status.PAID):
        raise ValidationError(_("This claim is not being paid."))
    item.failed_at, item.failure_reason = timezone.now(), reason.strip()
    item.save(update_fields=["failed_at", "failure_reason"])
    record(
        Action.PAYOUT_CHANGED, actor=by, target=f"batch:{item.batch_id}", detail="a payment failed"
    )
    claim.reason, claim.paid_at = item.failure_reason, None
    _move(
        claim,
        Status.FAILED,
        by=by,
        action="payment failed",
        note=claim.reason,
        fields=["reason", "paid_at"],
    )
    return item
