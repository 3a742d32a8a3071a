"""Every expenses form, fuzzed through its view (see harness.py)."""

from datetime import date, timedelta

from django.contrib.auth.models import Permission

from expenses import services
from expenses.forms import (
    AdvanceForm,
    BetweenMeetingsForm,
    CashOnTheDayForm,
    DecisionForm,
    ExpenseLineForm,
    FailureForm,
    HandoverForm,
    HoldReleaseForm,
    OnBehalfForm,
    PaymentChoiceForm,
    PaymentPolicyForm,
    PhoneConfirmationForm,
    PolicyChangeDecisionForm,
    RateForm,
    TimeLineForm,
)
from expenses.models import (
    Activity,
    BankDetailsChange,
    Claim,
    ClaimLine,
    Method,
    PaymentChoice,
    PaymentPolicy,
    PayoutItem,
    PolicyChange,
    Rate,
)
from projects.models import Membership, Role
from tests.base import add_member, give_second_factor, make_meeting, make_user
from tests.expenses.helpers import PNG, a_batch, attended_meeting, bank_choice, receipt, set_rate
from tests.expenses.helpers import approved_claim as approved
from tests.fuzz.harness import MISSING, date_fields, fuzz_form
from tests.matrix import project


def _policy(cast):
    """The policy row, which the project's first payments page makes."""
    services.policy_for(cast.project)


def _just_now(who, method="password"):
    """Before each post, `who` gives the password (or a code from the app) again: the pages
    that move money ask for it within the last 5 minutes."""
    return lambda cast: lambda client: client.reauthenticate(who(cast), method)


test_payment_policy = fuzz_form(
    PaymentPolicyForm,
    url="payment-policy-edit",
    setup=_policy,
    who=lambda cast: cast.commissioner,
    before_each_for=_just_now(lambda cast: cast.commissioner),
    valid={
        "budget_pence": "5000",
        "expense_types": ["travel", "mileage"],
        "mileage_pence_per_mile": "0.45",
        "methods": ["bank", "cash"],
        "approval_threshold_pence": "250.50",
    },
    watched=lambda cast: [PaymentPolicy],
)

test_rate_create = fuzz_form(
    RateForm,
    url="rate-create",
    who=lambda cast: cast.commissioner,
    valid={
        "activity": "meeting",
        "unit": "hour",
        "amount_pence": "25.00",
        **date_fields("effective_from", date(2027, 4, 1)),
    },
    watched=lambda cast: [Rate],
    examples=[{"effective_from_0": ["", " "]}, {"effective_from_2": " "}],
)

test_payment_choice = fuzz_form(
    PaymentChoiceForm,
    url="payment-choice-edit",
    kwargs=lambda cast: {},
    who=lambda cast: cast.person,
    before_each_for=_just_now(lambda cast: cast.person),
    valid={
        "method": "bank",
        "account_name": "Pat Example",
        "sort_code": "30-94-57",
        "account_number": "00733446",
        "time_payment": "donate",
        "lower_amount_pence": "",
        "charity_name": "Carers Trust",
    },
    watched=lambda cast: [PaymentChoice],
    saved_text=["account_name", "charity_name"],
)


def _draft_claim(cast) -> dict:
    set_rate(cast)
    claim = services.claim_start(meeting=attended_meeting(cast), claimant=cast.person)
    return {**project(cast), "claim_id": claim.pk}


test_expense_add = fuzz_form(
    ExpenseLineForm,
    url="claim-expense-add",
    kwargs=_draft_claim,
    who=lambda cast: cast.person,
    valid={
        "expense_type": "travel",
        "description": "Bus fare there and back",
        "amount_pence": "4.50",
        "miles": "",
        # Sent as a file (below) unless spoiled.
        "receipt": MISSING,
    },
    files=lambda: {"receipt": receipt("ticket.png", PNG, "image/png")},
    watched=lambda cast: [Claim, ClaimLine],
    saved_text=["description"],
)

test_time_add = fuzz_form(
    TimeLineForm,
    url="claim-time-add",
    kwargs=_draft_claim,
    who=lambda cast: cast.person,
    valid={"activity": "preparation", "hours": "1.5"},
    watched=lambda cast: [Claim, ClaimLine],
    examples=[{"hours": "NaN"}, {"hours": "sNaN"}, {"hours": "-Infinity"}],
)


def _claim_started_for_pat(cast) -> dict:
    set_rate(cast)
    bank_choice(cast.person)
    claim = services.claim_start(
        meeting=attended_meeting(cast), claimant=cast.person, started_by=cast.facilitator
    )
    return {**project(cast), "claim_id": claim.pk}


def _sent_only_when_confirmed(data, before, after):
    # The view redirects either way: a claim not confirmed by phone stays as it was.
    assert (after != before) == (data.get("by_phone") == "on")


test_claim_submit_on_behalf = fuzz_form(
    PhoneConfirmationForm,
    url="claim-submit",
    kwargs=_claim_started_for_pat,
    who=lambda cast: cast.facilitator,
    valid={"by_phone": "on"},
    watched=lambda cast: [Claim],
    accepted=_sent_only_when_confirmed,
)

test_claim_decide = fuzz_form(
    DecisionForm,
    url="claim-decide",
    who=lambda cast: cast.facilitator,
    valid={"decision": "return", "reason": "Please add the receipt."},
    watched=lambda cast: [Claim],
    saved_text=["reason"],
)


def _cash_claim(cast) -> dict:
    bank_choice(cast.person, method=Method.CASH)
    return {**project(cast), "claim_id": approved(cast).pk}


test_claim_handover = fuzz_form(
    HandoverForm,
    url="claim-handover",
    kwargs=_cash_claim,
    who=lambda cast: cast.facilitator,
    valid={"note": "£40 in cash"},
    watched=lambda cast: [Claim],
    saved_text=["note"],
)

test_claim_on_behalf = fuzz_form(
    OnBehalfForm,
    url="claim-start-on-behalf",
    setup=set_rate,
    who=lambda cast: cast.facilitator,
    valid={"claimant": lambda cast: str(cast.person.pk)},
    watched=lambda cast: [Claim],
)


def _finance_officer(cast):
    officer = make_user("fiona")
    officer.user_permissions.add(Permission.objects.get(codename="process_payouts"))
    give_second_factor(officer)  # finance officers need one
    return officer


test_payment_fail = fuzz_form(
    FailureForm,
    url="finance-payment-fail",
    kwargs=lambda cast: {"item_id": a_batch(cast).items.get().pk},
    who=_finance_officer,
    valid={"reason": "The bank says the account is closed."},
    watched=lambda cast: [Claim, PayoutItem],
    saved_text=["reason"],
)


def _second_commissioner(cast):
    return (
        Membership.objects.filter(project=cast.project, role=Role.COMMISSIONER)
        .exclude(user=cast.commissioner)
        .get()
        .user
    )


def _policy_change(cast) -> dict:
    """A threshold cleared by the commissioner, waiting for a second commissioner."""
    services.payment_policy_save(
        policy=PaymentPolicy(project=cast.project, approval_threshold_pence=10000),
        by=cast.commissioner,
    )
    policy = PaymentPolicy.objects.get(project=cast.project)
    policy.approval_threshold_pence = None
    _policy, change = services.payment_policy_save(policy=policy, by=cast.commissioner)
    give_second_factor(add_member(cast.project, Role.COMMISSIONER).user)
    return {**project(cast), "change_id": change.pk}


test_policy_change_decide = fuzz_form(
    PolicyChangeDecisionForm,
    url="policy-change-decide",
    kwargs=_policy_change,
    who=_second_commissioner,
    before_each_for=_just_now(_second_commissioner),
    valid={"decision": "confirm"},
    watched=lambda cast: [PolicyChange, PaymentPolicy],
)


def _held(cast) -> dict:
    """Pat's bank details changed just now: their approved claim is held."""
    approved(cast)
    choice = PaymentChoice.objects.get(user=cast.person)
    choice.sort_code, choice.account_number = "200000", "12345678"
    services.payment_choice_save(choice=choice)
    return {"change_id": BankDetailsChange.objects.get(user=cast.person).pk}


def _the_finance_officer(cast):
    from accounts.models import User

    return User.objects.get(email="fiona@example.org")


test_hold_release = fuzz_form(
    HoldReleaseForm,
    url="finance-hold-release",
    kwargs=_held,
    who=_finance_officer,
    before_each_for=_just_now(_the_finance_officer, "mfa"),
    valid={"reason": "I phoned Pat on the number we had; they made the change."},
    watched=lambda cast: [BankDetailsChange],
    saved_text=["reason"],
)


def _rate_for_calls(cast):
    set_rate(cast, activity=Activity.PHONE_CALL)


test_between_meetings = fuzz_form(
    BetweenMeetingsForm,
    url="claim-between-meetings-start",
    setup=_rate_for_calls,
    who=lambda cast: cast.person,
    valid={
        "activity": "phone_call",
        "description": "Called members about the survey",
        **date_fields("day", date.today() - timedelta(days=2)),
        "hours": "1.5",
    },
    watched=lambda cast: [Claim, ClaimLine],
    saved_text=["description"],
)


def _future_meeting(cast) -> dict:
    bank_choice(cast.person)
    return {**project(cast), "meeting_id": make_meeting(cast.project, days_from_now=7).pk}


test_advance = fuzz_form(
    AdvanceForm,
    url="advance-request",
    kwargs=_future_meeting,
    who=lambda cast: cast.person,
    valid={"description": "Train there and back", "amount_pence": "24.50"},
    watched=lambda cast: [Claim, ClaimLine],
    saved_text=["description"],
)

test_cash_on_the_day = fuzz_form(
    CashOnTheDayForm,
    url="finance-cash-record",
    kwargs=lambda cast: {"claim_id": approved(cast).pk},
    who=_finance_officer,
    valid={"amount_pence": "40.00", "note": "Fred, at the library"},
    watched=lambda cast: [Claim],
    saved_text=["note"],
)
