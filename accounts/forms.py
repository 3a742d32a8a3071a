from django import forms
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
        user.save(update_fields=["preferred_name"])


class ProfileForm(GovUKModelForm):
    class Meta:
        model = User
        fields = ["preferred_name", "full_name"]
        labels = {"full_name": _("Full name (optional)")}
        help_texts = {"full_name": _("Only used where a full name is needed, such as payments.")}
        widgets = {
            "preferred_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
