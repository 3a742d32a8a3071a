"""The forms for payment details recorded on someone's behalf, fuzzed through their views (see
harness.py): a facilitator recording how a member without email is paid, and a finance officer
confirming the bank details so recorded."""

from accounts.models import User
from expenses.forms import BankDetailsConfirmForm, PaymentOnBehalfForm
from expenses.models import BankDetailsChange, PaymentChoice
from projects.models import RecordedOnBehalf
from reminders.models import Delivery
from tests.expenses.helpers import finance_officer
from tests.expenses.permissions import recorded_for_gwen
from tests.fuzz.harness import fuzz_form
from tests.fuzz.test_expenses import _just_now
from tests.projects.permissions import _member_without_email

test_payment_on_behalf = fuzz_form(
    PaymentOnBehalfForm,
    url="payment-on-behalf",
    kwargs=_member_without_email,
    who=lambda cast: cast.facilitator,
    before_each_for=_just_now(lambda cast: cast.facilitator),
    valid={
        "method": "bank",
        "account_name": "Gwen Parry",
        "sort_code": "30-94-57",
        "account_number": "00733446",
        "time_payment": "donate",
        "lower_amount_pence": "",
        "charity_name": "Carers Trust",
        "consent": "Agreed on the phone on 3 May",
    },
    watched=lambda cast: [PaymentChoice, BankDetailsChange, RecordedOnBehalf, Delivery],
    saved_text=["consent", "charity_name"],
)


def _recorded_for_gwen(cast) -> dict:
    """Gwen's bank details, recorded by the facilitator, wait for Fiona, a finance officer."""
    finance_officer()
    return recorded_for_gwen(cast)


def _the_finance_officer(cast):
    return User.objects.get(email="fiona@example.org")


test_bank_details_confirm = fuzz_form(
    BankDetailsConfirmForm,
    url="finance-bank-details-confirm",
    kwargs=_recorded_for_gwen,
    who=_the_finance_officer,
    before_each_for=_just_now(_the_finance_officer, "mfa"),
    valid={
        "sort_code": "30-94-57",
        "account_number": "00733446",
        "note": "I phoned Gwen on the number we had; she read her bank card.",
    },
    # A mismatch is audited although nothing is confirmed: the audit trail is not watched.
    watched=lambda cast: [BankDetailsChange, PaymentChoice],
    saved_text=["note"],
)
