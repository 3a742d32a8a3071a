from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.forms import DateField, GovUKForm, TimeField
from projects.forms import MeetingForm

from .models import Answer

SLOTS = 4


class DatePollForm(GovUKForm):
    """A title and up to four dates, each a day and two clock times in UK time; the first
    two are needed. No JavaScript: the boxes for four dates are always there."""

    title = forms.CharField(
        label=_("What is the meeting for?"),
        help_text=_("For example: planning the summer events"),
        max_length=200,
        error_messages={"required": _("Say what the meeting is for")},
    )
    note = forms.CharField(
        label=_("Anything members should know (optional)"),
        help_text=_("For example: the meeting will be in person at the library"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, SLOTS + 1):
            optional = n > 2
            suffix = _(" (optional)") if optional else ""
            self.fields[f"date_{n}"] = DateField(
                label=_("Date %(n)s") % {"n": n} + suffix,
                help_text=_("For example, 27 3 2027"),
                required=not optional,
            )
            self.fields[f"start_{n}"] = TimeField(
                label=_("Date %(n)s: start time") % {"n": n},
                help_text=_("For example, 14:00 or 2pm"),
                required=not optional,
                error_messages={"required": _("Enter a start time, like 14:00 or 2pm")},
            )
            self.fields[f"end_{n}"] = TimeField(
                label=_("Date %(n)s: end time") % {"n": n},
                help_text=_("For example, 16:00 or 4pm"),
                required=not optional,
                error_messages={"required": _("Enter an end time, like 16:00 or 4pm")},
            )

    def clean(self):
        cleaned = super().clean()
        self.dates = []
        for n in range(1, SLOTS + 1):
            day, start, end = (cleaned.get(f"{f}_{n}") for f in ("date", "start", "end"))
            if not (day or start or end):
                continue
            if not (day and start and end):
                missing = next(
                    f for f, v in (("date", day), ("start", start), ("end", end)) if not v
                )
                if f"{missing}_{n}" not in self.errors:
                    self.add_error(f"{missing}_{n}", _("Give the date, start and end time"))
                continue
            if end <= start:
                self.add_error(f"end_{n}", _("The end time must be after the start time."))
                continue
            # The meeting form's rule for UK wall-clock times (clocks going forward).
            starts_at = MeetingForm._aware(self, day, start, f"start_{n}")
            ends_at = MeetingForm._aware(self, day, end, f"end_{n}")
            if starts_at and ends_at:
                self.dates.append((starts_at, ends_at))
        return cleaned


class AnswerForm(GovUKForm):
    answer = forms.ChoiceField(
        choices=Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether you can come on this date")},
    )

    def __init__(self, *args, label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].label = label
