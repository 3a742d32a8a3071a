"""Shared form plumbing: every form renders through crispy-forms-gds into GOV.UK markup."""

from datetime import date, time

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from django import forms
from django.forms.utils import pretty_name
from django.utils.translation import gettext_lazy as _

# Django's "This field is required.", which tells nobody what to do (GOV.UK: say what to do).
_BARE_REQUIRED = str(forms.Field.default_error_messages["required"])
# Labels that already say what to do ("Confirm your password") are the message themselves.
_INSTRUCTIONS = {"enter", "confirm", "choose", "select", "tick", "type", "give", "say", "tell"}
_CHOOSING = (forms.Select, forms.RadioSelect, forms.CheckboxSelectMultiple, forms.SelectMultiple)


def _field_words(field: forms.Field, name: str) -> str:
    """The field's label as words in a sentence: "Email address (optional)" -> "email address"."""
    words = str(field.label or pretty_name(name)).removesuffix(" (optional)").rstrip("?:. ")
    if len(words) > 1 and not words[:2].isupper():  # keep BSL, PA, ...
        words = words[0].lower() + words[1:]
    return words


def say_what_to_do(form: forms.BaseForm) -> None:
    """Give every required field still carrying Django's bare message one that says what to
    do and names the field, GOV.UK style: "Enter ...", "Select ...", "Tick ...". Fields with
    their own message keep it."""
    for name, field in form.fields.items():
        if str(field.error_messages.get("required", "")) != _BARE_REQUIRED:
            continue
        words = _field_words(field, name)
        if words.split(" ", 1)[0].lower() in _INSTRUCTIONS:
            message = words[0].upper() + words[1:]
        elif str(field.label or "").endswith("?"):
            message = _("Answer the question “%(question)s”") % {"question": field.label}
        elif isinstance(field.widget, forms.CheckboxInput):
            message = _("Tick the box: %(field)s") % {"field": words}
        elif isinstance(field.widget, forms.ClearableFileInput | forms.FileInput):
            message = _("Choose a file: %(field)s") % {"field": words}
        elif isinstance(field.widget, _CHOOSING):
            message = _("Select %(field)s") % {"field": words}
        else:
            message = _("Enter %(field)s") % {"field": words}
        # error_messages is the field's own (forms deep-copy their fields per instance).
        field.error_messages["required"] = message


def say_what_to_do_in_allauth_forms() -> None:
    """django-allauth builds its forms itself (sign-in, sign-up, codes, passwords): give each
    of them the same messages, once, when the project starts (CoproduceConfig.ready)."""
    from allauth.account import forms as account
    from allauth.mfa.base import forms as mfa
    from allauth.mfa.totp import forms as totp

    for form_class in (
        account.LoginForm,
        account.BaseSignupForm,
        account.SignupForm,
        account.UserForm,
        account.ResetPasswordForm,
        account.ResetPasswordKeyForm,
        account.ReauthenticateForm,
        account.RequestLoginCodeForm,
        account.BaseConfirmCodeForm,
        account.ChangeEmailForm,
        mfa.BaseAuthenticateForm,
        totp.ActivateTOTPForm,
        totp.DeactivateTOTPForm,
    ):
        form_class.__init__ = _then_say_what_to_do(form_class.__init__)


def _then_say_what_to_do(init):
    def __init__(self, *args, **kwargs):
        init(self, *args, **kwargs)
        say_what_to_do(self)

    return __init__


class GovUKFormMixin:
    """Render fields only: the page template owns the <form>, the CSRF token and the button,
    through templates/includes/form.html, so every form has the same error summary."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.label_suffix = ""
        say_what_to_do(self)


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
