from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.contrib.auth.forms import SetPasswordForm, SetPasswordMixin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from charters.services import activation_problem
from coproduce.forms import DateField, GovUKForm, GovUKFormMixin, GovUKModelForm, TimeField

from .models import (
    Audience,
    Meeting,
    Membership,
    ParticipationMode,
    Project,
    ProjectStatus,
    Role,
    Rsvp,
)

_STAGE_FIELDS = {
    "co_design": "covers_co_design",
    "co_decision": "covers_co_decision",
    "co_delivery": "covers_co_delivery",
    "co_evaluation": "covers_co_evaluation",
}


class ProjectForm(GovUKModelForm):
    stages = forms.MultipleChoiceField(
        label=_("Which kinds of co-production will the project cover?"),
        help_text=_("Select all that apply."),
        choices=[
            ("co_design", _("Co-design: planning and designing a service together")),
            ("co_decision", _("Co-decision: making decisions together")),
            ("co_delivery", _("Co-delivery: running or delivering a service together")),
            ("co_evaluation", _("Co-evaluation: judging together how well it works")),
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "summary",
            "summary_cy",
            "easy_read_summary",
            "easy_read_summary_cy",
            "aims",
            "aims_cy",
            "starts_on",
            "ends_on",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "summary_cy": forms.Textarea(attrs={"rows": 5, "lang": "cy"}),
            "easy_read_summary": forms.Textarea(attrs={"rows": 5}),
            "easy_read_summary_cy": forms.Textarea(attrs={"rows": 5, "lang": "cy"}),
            "aims": forms.Textarea(attrs={"rows": 4}),
            "aims_cy": forms.Textarea(attrs={"rows": 4, "lang": "cy"}),
        }

    starts_on = DateField(label=_("Start date"), help_text=_("For example, 27 3 2027"))
    ends_on = DateField(
        label=_("End date (optional)"),
        help_text=_("Leave empty if the project has no end date yet."),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["stages"] = [
                key for key, field in _STAGE_FIELDS.items() if getattr(self.instance, field)
            ]

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error(
                "ends_on", _("The end date must be the same as or after the start date.")
            )
        return cleaned

    def _post_clean(self):
        stages = set(self.cleaned_data.get("stages", []))
        for key, field in _STAGE_FIELDS.items():
            setattr(self.instance, field, key in stages)
        super()._post_clean()


class ProjectStatusForm(GovUKModelForm):
    class Meta:
        model = Project
        fields = ["status"]
        widgets = {"status": forms.RadioSelect}
        labels = {"status": _("Project status")}

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status == ProjectStatus.ACTIVE and self.instance.status != ProjectStatus.ACTIVE:
            # A project starts only once every member has signed its charter (charters/).
            problem = activation_problem(self.instance)
            if problem:
                raise forms.ValidationError(problem)
        return status


class InvitationForm(GovUKForm):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    role = forms.ChoiceField(
        label=_("What will their role be?"), choices=Role.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, project: Project, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["role"].choices = _only(roles)

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        already = (
            Membership.objects.active()
            .filter(project=self.project, user__email__iexact=email)
            .exists()
        )
        if already:
            raise forms.ValidationError(_("This person is already a member of the project."))
        return email


def _only(roles) -> list[tuple[str, str]]:
    """The role choices among `roles` (those the person filling in the form may give), in the
    usual order."""
    return [(value, label) for value, label in Role.choices if value in roles]


class RoleForm(GovUKModelForm):
    class Meta:
        model = Membership
        fields = ["role"]
        widgets = {"role": forms.RadioSelect}
        labels = {"role": _("New role")}

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _only(roles)


_YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class MemberWithoutEmailForm(GovUKForm):
    """A member with no email address, and how the facilitator will reach them."""

    preferred_name = forms.CharField(
        label=_("What should we call them?"),
        max_length=80,
        error_messages={"required": _("Enter the name they like to be called")},
    )
    full_name = forms.CharField(label=_("Full name (optional)"), max_length=150, required=False)
    role = forms.ChoiceField(
        label=_("What will their role be?"),
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select their role")},
    )
    contact_by = forms.MultipleChoiceField(
        label=_("How will you give them reminders and news?"),
        help_text=_("Reminders for them will be on your list of calls and letters to send."),
        choices=[("phone", _("Phone call")), ("post", _("Post"))],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select phone call, post or both")},
    )
    phone = forms.CharField(label=_("Phone number (optional)"), max_length=30, required=False)
    postal_address = forms.CharField(
        label=_("Postal address (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consent = forms.CharField(
        label=_("How did they agree to you keeping these details?"),
        help_text=_("For example: agreed on the phone on 3 May, with their daughter present."),
        max_length=300,
        error_messages={"required": _("Say how they agreed to you keeping these details")},
    )

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _only(roles)

    def clean(self):
        cleaned = super().clean()
        ways = cleaned.get("contact_by") or []
        if "phone" in ways and not cleaned.get("phone", "").strip():
            self.add_error("phone", _("Enter the phone number to call them on"))
        if "post" in ways and not cleaned.get("postal_address", "").strip():
            self.add_error("postal_address", _("Enter the address to write to them at"))
        return cleaned


class OnBehalfConsentForm(GovUKForm):
    consent = forms.CharField(
        label=_(
            "How did they agree to you recording these needs and sharing them with the project?"
        ),
        help_text=_("For example: agreed on the phone on 3 May."),
        max_length=300,
        error_messages={"required": _("Say how they agreed to you recording their needs")},
    )


class ConnectAccountForm(GovUKForm):
    email = forms.EmailField(
        label=_("Their email address"),
        help_text=_("We email them a link to choose a password. Everything recorded stays theirs."),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter their email address"),
            "invalid": _("Enter an email address like name@example.com"),
        },
    )


class ClaimAccountForm(GovUKFormMixin, SetPasswordForm):
    """Choosing a password for the account a facilitator set up."""

    new_password1, new_password2 = SetPasswordMixin.create_password_fields(
        label1=_("New password"), label2=_("New password confirmation")
    )
    # Django's own list of the password rules, in plainer words (docs/readability.md).
    new_password1.help_text = _(
        "Use at least 8 characters. Do not use only numbers, a common password or "
        "something like your name or email address."
    )


class MemberStandingForm(GovUKForm):
    """Who a member is (lived experience or not) and whether they co-chair."""

    lived_experience = forms.ChoiceField(
        label=_("Does this person draw on care and support, or care for someone?"),
        help_text=_(
            "Reviews use this to count their answers as lived experience or as a "
            "professional's, whatever their role."
        ),
        choices=_YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if they draw on care or are a carer")},
    )
    co_chair = forms.ChoiceField(
        label=_("Should they co-chair the project?"),
        help_text=_(
            "A co-chair can schedule and run meetings, edit the charter draft, and manage "
            "reviews, their statements and actions. They cannot change anyone's role or "
            "approve payments."
        ),
        choices=_YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if they should co-chair the project")},
    )

    def __init__(self, *args, may_co_chair: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_co_chair:
            del self.fields["co_chair"]


class MeetingForm(GovUKModelForm):
    """A meeting on one day: a date and two clock times in UK time."""

    date = DateField(label=_("Date"), help_text=_("For example, 27 3 2027"))
    start_time = TimeField(label=_("Start time"), help_text=_("For example, 14:00 or 2pm"))
    end_time = TimeField(label=_("End time"), help_text=_("For example, 16:00 or 4pm"))
    papers_sent_on = DateField(
        label=_("Date papers will be sent (optional)"),
        help_text=_("People need time to read papers before the meeting."),
        required=False,
    )

    class Meta:
        model = Meeting
        fields = [
            "title",
            "format",
            "audience",
            "venue_address",
            "venue_access_information",
            "joining_details",
            "planned_breaks",
            "papers_sent_on",
            "agenda",
            "agenda_cy",
            "easy_read_agenda",
            "easy_read_agenda_cy",
        ]
        widgets = {
            "format": forms.RadioSelect,
            "audience": forms.RadioSelect,
            "venue_address": forms.Textarea(attrs={"rows": 3}),
            "venue_access_information": forms.Textarea(attrs={"rows": 3}),
            "joining_details": forms.Textarea(attrs={"rows": 3}),
            "agenda": forms.Textarea(attrs={"rows": 6}),
            "easy_read_agenda": forms.Textarea(attrs={"rows": 6}),
            "agenda_cy": forms.Textarea(attrs={"rows": 6, "lang": "cy"}),
            "easy_read_agenda_cy": forms.Textarea(attrs={"rows": 6, "lang": "cy"}),
        }
        # Plainer than the model's (the readability check, docs/readability.md).
        help_texts = {
            "venue_access_information": _(
                "For example: a way in without steps, an accessible toilet, a hearing loop, "
                "parking."
            )
        }

    field_order = ["title", "date", "start_time", "end_time"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].choices = self.fields["format"].choices[1:]  # no empty choice
        # Every member unless said otherwise, as before the choice existed.
        self.fields["audience"].required = False
        if self.instance.pk:
            local_start = timezone.localtime(self.instance.starts_at)
            self.initial.update(
                date=local_start.date(),
                start_time=local_start.time(),
                end_time=timezone.localtime(self.instance.ends_at).time(),
            )

    def clean_audience(self):
        return self.cleaned_data.get("audience") or Audience.EVERYONE

    def _aware(self, date, time, field):
        """UK wall-clock time to an aware datetime; None (with an error) if it does not exist."""
        zone = ZoneInfo(settings.TIME_ZONE)
        naive = datetime.combine(date, time)
        aware = naive.replace(tzinfo=zone)
        # A time skipped when the clocks go forward does not survive a round trip through UTC.
        if aware.astimezone(ZoneInfo("UTC")).astimezone(zone).replace(tzinfo=None) != naive:
            self.add_error(
                field, _("That time does not exist on this date: the clocks go forward.")
            )
            return None
        return aware

    def clean(self):
        cleaned = super().clean()
        date, start, end = cleaned.get("date"), cleaned.get("start_time"), cleaned.get("end_time")
        if date and start and end:
            if end <= start:
                self.add_error("end_time", _("The end time must be after the start time."))
                return cleaned
            starts_at = self._aware(date, start, "start_time")
            ends_at = self._aware(date, end, "end_time")
            if starts_at and ends_at:
                self.instance.starts_at = starts_at
                self.instance.ends_at = ends_at
        papers = cleaned.get("papers_sent_on")
        if papers and date and papers > date:
            self.add_error(
                "papers_sent_on", _("Papers must be sent on or before the meeting date.")
            )
        return cleaned


class RsvpForm(GovUKForm):
    rsvp = forms.ChoiceField(
        label=_("Are you coming to this meeting?"), choices=Rsvp.choices, widget=forms.RadioSelect
    )
    mode = forms.ChoiceField(
        label=_("How will you take part?"),
        help_text=_("Only needed if you are coming or might come."),
        choices=ParticipationMode.choices,
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the ways this meeting offers: "Yes, online" does not fit a meeting in person.
        self.fields["mode"].choices = [
            (value, label) for value, label in ParticipationMode.choices if value in meeting.modes
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("rsvp") in (Rsvp.YES, Rsvp.MAYBE) and not cleaned.get("mode"):
            self.add_error("mode", _("Select how you will take part."))
        if cleaned.get("rsvp") == Rsvp.NO:
            cleaned["mode"] = ""
        return cleaned


class MeetingCancelForm(GovUKForm):
    reason = forms.CharField(
        label=_("Why is the meeting cancelled?"),
        help_text=_("Members will read this in the message that tells them."),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the meeting is cancelled, so that members know.")},
    )


class AttendanceRecordForm(GovUKForm):
    attended = forms.MultipleChoiceField(
        label=_("Who came to the meeting?"),
        help_text=_("Select everyone who took part, in any way."),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [
            (str(m.user_id), f"{m.user.display_name} ({m.get_role_display()})") for m in members
        ]
