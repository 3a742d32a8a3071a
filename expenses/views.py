from collections import defaultdict
from datetime import date, time, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Avg, Count, F, Max, OuterRef, Q, Subquery, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accessibility.models import AccessProfile
from accounts.models import User
from audit.models import Action
from audit.services import record, record_many
from coproduce.bidi import isolate
from coproduce.downloads import private_attachment
from coproduce.pagination import page_of
from coproduce.reauthentication import (
    reauthentication_url,
    recently_reauthenticated,
    require_fresh_second_factor,
    require_reauthentication,
)
from coproduce.second_factor import require_second_factor
from projects.access import (
    Can,
    get_meeting_for_user,
    get_member_without_email,
    get_project_access,
    role_can,
)
from projects.models import Attendance, Membership

from . import services
from .access import (
    get_claim_for_user,
    get_policy_change_for_user,
    is_finance_officer,
    may_edit_claim,
    require_finance_officer,
)
from .forms import (
    AdvanceForm,
    BankDetailsConfirmForm,
    BetweenMeetingsForm,
    CashOnTheDayForm,
    DecisionForm,
    ExpenseLineForm,
    FailureForm,
    HandoverForm,
    HoldReleaseForm,
    OnBehalfForm,
    PaymentChoiceForm,
    PaymentOnBehalfForm,
    PaymentPolicyForm,
    PhoneConfirmationForm,
    PolicyChangeDecisionForm,
    RateForm,
    TimeLineForm,
)
from .models import (
    BETWEEN_MEETINGS_ACTIVITIES,
    COMMITTED,
    Activity,
    BankDetailsChange,
    Claim,
    ClaimKind,
    ClaimLine,
    Method,
    PaymentChoice,
    PayoutBatch,
    PayoutItem,
    PolicyChange,
    PolicyChangeStatus,
    Rate,
    Status,
)
from .money import pence_to_decimal_text
from .payment_csv import write_export
from .payout_files import FORMATS
from .schedule import (
    expected_payment_date,
    local_day,
    london_datetime,
    tax_year_start,
    week_start,
)


def _error(form, error: ValidationError, field=None):
    for message in error.messages:
        form.add_error(field, message)


def _rates_in_force(project, day):
    """The rate card on `day`: for each activity and unit, the latest rate that had started."""
    current = {}
    for rate in Rate.objects.filter(project=project, effective_from__lte=day).order_by(
        "activity", "-effective_from", "-created_at", "-id"
    ):
        current.setdefault(rate.activity, rate)
    return [current[a] for a in Activity if a in current]


@login_required
def claim_list(request, project_id):
    """The project's payments page: the rate card and policy for everyone; your own claims;
    and for those who handle claims, every claim and what is waiting for them."""
    access = get_project_access(request, project_id)
    project = access.project
    handles = access.can(Can.APPROVE_CLAIMS) or access.can(Can.SECOND_APPROVE_CLAIMS)
    claims = Claim.objects.for_table().filter(project=project).not_others_drafts(request.user)
    if not handles:
        claims = claims.filter(claimant=request.user)
    waiting = None
    if access.can(Can.APPROVE_CLAIMS):
        waiting = Q(status=Status.SUBMITTED, first_approved_by__isnull=True) | Q(
            status=Status.APPROVED, method__in=[Method.CASH, Method.VOUCHER]
        )
    elif access.can(Can.SECOND_APPROVE_CLAIMS):
        waiting = Q(status=Status.SUBMITTED, first_approved_by__isnull=False)
    if waiting is not None:
        # Longest waiting first: these are the ones to deal with.
        waiting = page_of(
            request, claims.filter(waiting).order_by("submitted_at", "pk"), param="waiting"
        )
    return render(
        request,
        "expenses/claim_list.html",
        {
            "access": access,
            "project": project,
            "policy": services.policy_for(project),
            "pending_change": _pending_change(project)
            if handles or access.can(Can.SET_PAYMENT_POLICY)
            else None,
            "rates": _rates_in_force(project, timezone.localdate()),
            "claims": page_of(request, claims),
            "waiting": waiting,
            "handles": handles,
        },
    )


def _pending_change(project) -> PolicyChange | None:
    return (
        PolicyChange.objects.filter(project=project, status=PolicyChangeStatus.PENDING)
        .select_related("proposed_by")
        .first()
    )


@login_required
def payment_policy_edit(request, project_id):
    """Changing the payout rules asks for the password or a code again (a POST made after
    the 5 minutes is replayed once it is given)."""
    access = get_project_access(request, project_id, need=Can.SET_PAYMENT_POLICY)
    require_reauthentication(request)
    policy = services.policy_for(access.project)
    form = PaymentPolicyForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        _policy, change = services.payment_policy_save(policy=form.instance, by=request.user)
        if change:
            messages.success(
                request,
                _(
                    "Payment policy saved. The new approval threshold applies once another "
                    "commissioner or the finance officer confirms it."
                ),
            )
        else:
            messages.success(request, _("Payment policy saved."))
        return redirect("claim-list", access.project.pk)
    return render(
        request,
        "expenses/payment_policy_form.html",
        {
            "access": access,
            "project": access.project,
            "form": form,
            "pending_change": _pending_change(access.project),
        },
    )


@login_required
def policy_change_decide(request, project_id, change_id):
    """A change to the payment policy waiting for a second person: another commissioner or a
    finance officer confirms it or turns it down; the person who proposed it may withdraw it."""
    access, change = get_policy_change_for_user(request, project_id, change_id)
    require_reauthentication(request)
    own = change.proposed_by_id == request.user.pk
    form = PolicyChangeDecisionForm(request.POST or None, own=own) if change.is_pending else None
    back = reverse("claim-list", args=[project_id]) if access else reverse("finance-batch-list")
    if form is not None and request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        try:
            if decision == form.CONFIRM:
                services.policy_change_confirm(change=change, by=request.user)
            else:
                services.policy_change_withdraw(change=change, by=request.user)
        except ValidationError as exc:
            _error(form, exc, "decision")
        else:
            messages.success(
                request,
                {
                    form.CONFIRM: _("Change confirmed. The new approval threshold applies now."),
                    form.DECLINE: _("The change will not be made."),
                    form.WITHDRAW: _("Change withdrawn."),
                }[decision],
            )
            return redirect(back)
    return render(
        request,
        "expenses/policy_change_decide.html",
        {
            "project": change.project,
            "change": change,
            "current": services.policy_for(change.project).approval_threshold_pence,
            "own": own,
            "form": form,
            "back": back,
        },
    )


@login_required
def rate_create(request, project_id):
    access = get_project_access(request, project_id, need=Can.SET_PAYMENT_POLICY)
    form = RateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.rate_add(project=access.project, by=request.user, **form.cleaned_data)
        messages.success(request, _("Rate added. It applies from its start date."))
        return redirect("claim-list", access.project.pk)
    history = Rate.objects.filter(project=access.project).select_related("created_by")
    return render(
        request,
        "expenses/rate_form.html",
        {"access": access, "project": access.project, "form": form, "history": history},
    )


@login_required
def budget(request, project_id):
    access = get_project_access(request, project_id, need=Can.VIEW_BUDGET)
    project = access.project
    policy = services.policy_for(project)
    gross = F("time_pence") + F("expenses_pence") + F("donation_pence")
    totals = Claim.objects.filter(project=project).aggregate(
        spent=Sum(gross, filter=Q(status=Status.PAID), default=0),
        committed=Sum(gross, filter=Q(status__in=COMMITTED), default=0),
        waiting=Sum(gross, filter=Q(status=Status.SUBMITTED), default=0),
        average_wait=Avg(F("paid_at") - F("submitted_at"), filter=Q(status=Status.PAID)),
    )
    average = totals["average_wait"]
    return render(
        request,
        "expenses/budget.html",
        {
            "access": access,
            "project": project,
            "policy": policy,
            "totals": totals,
            "left": policy.budget_pence - totals["spent"] - totals["committed"],
            "average_days": round(average.total_seconds() / 86400, 1) if average else None,
        },
    )


@login_required
def claim_start(request, project_id, meeting_id):
    access, meeting = get_meeting_for_user(request, project_id, meeting_id, need=Can.CLAIM_PAYMENT)
    existing = Claim.objects.filter(
        kind=ClaimKind.MEETING, meeting=meeting, claimant=request.user
    ).first()
    if existing:
        return redirect("claim-detail", access.project.pk, existing.pk)
    error = None
    if request.method == "POST":
        try:
            claim = services.claim_start(meeting=meeting, claimant=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            return redirect("claim-detail", access.project.pk, claim.pk)
    return render(
        request,
        "expenses/claim_start.html",
        {"access": access, "project": access.project, "meeting": meeting, "error": error},
        status=400 if error else 200,
    )


@login_required
def claim_between_meetings_start(request, project_id):
    """A claim for work between meetings: reading papers, phone calls, surveys."""
    access = get_project_access(request, project_id, need=Can.CLAIM_PAYMENT)
    form = BetweenMeetingsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            claim = services.claim_between_meetings_start(
                project=access.project,
                claimant=request.user,
                activity=data["activity"],
                minutes=data["hours"],
                day=data["day"],
                description=data["description"],
            )
        except ValidationError as exc:
            _error(form, exc, "activity")
        else:
            messages.success(request, _("Claim started. Add anything else, then send it."))
            return redirect("claim-detail", access.project.pk, claim.pk)
    return render(
        request,
        "expenses/claim_between_meetings.html",
        {
            "access": access,
            "project": access.project,
            "form": form,
            "rates": [
                rate
                for rate in _rates_in_force(access.project, timezone.localdate())
                if rate.activity in BETWEEN_MEETINGS_ACTIVITIES
            ],
        },
    )


@login_required
def advance_request(request, project_id, meeting_id):
    """Travel money before a meeting, paid like a claim and reconciled after the meeting."""
    access, meeting = get_meeting_for_user(request, project_id, meeting_id, need=Can.CLAIM_PAYMENT)
    existing = Claim.objects.filter(
        kind=ClaimKind.ADVANCE, meeting=meeting, claimant=request.user
    ).first()
    if existing and not existing.is_editable:
        return redirect("claim-detail", access.project.pk, existing.pk)
    form = AdvanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            claim = services.advance_request(
                meeting=meeting,
                claimant=request.user,
                description=form.cleaned_data["description"],
                amount_pence=form.cleaned_data["amount_pence"],
            )
        except ValidationError as exc:
            _error(form, exc, "amount_pence")
        else:
            messages.success(request, _("Advance asked for. A facilitator will check it."))
            return redirect("claim-detail", access.project.pk, claim.pk)
    return render(
        request,
        "expenses/advance_form.html",
        {"access": access, "project": access.project, "meeting": meeting, "form": form},
    )


@login_required
def claim_start_on_behalf(request, project_id, meeting_id):
    access, meeting = get_meeting_for_user(
        request, project_id, meeting_id, need=Can.CLAIM_ON_BEHALF
    )
    attended = Attendance.objects.filter(meeting=meeting, attended=True).values("user_id")
    people = [
        m.user
        for m in Membership.objects.active()
        .filter(project=access.project, user__in=attended)
        .select_related("user")
        if role_can(m.role, Can.CLAIM_PAYMENT) and m.user_id != request.user.pk
    ]
    form = OnBehalfForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        claimant = next(p for p in people if str(p.pk) == form.cleaned_data["claimant"])
        try:
            claim = services.claim_start(
                meeting=meeting, claimant=claimant, started_by=request.user
            )
        except ValidationError as exc:
            _error(form, exc, "claimant")
        else:
            return redirect("claim-detail", access.project.pk, claim.pk)
    return render(
        request,
        "expenses/claim_on_behalf.html",
        {"access": access, "project": access.project, "meeting": meeting, "form": form},
    )


@login_required
def claim_detail(request, project_id, claim_id):
    access, claim = get_claim_for_user(request, project_id, claim_id)
    own = claim.claimant_id == request.user.pk
    lines = list(claim.lines.select_related("rate"))
    events = claim.events.select_related("by")
    expected = None
    awaiting_check = (
        claim.method == Method.BANK
        and claim.status == Status.APPROVED
        and BankDetailsChange.objects.filter(
            user_id=claim.claimant_id, awaiting_confirmation=True
        ).exists()
    )
    if awaiting_check:
        pass  # no date can be promised until a finance officer confirms the details
    elif claim.method == Method.BANK and claim.status == Status.APPROVED:
        # New bank details hold the payment: the first payout run after the hold ends pays.
        now = timezone.now()
        held_until = (
            BankDetailsChange.objects.holding(now)
            .filter(user_id=claim.claimant_id)
            .aggregate(until=Max("hold_until"))["until"]
        )
        expected = expected_payment_date(max(now, held_until or now))
    elif claim.status == Status.SCHEDULED:
        item = claim.payout_items.filter(failed_at__isnull=True).select_related("batch").first()
        expected = item.batch.value_date if item else None
    choice = PaymentChoice.objects.filter(user_id=claim.claimant_id).first()
    return render(
        request,
        "expenses/claim_detail.html",
        {
            "access": access,
            "project": access.project,
            "claim": claim,
            "own": own,
            "lines": lines,
            "events": events,
            "expected": expected,
            "awaiting_check": awaiting_check,
            "choice": choice,
            "may_edit": may_edit_claim(access, claim, request.user),
            "may_decide": claim.status == Status.SUBMITTED
            and not own
            and (
                access.can(Can.APPROVE_CLAIMS)
                if not claim.first_approved_by_id
                else access.can(Can.SECOND_APPROVE_CLAIMS)
            ),
            "may_hand_over": claim.status == Status.APPROVED
            and claim.method in (Method.CASH, Method.VOUCHER)
            and access.can(Can.RECORD_CASH_PAYMENT)
            and not own,
            "phone_form": PhoneConfirmationForm() if not own else None,
        },
    )


def _editable_claim(request, project_id, claim_id):
    access, claim = get_claim_for_user(request, project_id, claim_id)
    if not may_edit_claim(access, claim, request.user):
        raise PermissionDenied
    return access, claim


@login_required
def claim_expense_add(request, project_id, claim_id):
    access, claim = _editable_claim(request, project_id, claim_id)
    policy = services.policy_for(access.project)
    form = ExpenseLineForm(
        request.POST or None,
        request.FILES or None,
        policy=policy,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.claim_line_add_expense(
                claim=claim,
                expense_type=data["expense_type"],
                description=data["description"],
                amount_pence=data["amount_pence"] or 0,
                miles=data["miles"] or 0,
                receipt=data["receipt"],
                receipt_type=form.receipt_type,
            )
        except ValidationError as exc:
            _error(form, exc)
        else:
            messages.success(request, _("Expense added."))
            return redirect("claim-detail", access.project.pk, claim.pk)
    return render(
        request,
        "expenses/claim_line_form.html",
        {
            "access": access,
            "project": access.project,
            "claim": claim,
            "form": form,
            "heading": _("Add an expense"),
            "policy": policy,
        },
    )


@login_required
def claim_time_add(request, project_id, claim_id):
    access, claim = _editable_claim(request, project_id, claim_id)
    form = TimeLineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.claim_line_add_time(
                claim=claim,
                activity=form.cleaned_data["activity"],
                minutes=form.cleaned_data["hours"],
            )
        except ValidationError as exc:
            _error(form, exc, "activity")
        else:
            messages.success(request, _("Time added."))
            return redirect("claim-detail", access.project.pk, claim.pk)
    return render(
        request,
        "expenses/claim_line_form.html",
        {
            "access": access,
            "project": access.project,
            "claim": claim,
            "form": form,
            "heading": _("Add time spent"),
        },
    )


@login_required
@require_POST
def claim_line_remove(request, project_id, claim_id, line_id):
    access, claim = _editable_claim(request, project_id, claim_id)
    line = get_object_or_404(ClaimLine, claim=claim, pk=line_id)
    try:
        services.claim_line_remove(line=line)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Removed."))
    return redirect("claim-detail", access.project.pk, claim.pk)


@login_required
@require_POST
def claim_submit(request, project_id, claim_id):
    access, claim = _editable_claim(request, project_id, claim_id)
    by_phone = request.POST.get("by_phone") == "on"
    try:
        services.claim_submit(claim=claim, by=request.user, by_phone=by_phone)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Claim sent. A facilitator will check it."))
    return redirect("claim-detail", access.project.pk, claim.pk)


@login_required
def claim_decide(request, project_id, claim_id):
    access, claim = get_claim_for_user(request, project_id, claim_id)
    if not (access.can(Can.APPROVE_CLAIMS) or access.can(Can.SECOND_APPROVE_CLAIMS)):
        raise PermissionDenied
    require_second_factor(request)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
        try:
            if decision == DecisionForm.APPROVE:
                services.claim_approve(claim=claim, by=request.user)
            else:
                services.claim_send_back(
                    claim=claim, by=request.user, reason=reason, reject=decision == form.REJECT
                )
        except ValidationError as exc:
            _error(form, exc, "decision")
        else:
            messages.success(request, _("Decision saved."))
            return redirect("claim-list", access.project.pk)
    policy = services.policy_for(access.project)
    spent = (
        Claim.objects.filter(project=access.project, status__in=(Status.PAID, *COMMITTED))
        .aggregate(total=Sum(F("time_pence") + F("expenses_pence") + F("donation_pence")))
        .get("total")
        or 0
    )
    return render(
        request,
        "expenses/claim_decide.html",
        {
            "access": access,
            "project": access.project,
            "claim": claim,
            "lines": claim.lines.all(),
            "form": form,
            "policy": policy,
            "budget_left": policy.budget_pence - spent,
        },
    )


@login_required
def claim_handover(request, project_id, claim_id):
    access, claim = get_claim_for_user(request, project_id, claim_id)
    if not access.can(Can.RECORD_CASH_PAYMENT):
        raise PermissionDenied
    require_second_factor(request)
    form = HandoverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.claim_record_handover(
                claim=claim, by=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            _error(form, exc, "note")
        else:
            messages.success(request, _("Payment recorded."))
            return redirect("claim-detail", access.project.pk, claim.pk)
    return render(
        request,
        "expenses/claim_handover.html",
        {"access": access, "project": access.project, "claim": claim, "form": form},
    )


@login_required
@require_POST
def claim_retry(request, project_id, claim_id):
    access, claim = get_claim_for_user(request, project_id, claim_id)
    if claim.claimant_id != request.user.pk:
        raise PermissionDenied
    try:
        services.claim_retry(claim=claim, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("We will try to pay you again."))
    return redirect("claim-detail", access.project.pk, claim.pk)


@login_required
def receipt_download(request, project_id, claim_id, line_id):
    """Receipts are served only through here, to those who may see the claim."""
    _access, claim = get_claim_for_user(request, project_id, claim_id)
    line = get_object_or_404(ClaimLine, claim=claim, pk=line_id)
    if not line.receipt:
        raise Http404
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(
        line.receipt_type, line.receipt_type.rsplit("/", 1)[-1]
    )
    return private_attachment(
        line.receipt,
        filename=f"receipt-{claim.pk}-{line.pk}.{extension}",
        content_type=line.receipt_type,
    )


def _payment_totals(user):
    """Payments for time (not expenses) received, by week and by UK tax year, newest first."""
    weeks, years = defaultdict(int), defaultdict(int)
    for paid_at, pence in Claim.objects.filter(
        claimant=user, status=Status.PAID, time_pence__gt=0
    ).values_list("paid_at", "time_pence"):
        day = local_day(paid_at)
        weeks[week_start(day)] += pence
        years[tax_year_start(day)] += pence
    return sorted(weeks.items(), reverse=True)[:12], sorted(years.items(), reverse=True)


@login_required
def my_payments(request):
    choice = PaymentChoice.objects.filter(user=request.user).select_related("recorded_by").first()
    hold = (
        BankDetailsChange.objects.holding(timezone.now())
        .filter(user=request.user)
        .order_by("-hold_until")
        .first()
    )
    claims = page_of(
        request, Claim.objects.filter(claimant=request.user).select_related("project", "meeting")
    )
    weeks, years = _payment_totals(request.user)
    today = timezone.localdate()
    return render(
        request,
        "expenses/my_payments.html",
        {
            "choice": choice,
            "claims": claims,
            "weeks": weeks,
            "years": years,
            "this_week": dict(weeks).get(week_start(today), 0),
            "this_tax_year": dict(years).get(tax_year_start(today), 0),
            "tax_year_start": tax_year_start(today),
            "finance": is_finance_officer(request.user),
            "hold": hold,
            "awaiting_check": BankDetailsChange.objects.filter(
                user=request.user, awaiting_confirmation=True
            ).exists(),
            "cooling_off_hours": settings.BANK_DETAILS_COOLING_OFF_HOURS,
        },
    )


@login_required
def payment_choice_edit(request):
    """Where people say how they are paid, bank details included: it asks for the password
    or a code again first. A form sent after the 5 minutes is not kept while it asks (it
    would put bank details unencrypted in the session): the person fills it in again."""
    if not recently_reauthenticated(request):
        if request.method == "POST":
            messages.info(request, _("Nothing was saved. Confirm it is you, then try again."))
        return redirect(reauthentication_url(request, reverse("payment-choice-edit")))
    choice = PaymentChoice.objects.filter(user=request.user).select_related(
        "recorded_by"
    ).first() or PaymentChoice(user=request.user)
    form = PaymentChoiceForm(request.POST or None, instance=choice)
    if request.method == "POST" and form.is_valid():
        services.payment_choice_save(choice=form.instance)
        messages.success(request, _("Your payment choice is saved."))
        return redirect("my-payments")
    awaiting_check = BankDetailsChange.objects.filter(
        user=request.user, awaiting_confirmation=True
    ).exists()
    return render(
        request,
        "expenses/payment_choice_form.html",
        {"form": form, "choice": choice, "awaiting_check": awaiting_check},
    )


@login_required
def payment_on_behalf(request, project_id, membership_id):
    """A facilitator records how a member without email wants to be paid, as the member told
    them: asks for the facilitator's authenticator (in this session) and password again, as
    the person's own page does. Bank details recorded here wait for a finance officer to
    confirm them (services.payment_choice_record_on_behalf)."""
    access = get_project_access(request, project_id, need=Can.CLAIM_ON_BEHALF)
    membership = get_member_without_email(access, membership_id)
    require_second_factor(request)
    here = reverse("payment-on-behalf", args=[access.project.pk, membership.pk])
    if not recently_reauthenticated(request):
        if request.method == "POST":
            messages.info(request, _("Nothing was saved. Confirm it is you, then try again."))
        return redirect(reauthentication_url(request, here))
    choice = PaymentChoice.objects.filter(user=membership.user).first() or PaymentChoice(
        user=membership.user
    )
    form = PaymentOnBehalfForm(request.POST or None, instance=choice)
    if request.method == "POST" and form.is_valid():
        services.payment_choice_record_on_behalf(
            choice=form.instance,
            membership=membership,
            consent=form.cleaned_data["consent"],
            recorded_by=request.user,
        )
        messages.success(
            request,
            _("How %(name)s is paid is saved.") % {"name": isolate(membership.user.display_name)},
        )
        return redirect("member-without-email", access.project.pk, membership.pk)
    return render(
        request,
        "expenses/payment_on_behalf.html",
        {
            "access": access,
            "project": access.project,
            "member": membership,
            "form": form,
            "choice": choice,
        },
    )


@login_required
def benefits_information(request):
    return render(request, "expenses/benefits.html")


# Finance officer pages. Not project-scoped: see access.is_finance_officer.


@login_required
def finance_batch_list(request):
    """Batches; approved bank payments held after a change of bank details, with when each
    hold ends; and payment policy changes waiting for a second person."""
    require_finance_officer(request)
    now = timezone.now()
    holds = BankDetailsChange.objects.holding(now)
    held = page_of(
        request,
        Claim.objects.filter(
            status=Status.APPROVED, method=Method.BANK, claimant__in=holds.values("user_id")
        )
        .select_related("claimant", "project")
        .annotate(
            hold_id=Subquery(
                holds.filter(user_id=OuterRef("claimant_id"))
                .order_by("-hold_until")
                .values("pk")[:1]
            ),
            hold_until=Subquery(
                holds.filter(user_id=OuterRef("claimant_id"))
                .order_by("-hold_until")
                .values("hold_until")[:1]
            ),
        )
        .order_by("hold_until", "pk"),
        param="held",
    )
    return render(
        request,
        "expenses/finance_batch_list.html",
        {
            "batches": page_of(request, PayoutBatch.objects.all(), param="batches"),
            "held": held,
            "to_confirm": page_of(
                request,
                BankDetailsChange.objects.filter(awaiting_confirmation=True)
                .select_related("user", "recorded_by")
                .order_by("changed_at", "pk"),
                param="checks",
            ),
            "policy_changes": page_of(
                request,
                PolicyChange.objects.filter(status=PolicyChangeStatus.PENDING)
                .select_related("project", "proposed_by")
                .order_by("proposed_at", "pk"),
                param="changes",
            ),
        },
    )


@login_required
def finance_tax_years(request):
    """Each person's payments in a UK tax year (6 April to 5 April), by the day they were
    paid: for time (earnings, for tax and benefits) apart from expenses paid back (not
    earnings) and what went to a charity. A page of people in a fixed number of queries."""
    require_finance_officer(request)
    today_start = tax_year_start(timezone.localdate())
    try:
        start = date(int(request.GET.get("year", "")), 4, 6)
    except ValueError:
        start = today_start
    end = date(start.year + 1, 4, 6)
    rows = page_of(
        request,
        Claim.objects.filter(
            status=Status.PAID,
            paid_at__gte=london_datetime(start, time()),
            paid_at__lt=london_datetime(end, time()),
        )
        .values("claimant_id")
        .annotate(
            time=Sum("time_pence"),
            expenses=Sum("expenses_pence"),
            donation=Sum("donation_pence"),
            claims=Count("pk"),
        )
        .order_by("claimant_id"),
    )
    people = User.objects.in_bulk([row["claimant_id"] for row in rows])
    for row in rows:
        row["person"] = people[row["claimant_id"]]
    return render(
        request,
        "expenses/finance_tax_years.html",
        {
            "rows": rows,
            "start": start,
            "end": end - timedelta(days=1),
            "previous": start.year - 1,
            "next": start.year + 1 if start < today_start else None,
        },
    )


@login_required
def finance_cash_list(request):
    """Approved bank transfers not yet taken by a payout run: one paid in cash on the day is
    recorded here, so that the bank never pays it as well."""
    require_finance_officer(request)
    claims = page_of(
        request,
        Claim.objects.filter(status=Status.APPROVED, method=Method.BANK)
        .select_related("claimant", "project", "meeting")
        .order_by("approved_at", "pk"),
    )
    return render(request, "expenses/finance_cash_list.html", {"claims": claims})


@login_required
def finance_cash_record(request, claim_id):
    require_finance_officer(request)
    claim = get_object_or_404(
        Claim.objects.select_related("claimant", "project", "meeting"), pk=claim_id
    )
    form = CashOnTheDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.claim_record_cash_on_the_day(
                claim=claim,
                by=request.user,
                amount_pence=form.cleaned_data["amount_pence"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            _error(form, exc, "amount_pence")
        else:
            messages.success(
                request, _("Cash payment recorded. The claim will not be paid by bank as well.")
            )
            return redirect("finance-cash-list")
    return render(request, "expenses/finance_cash_record.html", {"claim": claim, "form": form})


@login_required
def finance_hold_release(request, change_id):
    """Release a hold on a person's bank payments early: a finance officer, with a reason
    and a code from their authenticator app given in the last 5 minutes."""
    require_finance_officer(request)
    change = get_object_or_404(
        BankDetailsChange.objects.select_related("user"),
        pk=change_id,
        hold_until__isnull=False,
    )
    require_fresh_second_factor(request)
    form = HoldReleaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.bank_hold_release(
                change=change, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            _error(form, exc, "reason")
        else:
            messages.success(
                request, _("Hold released. The next payout run will pay these claims.")
            )
            return redirect("finance-batch-list")
    claims = Claim.objects.filter(
        claimant=change.user, status=Status.APPROVED, method=Method.BANK
    ).select_related("project")
    return render(
        request,
        "expenses/finance_hold_release.html",
        {"change": change, "claims": claims, "form": form},
    )


@login_required
def finance_bank_details_confirm(request, change_id):
    """Confirm bank details a facilitator recorded on someone's behalf: a finance officer
    who did not record them, with a code from their authenticator app given in the last 5
    minutes, types the details the person gave them (services.bank_details_confirm)."""
    require_finance_officer(request)
    change = get_object_or_404(
        BankDetailsChange.objects.select_related("user", "recorded_by"),
        pk=change_id,
        awaiting_confirmation=True,
    )
    require_fresh_second_factor(request)
    form = BankDetailsConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.bank_details_confirm(change=change, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _error(form, exc)
        else:
            messages.success(
                request,
                _("Bank details confirmed. Payments into them can go once any hold has ended."),
            )
            return redirect("finance-batch-list")
    contact = AccessProfile.objects.filter(user=change.user).first()
    return render(
        request,
        "expenses/finance_bank_details_confirm.html",
        {"change": change, "form": form, "contact": contact},
    )


@login_required
def finance_batch_detail(request, batch_id):
    require_finance_officer(request)
    batch = get_object_or_404(PayoutBatch, pk=batch_id)
    items = page_of(request, batch.items.select_related("claim__claimant", "claim__project"))
    return render(request, "expenses/finance_batch_detail.html", {"batch": batch, "items": items})


@login_required
def finance_batch_download(request, batch_id, file_format):
    """A payment file asks for the password or a code again if not given in the last 5
    minutes, then brings the finance officer back to the batch (a download after the
    password page would leave that page on the screen)."""
    require_finance_officer(request)
    batch = get_object_or_404(PayoutBatch, pk=batch_id)
    if file_format not in FORMATS:
        raise Http404
    if not recently_reauthenticated(request):
        return redirect(
            reauthentication_url(request, reverse("finance-batch-detail", args=[batch.pk]))
        )
    writer, extension, content_type = FORMATS[file_format]
    try:
        content = writer(batch)
    except ValueError as error:
        messages.error(request, _("The file cannot be made: %(reason)s") % {"reason": error})
        return redirect("finance-batch-detail", batch.pk)
    # The file holds whole bank details: each person it pays sees that it was downloaded.
    record_many(
        Action.BANK_DETAILS_VIEWED,
        actor=request.user,
        subjects=batch.items.values_list("claim__claimant_id", flat=True),
        target=f"batch:{batch.pk}",
        detail=f"{file_format} payment file downloaded",
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="payout-{batch.pk}-{batch.created_on:%Y%m%d}.{extension}"'
    )
    return response


@login_required
@require_POST
def finance_batch_submit(request, batch_id):
    require_finance_officer(request)
    batch = get_object_or_404(PayoutBatch, pk=batch_id)
    try:
        services.batch_mark_submitted(batch=batch, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Batch marked as sent to the bank. Its claims show as paid."))
    return redirect("finance-batch-detail", batch.pk)


@login_required
def finance_payment_fail(request, item_id):
    require_finance_officer(request)
    item = get_object_or_404(PayoutItem.objects.select_related("claim__claimant"), pk=item_id)
    form = FailureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.payout_item_fail(
                item=item, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            _error(form, exc, "reason")
        else:
            messages.success(request, _("Payment marked as failed. The person has been told why."))
            return redirect("finance-batch-detail", item.batch_id)
    return render(request, "expenses/finance_payment_fail.html", {"item": item, "form": form})


@login_required
def finance_export(request):
    """Every claim that has been paid or is being paid, as a spreadsheet-safe CSV: people's
    names and payments, so it asks for the password or a code again like a payment file, and
    is in the audit trail."""
    require_finance_officer(request)
    if not recently_reauthenticated(request):
        return redirect(reauthentication_url(request, reverse("finance-batch-list")))
    record(
        Action.PAYMENTS_EXPORTED,
        actor=request.user,
        target="finance:payments.csv",
        detail="all payments downloaded",
    )
    claims = (
        Claim.objects.filter(status__in=(Status.SCHEDULED, Status.PAID, Status.FAILED))
        .select_related("project", "meeting", "claimant")
        .order_by("pk")
    )
    header = [
        "Claim",
        "Project",
        "Meeting",
        "Person",
        "Method",
        "Status",
        "Time payment",
        "Expenses",
        "Donation",
        "Charity",
        "Submitted",
        "Paid",
        "Note",
    ]
    rows = (
        [
            c.pk,
            c.project.title,
            c.title,
            c.claimant.get_full_name(),
            c.get_method_display(),
            c.get_status_display(),
            pence_to_decimal_text(c.time_pence),
            pence_to_decimal_text(c.expenses_pence),
            pence_to_decimal_text(c.donation_pence),
            c.charity_name,
            c.submitted_at and timezone.localtime(c.submitted_at).strftime("%Y-%m-%d"),
            c.paid_at and timezone.localtime(c.paid_at).strftime("%Y-%m-%d"),
            c.handover_note or c.reason,
        ]
        for c in claims
    )
    response = HttpResponse(write_export(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="payments.csv"'
    return response
