from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from coproduce.forms import GovUKForm, GovUKModelForm

from .contact import normalise_uk_phone
from .models import AccessProfile, ArrangementStatus, Importance, ShareLevel

WORDS_MAX = 1000


class AboutForm(GovUKModelForm):
    class Meta:
        model = AccessProfile
        fields = ["name_to_use", "pronouns", "own_words"]
        widgets = {"own_words": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "name_to_use": _("If it is not the name on your account."),
            "pronouns": _("For example she/her, he/him or they/them."),
            "own_words": _(
                "Anything that helps people work well with you. You do not need to say why."
            ),
        }

    own_words = forms.CharField(
        label=_("Anything else, in your own words (optional)"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class NeedsForm(GovUKForm):
    """One situation's needs: for each, not needed / essential / negotiable, and own words.
    Said by the person (`for_someone_else` False), or about them by a facilitator recording
    them on their behalf."""

    CHOICES = [
        ("", _("I do not need this")),
        (Importance.ESSENTIAL, _("Essential: I cannot take part without it")),
        (Importance.NEGOTIABLE, _("Negotiable: it helps, and we can talk about it")),
    ]
    CHOICES_FOR_SOMEONE_ELSE = [
        ("", _("They do not need this")),
        (Importance.ESSENTIAL, _("Essential: they cannot take part without it")),
        (Importance.NEGOTIABLE, _("Negotiable: it helps them, and we can talk about it")),
    ]

    def __init__(self, *args, needs, existing, for_someone_else=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs = needs
        self.for_someone_else = for_someone_else
        choices = self.CHOICES_FOR_SOMEONE_ELSE if for_someone_else else self.CHOICES
        words = (
            _("%(need)s: in their own words (optional)")
            if for_someone_else
            else _("%(need)s: in your own words (optional)")
        )
        for need in needs:
            current = existing.get(need.pk)
            self.fields[need.code] = forms.ChoiceField(
                label=need.shown_label,
                help_text=need.shown_description,
                choices=choices,
                widget=forms.RadioSelect,
                required=False,
                initial=current.importance if current else "",
            )
            self.fields[f"{need.code}-words"] = forms.CharField(
                label=words % {"need": need.shown_label},
                max_length=WORDS_MAX,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=current.own_words if current else "",
            )

    def clean(self):
        cleaned = super().clean()
        for need in self.needs:
            if cleaned.get(f"{need.code}-words", "").strip() and not cleaned.get(need.code):
                self.add_error(
                    need.code,
                    _("Choose essential or negotiable, or delete their words about it.")
                    if self.for_someone_else
                    else _("Choose essential or negotiable, or delete your words about it."),
                )
        return cleaned

    def answers(self) -> dict[str, tuple[str, str]]:
        return {
            need.code: (
                self.cleaned_data[need.code],
                self.cleaned_data[f"{need.code}-words"].strip(),
            )
            for need in self.needs
            if self.cleaned_data.get(need.code)
        }


_CHANNELS = {
    "email": "by_email",
    "text": "by_text",
    "phone": "by_phone",
    "post": "by_post",
}


class ContactForm(GovUKModelForm):
    channels = forms.MultipleChoiceField(
        label=_("How can we contact you?"),
        help_text=_("Select all that apply."),
        choices=[
            ("email", pgettext_lazy("contact channel", "Email")),
            ("text", _("Text message")),
            ("phone", _("Phone call")),
            ("post", _("Post")),
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    phone = forms.CharField(
        label=_("Phone number (optional)"),
        help_text=_("A UK number. For text messages, a mobile number."),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    postal_address = forms.CharField(
        label=_("Postal address (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "street-address"}),
    )

    class Meta:
        model = AccessProfile
        fields = ["phone", "postal_address", "format", "best_times", "notice_days"]
        widgets = {
            "format": forms.RadioSelect,
            "notice_days": forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}
            ),
        }
        help_texts = {
            "best_times": _("For example: weekday mornings, not before 10am."),
            "notice_days": _("A number of days, up to 28. We remind you this early too."),
        }
        error_messages = {
            "notice_days": {
                "invalid": _("Enter a number of days, like 7"),
                "max_value": _("Enter a number of days from 0 to 28"),
                "min_value": _("Enter a number of days from 0 to 28"),
            }
        }

    field_order = ["channels", "phone", "postal_address"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["channels"] = [
            key for key, name in _CHANNELS.items() if getattr(self.instance, name)
        ]

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and normalise_uk_phone(phone) is None:
            raise forms.ValidationError(
                _("Enter a UK phone number, like 07700 900 982 or 0121 496 0000")
            )
        return phone

    def clean(self):
        from reminders.channels import normalise_uk_mobile

        cleaned = super().clean()
        chosen = set(cleaned.get("channels", []))
        phone = cleaned.get("phone")
        if "text" in chosen and phone is not None and not normalise_uk_mobile(phone):
            self.add_error("phone", _("Enter a UK mobile number to get text messages"))
        elif "phone" in chosen and phone == "":
            self.add_error("phone", _("Enter a phone number so that we can call you"))
        if "post" in chosen and not cleaned.get("postal_address", "").strip():
            self.add_error("postal_address", _("Enter your address so that we can write to you"))
        return cleaned

    def _post_clean(self):
        chosen = set(self.cleaned_data.get("channels", []))
        for key, name in _CHANNELS.items():
            setattr(self.instance, name, key in chosen)
        super()._post_clean()


class ShareForm(GovUKForm):
    level = forms.ChoiceField(
        label=_("What do you want to share?"),
        choices=ShareLevel.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what to share"),
            "invalid_choice": _("Choose one of the options"),
        },
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].label = _("What do you want to share with %(project)s?") % {
            "project": project.title
        }


class ArrangementForm(GovUKForm):
    status = forms.ChoiceField(
        label=_("Is it arranged?"),
        choices=ArrangementStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose arranged or not possible")},
    )
    note = forms.CharField(
        label=_("Note for the person (optional)"),
        help_text=_("What was done, or why it is not possible and what you offer instead."),
        max_length=WORDS_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == ArrangementStatus.NOT_POSSIBLE
            and not cleaned.get("note", "").strip()
        ):
            self.add_error("note", _("Say why it is not possible, and what you offer instead"))
        return cleaned
