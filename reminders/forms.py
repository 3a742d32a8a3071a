from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.forms import GovUKModelForm, TimeField

from .models import ReminderSettings


class ReminderSettingsForm(GovUKModelForm):
    quiet_from = TimeField(
        label=_("Quiet hours start"),
        help_text=_("We do not send reminders that can wait after this time. For example, 21:00"),
    )
    quiet_until = TimeField(label=_("Quiet hours end"), help_text=_("For example, 08:00"))

    class Meta:
        model = ReminderSettings
        fields = ["daily_summary", "quiet_from", "quiet_until"]
        labels = {"daily_summary": _("Send me one summary each morning at 9am instead")}
        widgets = {"daily_summary": forms.CheckboxInput}
