from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.forms import GovUKForm


class EraseForm(GovUKForm):
    understood = forms.BooleanField(
        label=_("I understand that my account and my information will be erased for good"),
        error_messages={"required": _("Tick the box to confirm you want to be erased")},
    )
