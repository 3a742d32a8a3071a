from crispy_forms_gds.layout import Fieldset, Layout, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.forms import GovUKForm

from .models import WITNESSED_METHODS, CharterVersion
from .template import SECTIONS


class DraftForm(GovUKForm):
    """Every section's words and easy read words, one fieldset per section."""

    def __init__(self, *args, charter, **kwargs):
        super().__init__(*args, **kwargs)
        fieldsets = []
        for section in SECTIONS:
            words = charter.draft.get(section.key, {})
            self.fields[f"{section.key}-text"] = forms.CharField(
                label=_("Words"),
                max_length=5000,
                # The English words (the Welsh are in the `_cy` fields below).
                widget=forms.Textarea(attrs={"rows": 7, "lang": "en"}),
                initial=words.get("text", ""),
                error_messages={"required": _("Enter the words for this section")},
            )
            self.fields[f"{section.key}-easy_read"] = forms.CharField(
                label=_("Easy read words"),
                help_text=_("Short sentences, one idea in each. Leave a blank line between them."),
                max_length=5000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 5, "lang": "en"}),
                initial=words.get("easy_read", ""),
            )
            # The same words in Welsh, optional (coproduce/bilingual.py); each box says its
            # language, so screen readers read it right.
            for name, label, rows in [
                ("text_cy", _("Words in Welsh (optional)"), 7),
                ("easy_read_cy", _("Easy read words in Welsh (optional)"), 5),
            ]:
                self.fields[f"{section.key}-{name}"] = forms.CharField(
                    label=label,
                    max_length=5000,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": rows, "lang": "cy"}),
                    initial=words.get(name, ""),
                )
            fieldsets.append(
                Fieldset(
                    f"{section.key}-text",
                    f"{section.key}-text_cy",
                    f"{section.key}-easy_read",
                    f"{section.key}-easy_read_cy",
                    legend=section.title,
                    legend_size=Size.MEDIUM,
                )
            )
        self.helper.layout = Layout(*fieldsets)

    def draft(self) -> dict[str, dict[str, str]]:
        return {
            s.key: {
                name: self.cleaned_data[f"{s.key}-{name}"]
                for name in ("text", "easy_read", "text_cy", "easy_read_cy")
            }
            for s in SECTIONS
        }


class PublishForm(GovUKForm):
    members_reviewed = forms.BooleanField(
        label=_("The members have seen this draft and had the chance to comment on it"),
        help_text=_("A charter is agreed together. If they have not, share the draft first."),
        error_messages={
            "required": _("Confirm that the members have seen this draft and could comment on it")
        },
    )
    changes_note = forms.CharField(
        label=_("What has changed? (optional)"),
        help_text=_("A few words for members about what is different in this version."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CommentForm(GovUKForm):
    section = forms.ChoiceField(
        label=_("Which part of the charter is your comment about?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select which part of the charter your comment is about")},
    )
    body = forms.CharField(
        label=_("Your comment"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter your comment")},
    )
    suggestion = forms.CharField(
        label=_("Suggested wording (optional)"),
        help_text=_("If you would like the words changed, write them as you would like them."),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    # The whole charter: a value that is not empty, since radios need one to be required.
    WHOLE = "whole"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [(self.WHOLE, _("The whole charter"))] + [
            (s.key, s.title) for s in SECTIONS
        ]

    @property
    def section_key(self) -> str:
        section = self.cleaned_data["section"]
        return "" if section == self.WHOLE else section


class SignForm(GovUKForm):
    agree = forms.BooleanField(
        label=_("I agree to this charter"),
        error_messages={"required": _("Tick the box to say you agree to the charter")},
    )
    name = forms.CharField(
        label=_("Type your name"),
        help_text=_("This is your signature. It will be shown on the charter."),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={"required": _("Type your name to sign the charter")},
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Type your name to sign the charter"))
        return name


class WitnessForm(GovUKForm):
    member = forms.ChoiceField(
        label=_("Who agreed to the charter?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who agreed to the charter")},
    )
    name = forms.CharField(
        label=_("Their name, as it should appear on the charter"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Enter their name as it should appear on the charter")},
    )
    method = forms.ChoiceField(
        label=_("How did they agree?"),
        choices=WITNESSED_METHODS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how they agreed")},
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        help_text=_("For example, where and when they agreed, or who else was there."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_("I confirm this person told me they agree to this version of the charter"),
        error_messages={"required": _("Tick the box to confirm they agreed")},
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [
            (str(m.user_id), f"{m.user.display_name} ({m.get_role_display()})") for m in members
        ]
        self.members = {str(m.user_id): m for m in members}

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter their name as it should appear on the charter"))
        return name

    @property
    def membership(self):
        return self.members[self.cleaned_data["member"]]


class WithdrawForm(GovUKForm):
    reason = forms.CharField(
        label=_("Why do you no longer agree? (optional)"),
        help_text=_(
            "This helps the group change the charter. Everyone in the project can read it."
        ),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class OverrideForm(GovUKForm):
    reason = forms.CharField(
        label=_("Why must the project become active before everyone has signed?"),
        help_text=_("This is kept on record and shown to every member on the charter page."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter the reason for making the project active now")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Enter the reason for making the project active now"))
        return reason


class CompareForm(GovUKForm):
    """Choose two versions to compare (a GET form: the result is a page you can link to)."""

    old = forms.TypedChoiceField(label=_("Earlier version"), coerce=int)
    new = forms.TypedChoiceField(label=_("Later version"), coerce=int)

    def __init__(self, *args, versions: list[CharterVersion], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(v.number, _("Version %(n)s") % {"n": v.number}) for v in versions]
        self.fields["old"].choices = choices
        self.fields["new"].choices = choices

    def clean(self):
        cleaned = super().clean()
        old, new = cleaned.get("old"), cleaned.get("new")
        if old is not None and new is not None and old >= new:
            self.add_error("new", _("Choose a later version than the earlier one"))
        return cleaned
