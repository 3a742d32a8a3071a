"""Shared form plumbing: every form renders through crispy-forms-gds into GOV.UK markup."""

from datetime import date, time

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _


class GovUKFormMixin:
    """Render fields only: the page template owns the <form>, the CSRF token and the button,
    through templates/includes/form.html, so every form has the same error summary."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.label_suffix = ""


class GovUKForm(GovUKFormMixin, forms.Form):
    pass


class GovUKModelForm(GovUKFormMixin, forms.ModelForm):
    pass


class TimeField(forms.TimeField):
    """A clock time typed as text (GOV.UK has no time component, and a browser's time picker
    differs by locale): 14:00, 14.00, 2pm and 2:30pm are all understood."""

    input_formats = ["%H:%M", "%H.%M", "%I:%M%p", "%I.%M%p", "%I%p", "%I:%M %p", "%I %p"]

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"class": "govuk-input--width-5", "spellcheck": "false"}),
        )
        kwargs.setdefault("error_messages", {"invalid": _("Enter a time, like 14:00 or 2pm")})
        super().__init__(**kwargs)

    def to_python(self, value):
        return super().to_python(value.strip().upper().replace(" ", "") if value else value)

    def prepare_value(self, value):
        return value.strftime("%H:%M") if isinstance(value, time) else value


class DateField(DateInputField):
    """The GOV.UK date input (day, month, year boxes) with plain-English errors."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.error_messages["required"] = _("Enter the day, month and year")
        self.error_messages["incomplete"] = _("Enter the day, month and year")

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            # A box of spaces is blank once cleaned, after the library's check for blanks: a
            # required date must not come out as None.
            if self.required or day or month or year:
                raise forms.ValidationError(self.error_messages["incomplete"])
            return None
        try:
            value = date(day=int(day), month=int(month), year=int(year))
        except (ValueError, OverflowError):  # a day of 99999999999999999999 overflows
            raise forms.ValidationError(_("Enter a real date, like 27 3 2027")) from None
        if not 2000 <= value.year <= 2100:
            raise forms.ValidationError(_("Enter a year between 2000 and 2100"))
        return value
