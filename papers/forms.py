from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.forms import GovUKForm, GovUKModelForm
from reviews.models import Action

from .files import check_paper
from .models import Decision, MeetingNote, PaperVersion


class PaperForm(GovUKForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Enter a title, for example Budget for next year")},
    )
    version = forms.ChoiceField(
        label=_("Which version is this?"),
        help_text=_("Add each version (standard, easy read, large print) as its own paper."),
        choices=PaperVersion.choices,
        initial=PaperVersion.STANDARD,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select which version this is")},
    )
    text = forms.CharField(
        label=_("Write the paper here"),
        help_text=_(
            "Written here, it reads well at any size and with a screen reader. "
            "Or upload a file instead."
        ),
        max_length=50000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    file = forms.FileField(
        label=_("Or upload a file"),
        help_text=_(
            "A PDF, Word, OpenDocument, Rich Text or plain text file. Word and OpenDocument "
            "files can be made larger by the reader."
        ),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.file_type = ""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            self.file_type = check_paper(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        text, upload = cleaned.get("text", "").strip(), cleaned.get("file")
        if "file" in self.errors:
            return cleaned
        if text and upload:
            self.add_error("text", _("Write the paper here or upload a file, not both"))
        elif not text and not upload:
            self.add_error("text", _("Write the paper here, or upload a file"))
        cleaned["text"] = text
        return cleaned


class MeetingNoteForm(GovUKModelForm):
    class Meta:
        model = MeetingNote
        fields = ["agreed", "easy_read"]
        widgets = {
            "agreed": forms.Textarea(attrs={"rows": 8}),
            "easy_read": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "agreed": _("A short note in plain English. Add each decision on its own below."),
            "easy_read": _("Short sentences, one idea in each."),
        }
        error_messages = {"agreed": {"required": _("Write what was agreed at the meeting")}}


class DecisionForm(GovUKModelForm):
    class Meta:
        model = Decision
        fields = ["text", "action"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"text": {"required": _("Write what was decided")}}

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        action = self.fields["action"]
        # Only this project's actions: another project's would link across the wall.
        action.queryset = Action.objects.filter(cycle__project=project).order_by("due_on", "id")
        action.empty_label = _("No action linked")
        action.help_text = _("Actions are agreed after a review, on the Reviews pages.")
