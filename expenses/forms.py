import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.forms import DateField, GovUKForm, GovUKModelForm

from . import modulus
from .models import (
    BETWEEN_MEETINGS_ACTIVITIES,
    SORT_CODE,
    Activity,
    ExpenseType,
    Method,
    PaymentChoice,
    PaymentPolicy,
    TimePayment,
    Unit,
)
from .money import MAX_BUDGET_PENCE, MAX_LINE_PENCE, PoundsField, format_pence
from .receipts import clean_receipt


class PaymentPolicyForm(GovUKModelForm):
    budget_pence = PoundsField(
        label=_("Budget for paying people and their expenses"),
        help_text=_("In pounds, for example 5000"),
        max_pence=MAX_BUDGET_PENCE,
    )
    expense_types = forms.MultipleChoiceField(
        label=_("Which expenses does the project pay?"),
        help_text=_("Select all that apply. Nobody should be out of pocket for taking part."),
        choices=ExpenseType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    mileage_pence_per_mile = PoundsField(
        label=_("Mileage rate per mile"),
        help_text=_("In pounds, for example 0.45 for 45p a mile"),
        max_pence=500,
    )
    methods = forms.MultipleChoiceField(
        label=_("Which ways of being paid does the project offer?"),
        help_text=_("Select all that apply."),
        choices=Method.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select at least one way of being paid")},
    )
    receipt_threshold_pence = PoundsField(
        label=_("Expenses of this amount or more need a receipt"),
        help_text=_(
            "In pounds, for example 10.00. Under it, people do not need a receipt. "
            "Leave empty or enter 0 if every expense needs one. Mileage never needs a receipt."
        ),
        required=False,
    )
    approval_threshold_pence = PoundsField(
        label=_("Claims above this amount need a commissioner's approval too (optional)"),
        help_text=_(
            "In pounds. Leave empty if a facilitator's approval is always enough. Raising or "
            "removing it waits for another commissioner or the finance officer to confirm it."
        ),
        max_pence=MAX_BUDGET_PENCE,
        required=False,
    )

    class Meta:
        model = PaymentPolicy
        fields = [
            "budget_pence",
            "mileage_pence_per_mile",
            "receipt_threshold_pence",
            "approval_threshold_pence",
        ]

    field_order = [
        "budget_pence",
        "expense_types",
        "mileage_pence_per_mile",
        "receipt_threshold_pence",
        "methods",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("expense_types", self.instance.expense_types)
        self.initial.setdefault("methods", self.instance.methods)

    def clean_receipt_threshold_pence(self):
        return self.cleaned_data["receipt_threshold_pence"] or 0

    def _post_clean(self):
        types = set(self.cleaned_data.get("expense_types", []))
        for expense_type, flag in PaymentPolicy.TYPE_FLAGS.items():
            setattr(self.instance, flag, expense_type in types)
        methods = set(self.cleaned_data.get("methods", []))
        for method, flag in PaymentPolicy.METHOD_FLAGS.items():
            setattr(self.instance, flag, method in methods)
        super()._post_clean()


class RateForm(GovUKForm):
    activity = forms.ChoiceField(
        label=_("Activity"), choices=Activity.choices, widget=forms.RadioSelect
    )
    unit = forms.ChoiceField(label=_("Paid"), choices=Unit.choices, widget=forms.RadioSelect)
    amount_pence = PoundsField(label=_("Amount"), help_text=_("In pounds, for example 25.00"))
    effective_from = DateField(
        label=_("From"),
        help_text=_("The rate applies to meetings on or after this date. For example, 1 4 2027"),
    )


_SIX_TO_EIGHT_DIGITS = re.compile(r"^[0-9]{6,8}$")


def _ascii_digits(value: str) -> str:
    """Digits typed on an Arabic, Persian, Devanagari or other keyboard, as 0 to 9: the bank
    file takes only those."""
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in value)


def _digits_input(width: str) -> forms.TextInput:
    # Not remembered by the browser: bank details typed on a shared computer stay private.
    return forms.TextInput(
        attrs={
            "class": f"govuk-input--width-{width}",
            "inputmode": "numeric",
            "spellcheck": "false",
            "autocomplete": "off",
        }
    )


def sort_code_field(**options) -> forms.CharField:
    return forms.CharField(
        help_text=_("Must be 6 digits long, for example 30-94-57"),
        max_length=20,
        widget=_digits_input("5"),
        **options,
    )


def account_number_field(**options) -> forms.CharField:
    return forms.CharField(
        help_text=_("Must be between 6 and 8 digits long"),
        max_length=20,
        widget=_digits_input("10"),
        **options,
    )


class PaymentChoiceForm(GovUKModelForm):
    """Bank details are never put back into the form: the page shows them masked, and leaving
    them empty keeps the ones we have."""

    lower_amount_pence = PoundsField(
        label=_("If you chose a lower amount: the most you want for your time at each meeting"),
        help_text=_("In pounds, for example 20.00"),
        required=False,
    )
    account_name = forms.CharField(label=_("Name on the account"), max_length=60, required=False)
    sort_code = sort_code_field(label=_("Sort code"), required=False)
    account_number = account_number_field(label=_("Account number"), required=False)

    class Meta:
        model = PaymentChoice
        fields = ["method", "time_payment", "lower_amount_pence", "charity_name"]
        widgets = {"method": forms.RadioSelect, "time_payment": forms.RadioSelect}

    field_order = ["method", "account_name", "sort_code", "account_number", "time_payment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("method", "time_payment"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
        self.initial.pop("account_name", None)
        if self.instance.pk and self.instance.has_bank_details:
            self.fields["sort_code"].help_text = _(
                "We have %(masked)s. Leave empty to keep it."
            ) % {"masked": self.instance.masked_sort_code}
            self.fields["account_number"].help_text = _(
                "We have %(masked)s. Leave empty to keep it."
            ) % {"masked": self.instance.masked_account_number}
            self.fields["account_name"].help_text = _("Leave empty to keep the name we have.")

    def clean_sort_code(self):
        value = _ascii_digits(self.cleaned_data["sort_code"].replace("-", "").replace(" ", ""))
        if value and not SORT_CODE.match(value):
            raise forms.ValidationError(_("Enter a valid sort code, like 30-94-57"))
        return value

    def clean_account_number(self):
        value = _ascii_digits(self.cleaned_data["account_number"].replace(" ", "").replace("-", ""))
        if value and not _SIX_TO_EIGHT_DIGITS.match(value):
            raise forms.ValidationError(_("Enter a valid account number, like 00733445"))
        # Shorter account numbers are padded with zeros at the front, as banks do.
        return value.zfill(8) if value else value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("method") == Method.BANK:
            keep = self.instance.pk and self.instance.has_bank_details
            for name, message in [
                ("account_name", _("Enter the name on the account")),
                ("sort_code", _("Enter a sort code")),
                ("account_number", _("Enter an account number")),
            ]:
                if not cleaned.get(name) and not keep and name not in self.errors:
                    self.add_error(name, message)
            self._check_modulus(cleaned)
        if cleaned.get("time_payment") == TimePayment.LOWER and not cleaned.get(
            "lower_amount_pence"
        ):
            self.add_error("lower_amount_pence", _("Enter the most you want for your time"))
        if (
            cleaned.get("time_payment") == TimePayment.DONATE
            and not cleaned.get("charity_name", "").strip()
        ):
            self.add_error("charity_name", _("Enter the name of the charity"))
        return cleaned

    def _check_modulus(self, cleaned):
        """The sort code and account number must pass the banks' published modulus checks
        (expenses/modulus.py), a new one together with the one we hold if only one changes:
        a payment to numbers that do not go together would come back."""
        if "sort_code" in self.errors or "account_number" in self.errors:
            return
        sort_code = cleaned.get("sort_code") or self.instance.sort_code
        account_number = cleaned.get("account_number") or self.instance.account_number
        if not (sort_code and account_number):
            return
        if not modulus.is_valid(sort_code, account_number):
            changed = "sort_code" if not cleaned.get("account_number") else "account_number"
            self.add_error(changed, self.numbers_do_not_belong)

    numbers_do_not_belong = _(
        "Check your sort code and account number: they do not belong together. "
        "You can find both on a bank statement or in your banking app."
    )

    def _post_clean(self):
        super()._post_clean()
        for name in ("account_name", "sort_code", "account_number"):
            value = self.cleaned_data.get(name)
            if value:
                setattr(self.instance, name, value.strip())


# The choices about payment for time, said about the member rather than by them.
TIME_PAYMENT_FOR_THEM = {
    TimePayment.FULL: _("The full payment for their time"),
    TimePayment.LOWER: _("A lower amount for their time"),
    TimePayment.EXPENSES_ONLY: _("Expenses only: no payment for their time"),
    TimePayment.DONATE: _("Give the payment for their time to a charity"),
    TimePayment.NONE: _("No payment at all, not even expenses"),
}


class PaymentOnBehalfForm(PaymentChoiceForm):
    """A facilitator records a member's payment choice as the member told them, and how the
    member agreed to it (projects.models.RecordedOnBehalf)."""

    consent = forms.CharField(
        label=_("How did they agree to you recording how they are paid?"),
        help_text=_("For example: agreed on the phone on 3 May, and read out their bank card."),
        max_length=300,
        error_messages={"required": _("Say how they agreed to you recording how they are paid")},
    )

    numbers_do_not_belong = _(
        "Check the sort code and account number with them: they do not belong together. "
        "Both are on a bank statement or a bank card."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["method"].label = _("How do they want to be paid?")
        fields["time_payment"].label = _("What do they want for their time?")
        fields["time_payment"].choices = [
            (value, TIME_PAYMENT_FOR_THEM[value])
            for value, _label in fields["time_payment"].choices
        ]
        fields["lower_amount_pence"].label = _(
            "If they chose a lower amount: the most they want for their time at each meeting"
        )


class BankDetailsConfirmForm(GovUKForm):
    """A finance officer types the bank details the person gave them, without seeing the
    recorded ones: only a match confirms them (services.bank_details_confirm)."""

    sort_code = sort_code_field(
        label=_("Sort code the person gave you"),
        error_messages={"required": _("Enter the sort code the person gave you")},
    )
    account_number = account_number_field(
        label=_("Account number the person gave you"),
        error_messages={"required": _("Enter the account number the person gave you")},
    )
    note = forms.CharField(
        label=_("How did you check them with the person?"),
        help_text=_(
            "For example: I phoned them on the number we already had and they read the numbers "
            "from their bank card."
        ),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say how you checked the details with the person")},
    )

    clean_sort_code = PaymentChoiceForm.clean_sort_code
    clean_account_number = PaymentChoiceForm.clean_account_number


class ExpenseLineForm(GovUKForm):
    expense_type = forms.ChoiceField(label=_("What kind of expense?"), widget=forms.RadioSelect)
    description = forms.CharField(
        label=_("What was it for?"),
        help_text=_("For example: bus fare there and back"),
        max_length=200,
    )
    amount_pence = PoundsField(
        label=_("Amount"),
        help_text=_("In pounds, for example 12.50. For mileage, leave empty."),
        min_pence=1,
        required=False,
    )
    miles = forms.IntegerField(
        label=_("Miles driven (mileage only)"),
        min_value=1,
        max_value=1000,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}),
        error_messages={
            "invalid": _("Enter the miles as a whole number, like 12"),
            "min_value": _("Enter at least 1 mile"),
            "max_value": _("Enter 1,000 miles or fewer"),
        },
    )
    receipt = forms.FileField(
        label=_("Receipt"),
        help_text=_("A photo or a PDF. Not needed for mileage."),
        required=False,
    )

    def __init__(self, *args, policy: PaymentPolicy, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expense_type"].choices = [
            (value, label) for value, label in ExpenseType.choices if value in policy.expense_types
        ]
        self.policy = policy
        if policy.receipt_threshold_pence:
            self.fields["receipt"].help_text = _(
                "A photo or a PDF. Needed for expenses of %(amount)s or more; under that, and "
                "for mileage, you do not need one."
            ) % {"amount": format_pence(policy.receipt_threshold_pence)}
        self.receipt_type = ""

    def clean_receipt(self):
        """The file to store: a PDF as sent, or a photo written again without its metadata."""
        upload = self.cleaned_data.get("receipt")
        if upload:
            self.receipt_type, upload = clean_receipt(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        mileage = cleaned.get("expense_type") == ExpenseType.MILEAGE
        if mileage and not cleaned.get("miles") and "miles" not in self.errors:
            self.add_error("miles", _("Enter the miles driven"))
        if mileage and cleaned.get("miles"):
            if cleaned["miles"] * self.policy.mileage_pence_per_mile > MAX_LINE_PENCE:
                self.add_error("miles", _("That is more miles than one claim can pay for"))
        if not mileage and cleaned.get("expense_type"):
            if cleaned.get("amount_pence") is None and "amount_pence" not in self.errors:
                self.add_error("amount_pence", _("Enter the amount"))
            amount = cleaned.get("amount_pence")
            needs = amount is not None and self.policy.needs_receipt(
                cleaned["expense_type"], amount
            )
            if needs and not cleaned.get("receipt") and "receipt" not in self.errors:
                self.add_error("receipt", self.policy.receipt_needed_message())
        return cleaned


class TimeLineForm(GovUKForm):
    activity = forms.ChoiceField(
        label=_("What did you spend time on?"),
        choices=[(a.value, a.label) for a in Activity if a != Activity.MEETING],
        widget=forms.RadioSelect,
    )
    hours = forms.CharField(
        label=_("How many hours?"),
        help_text=_("For example 1.5 for an hour and a half"),
        max_length=5,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "decimal"}),
        error_messages={"required": _("Enter how many hours, like 1.5")},
    )

    def clean_hours(self):
        try:
            hours = Decimal(self.cleaned_data["hours"].strip())
        except InvalidOperation:
            raise forms.ValidationError(_("Enter the hours as a number, like 1.5")) from None
        if not hours.is_finite():  # "NaN" and "Infinity" parse, but cannot be compared
            raise forms.ValidationError(_("Enter the hours as a number, like 1.5"))
        if not Decimal("0.25") <= hours <= 8:
            raise forms.ValidationError(_("Enter between 0.25 and 8 hours"))
        minutes = hours * 60
        if minutes != minutes.to_integral_value() or int(minutes) % 15:
            raise forms.ValidationError(_("Enter hours in quarters, like 0.25, 1.5 or 2.75"))
        return int(minutes)


class PhoneConfirmationForm(GovUKForm):
    by_phone = forms.BooleanField(
        label=_("They confirmed this claim to me by phone"),
        error_messages={"required": _("Confirm that they agreed to this claim by phone")},
    )


class DecisionForm(GovUKForm):
    APPROVE, RETURN, REJECT = "approve", "return", "reject"
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[
            (APPROVE, _("Approve")),
            (RETURN, _("Send back for changes")),
            (REJECT, _("Do not approve")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (needed if you send it back or do not approve it)"),
        help_text=_("The person will see this."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") in (self.RETURN, self.REJECT)
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error("reason", _("Say why, so that the person knows what to do"))
        return cleaned


class HandoverForm(GovUKForm):
    note = forms.CharField(
        label=_("What was given"),
        help_text=_("For example: £25 in cash, or a £25 supermarket voucher"),
        max_length=200,
        required=False,
    )


class OnBehalfForm(GovUKForm):
    claimant = forms.ChoiceField(label=_("Who is the claim for?"), widget=forms.RadioSelect)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["claimant"].choices = [(str(p.pk), p.display_name) for p in people]


class FailureForm(GovUKForm):
    reason = forms.CharField(
        label=_("Why did the payment fail?"),
        help_text=_("The person will see this, for example: the bank says the account is closed."),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PolicyChangeDecisionForm(GovUKForm):
    CONFIRM, DECLINE, WITHDRAW = "confirm", "decline", "withdraw"
    decision = forms.ChoiceField(
        label=_("What do you want to do?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select what you want to do"),
            "invalid_choice": _("Select what you want to do"),
        },
    )

    def __init__(self, *args, own: bool, **kwargs):
        """`own`: the person deciding proposed the change, and may only withdraw it."""
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = (
            [(self.WITHDRAW, _("Withdraw the change"))]
            if own
            else [
                (self.CONFIRM, _("Confirm the change: it applies from now")),
                (self.DECLINE, _("Do not make the change")),
            ]
        )


class HoldReleaseForm(GovUKForm):
    reason = forms.CharField(
        label=_("Why can the hold end early?"),
        help_text=_(
            "For example: I phoned the person on the number we already had and they confirmed "
            "they changed their bank details."
        ),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the hold can end early")},
    )


class BetweenMeetingsForm(TimeLineForm):
    """Work done between meetings: what, when, how long, in the person's words."""

    activity = forms.ChoiceField(
        label=_("What did you spend time on?"),
        choices=[(a.value, a.label) for a in BETWEEN_MEETINGS_ACTIVITIES],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what you spent time on")},
    )
    day = DateField(
        label=_("When did you do it?"),
        help_text=_("For example, 27 3 2027. If it took more than a day, the last day."),
    )
    description = forms.CharField(
        label=_("What was it?"),
        help_text=_("For example: read the papers for the March meeting"),
        max_length=200,
        error_messages={"required": _("Say what the work was")},
    )

    field_order = ["activity", "description", "day", "hours"]


class AdvanceForm(GovUKForm):
    description = forms.CharField(
        label=_("What is the travel?"),
        help_text=_("For example: train there and back"),
        max_length=200,
        error_messages={"required": _("Say what the travel is")},
    )
    amount_pence = PoundsField(
        label=_("How much do you need?"),
        help_text=_("In pounds, for example 24.50"),
        min_pence=1,
        error_messages={"required": _("Enter how much you need")},
    )


class CashOnTheDayForm(GovUKForm):
    amount_pence = PoundsField(
        label=_("How much cash was given?"),
        help_text=_("In pounds, for example 45.00. It must be the whole amount of the claim."),
        error_messages={"required": _("Enter how much cash was given")},
    )
    note = forms.CharField(
        label=_("Who gave it, and where?"),
        help_text=_("For example: Fred gave it at the meeting on 3 March"),
        max_length=200,
        error_messages={"required": _("Say who gave the cash, and where")},
    )
