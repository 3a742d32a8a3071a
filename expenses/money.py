"""Money is integer pence everywhere. Decimal appears only here, where text becomes pence and
pence become text, so no float ever touches an amount."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

# A single line of a claim above this is a typing mistake, not an expense: £1,000.
MAX_LINE_PENCE = 100_000
# A project budget or a threshold above this is a typing mistake: £10 million.
MAX_BUDGET_PENCE = 1_000_000_000

_AMOUNT = re.compile(r"^£?\s*(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$")


def parse_pounds(text: str) -> int:
    """'£12.50', '12.5', '1,200' -> pence. Raises ValueError with a plain reason otherwise."""
    cleaned = text.strip().replace(" ", "")
    if cleaned.startswith("-") or cleaned.startswith("£-"):
        raise ValueError(_("Enter an amount of 0 or more, like 12.50"))
    if not _AMOUNT.match(cleaned):
        raise ValueError(_("Enter an amount in pounds and pence, like 12.50"))
    try:
        pounds = Decimal(cleaned.lstrip("£").replace(",", ""))
    except InvalidOperation:
        raise ValueError(_("Enter an amount in pounds and pence, like 12.50")) from None
    return int(pounds * 100)


def format_pence(pence: int | None) -> str:
    """12345 -> '£123.45'; whole pounds keep their pence ('£12.00') so amounts line up."""
    if pence is None:
        return ""
    pounds = Decimal(pence) / 100
    return f"£{pounds:,.2f}"


def pence_to_decimal_text(pence: int) -> str:
    """12345 -> '123.45': for CSV files, which want no pound sign or thousands commas."""
    return f"{Decimal(pence) / 100:.2f}"


def share_of(pence_per_hour: int, minutes: int) -> int:
    """Pay for `minutes` at an hourly rate, rounded to the nearest penny (halves up)."""
    exact = Decimal(pence_per_hour) * Decimal(minutes) / Decimal(60)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


class PoundsField(forms.CharField):
    """An amount typed as '£12.50' or '12.50', cleaned to integer pence.

    Refuses negative amounts and anything above `max_pence` with a message that says what to do.
    """

    def __init__(self, *, max_pence: int = MAX_LINE_PENCE, min_pence: int = 0, **kwargs):
        self.max_pence, self.min_pence = max_pence, min_pence
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "class": "govuk-input--width-10",
                    "inputmode": "decimal",
                    "spellcheck": "false",
                }
            ),
        )
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("maxlength", "20")

    def prepare_value(self, value):
        if isinstance(value, int):
            return pence_to_decimal_text(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if len(value) > 20:
            raise forms.ValidationError(_("Enter an amount in pounds and pence, like 12.50"))
        try:
            pence = parse_pounds(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        if pence < self.min_pence:
            raise forms.ValidationError(
                _("Enter an amount of %(min)s or more") % {"min": format_pence(self.min_pence)}
            )
        if pence > self.max_pence:
            raise forms.ValidationError(
                _("Enter an amount of %(max)s or less") % {"max": format_pence(self.max_pence)}
            )
        return pence
