from datetime import timedelta

from django.utils import timezone

from expenses import services
from expenses.models import BankChange, BankDetailsChange, PaymentChoice, PolicyChange
from projects.models import Membership, Role
from tests.base import make_meeting
from tests.expenses.helpers import (
    a_batch,
    approved_claim,
    attended_meeting,
    receipt,
    set_rate,
    submitted_claim,
)
from tests.matrix import Rule, project
from tests.projects.permissions import _member_without_email

COMMISSIONERS = frozenset({Role.COMMISSIONER})
FACILITATORS = frozenset({Role.FACILITATOR})
CLAIMANTS = frozenset({Role.PERSON, Role.CARER})
DECIDERS = frozenset({Role.COMMISSIONER, Role.FACILITATOR})
PAT = frozenset({Role.PERSON})


def _meeting(cast) -> dict:
    return {**project(cast), "meeting_id": attended_meeting(cast).pk}


def _future_meeting(cast) -> dict:
    return {**project(cast), "meeting_id": make_meeting(cast.project, days_from_now=7).pk}


def _approved(cast) -> dict:
    return {"claim_id": approved_claim(cast).pk}


def _draft(cast):
    set_rate(cast)
    return services.claim_start(meeting=attended_meeting(cast), claimant=cast.person)


def _draft_claim(cast) -> dict:
    return {**project(cast), "claim_id": _draft(cast).pk}


def _submitted(cast) -> dict:
    return {**project(cast), "claim_id": submitted_claim(cast).pk}


def _line(cast) -> dict:
    claim = _draft(cast)
    return {**project(cast), "claim_id": claim.pk, "line_id": claim.lines.get().pk}


def _receipt(cast) -> dict:
    claim = _draft(cast)
    line = services.claim_line_add_expense(
        claim=claim,
        expense_type="travel",
        description="Bus",
        amount_pence=450,
        receipt=receipt(),
        receipt_type="application/pdf",
    )
    return {**project(cast), "claim_id": claim.pk, "line_id": line.pk}


def _batch(cast) -> dict:
    return {"batch_id": a_batch(cast).pk}


def _item(cast) -> dict:
    return {"item_id": a_batch(cast).items.get().pk}


def _policy_change(cast) -> dict:
    change = PolicyChange.objects.create(
        project=cast.project,
        threshold_pence=None,
        threshold_before_pence=10000,
        proposed_by=cast.commissioner,
    )
    return {**project(cast), "change_id": change.pk}


def _hold(cast) -> dict:
    change = BankDetailsChange.objects.create(
        user=cast.person,
        change=BankChange.NEW_ACCOUNT,
        hold_until=timezone.now() + timedelta(hours=72),
    )
    return {"change_id": change.pk}


def recorded_for_gwen(cast) -> dict:
    """Gwen, a member without email, whose bank details the facilitator recorded for her."""
    membership = Membership.objects.get(pk=_member_without_email(cast)["membership_id"])
    choice = PaymentChoice(
        user=membership.user,
        method="bank",
        account_name="Gwen Parry",
        sort_code="309457",
        account_number="00733446",
    )
    services.payment_choice_record_on_behalf(
        choice=choice, membership=membership, consent="Agreed", recorded_by=cast.facilitator
    )
    return {"change_id": BankDetailsChange.objects.get(user=membership.user).pk}


# Pages that change the payout rules or bank details ask a permitted visitor for the password
# again first (a redirect to it): tests/expenses/test_reauthentication.py covers what follows.
REAUTHENTICATE = 302

# Finance pages are for finance officers, a permission nobody in the cast has: every signed-in
# visitor gets 403 (tests/expenses/test_finance.py covers the finance officer).
FINANCE_ONLY = {"signed_in": True, "ok": 403}

PERMISSIONS = {
    "claim-list": Rule(kwargs=project),
    "payment-policy-edit": Rule(kwargs=project, roles=COMMISSIONERS, ok=REAUTHENTICATE),
    "policy-change-decide": Rule(kwargs=_policy_change, roles=COMMISSIONERS, ok=REAUTHENTICATE),
    "rate-create": Rule(kwargs=project, roles=COMMISSIONERS),
    "budget": Rule(kwargs=project, roles=COMMISSIONERS),
    "claim-start": Rule(kwargs=_meeting, roles=CLAIMANTS),
    "claim-start-on-behalf": Rule(kwargs=_meeting, roles=FACILITATORS),
    "claim-between-meetings-start": Rule(kwargs=project, roles=CLAIMANTS),
    "advance-request": Rule(kwargs=_future_meeting, roles=CLAIMANTS),
    # A draft is pat's alone until submitted; once submitted, those who handle claims see it.
    "claim-detail": Rule(kwargs=_draft_claim, roles=PAT),
    "claim-expense-add": Rule(kwargs=_draft_claim, roles=PAT),
    "claim-time-add": Rule(kwargs=_draft_claim, roles=PAT),
    "claim-line-remove": Rule(kwargs=_line, roles=PAT, method="post", ok=302, post_only=True),
    "receipt-download": Rule(kwargs=_receipt, roles=PAT),
    "claim-submit": Rule(kwargs=_draft_claim, roles=PAT, method="post", ok=302, post_only=True),
    "claim-decide": Rule(kwargs=_submitted, roles=DECIDERS),
    "claim-handover": Rule(kwargs=_submitted, roles=FACILITATORS),
    "claim-retry": Rule(kwargs=_submitted, roles=PAT, method="post", ok=302, post_only=True),
    "my-payments": Rule(signed_in=True),
    "payment-choice-edit": Rule(signed_in=True, ok=REAUTHENTICATE),
    # The facilitator records a member's payment choice with their password given again.
    "payment-on-behalf": Rule(kwargs=_member_without_email, roles=FACILITATORS, ok=REAUTHENTICATE),
    "benefits-information": Rule(signed_in=True),
    "finance-batch-list": Rule(**FINANCE_ONLY),
    "finance-batch-detail": Rule(kwargs=_batch, **FINANCE_ONLY),
    "finance-batch-download": Rule(
        kwargs=lambda cast: {**_batch(cast), "file_format": "bacs"}, **FINANCE_ONLY
    ),
    "finance-batch-submit": Rule(kwargs=_batch, method="post", post_only=True, **FINANCE_ONLY),
    "finance-payment-fail": Rule(kwargs=_item, **FINANCE_ONLY),
    "finance-hold-release": Rule(kwargs=_hold, **FINANCE_ONLY),
    "finance-bank-details-confirm": Rule(kwargs=recorded_for_gwen, **FINANCE_ONLY),
    "finance-export": Rule(**FINANCE_ONLY),
    "finance-tax-years": Rule(**FINANCE_ONLY),
    "finance-cash-list": Rule(**FINANCE_ONLY),
    "finance-cash-record": Rule(kwargs=_approved, **FINANCE_ONLY),
}
