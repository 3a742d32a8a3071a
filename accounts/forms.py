from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from coproduce.forms import GovUKModelForm

from .models import User


class SignupForm(forms.Form):
    """Extra sign-up fields, added by allauth to its own form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    preferred_name = forms.CharField(
        label=_("What should we call you?"),
        help_text=_("For example, your first name. We use it on project pages and in emails."),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": _("Enter the name we should call you")},
    )

    def signup(self, request, user):
        user.preferred_name = self.cleaned_data["preferred_name"]
        # The language they signed up in is the one we write to them in.
        user.language = get_language()
        user.save(update_fields=["preferred_name", "language"])


class ProfileForm(GovUKModelForm):
    class Meta:
        model = User
        fields = ["preferred_name", "full_name", "language"]
        labels = {"full_name": _("Full name (optional)"), "language": _("Language")}
        help_texts = {
            "full_name": _("Only used where a full name is needed, such as payments."),
            "language": _("For these pages and for the emails and text messages we send you."),
        }
        widgets = {
            "preferred_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "language": forms.RadioSelect(choices=settings.LANGUAGES),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A choice once made is kept: no "not chosen" option.
        self.fields["language"].required = True
        self.fields["language"].choices = settings.LANGUAGES
        if not self.instance.language:
            self.initial["language"] = get_language()
