from crispy_forms_gds.layout import HTML, Field, Layout
from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from coproduce.bilingual import shown_field
from coproduce.forms import DateField, GovUKForm, GovUKModelForm
from projects.models import Membership

from .models import Action, ActionStatus, Piece, Rating, Repeat, ReviewCycle, Rung, Statement
from .services import NO_OUTCOME

# "Not yet" to "Fully", then "Don't know" last, as people read the scale.
RATING_CHOICES = [(str(v), label) for v, label in Rating.choices]
RUNG_CHOICES = [(str(v), label) for v, label in Rung.choices]


class CycleForm(GovUKModelForm):
    opens_on = DateField(label=_("Opening date"), help_text=_("For example, 27 3 2027"))
    closes_on = DateField(
        label=_("Closing date"),
        help_text=_("Give people at least two weeks. For example, 10 4 2027"),
    )

    class Meta:
        model = ReviewCycle
        fields = ["title", "opens_on", "closes_on", "repeat_months"]
        labels = {"title": _("Name of the review"), "repeat_months": _("How often does it repeat?")}
        help_texts = {"title": _("For example: Spring review")}
        widgets = {"repeat_months": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["repeat_months"].choices = Repeat.choices
        self.fields["repeat_months"].help_text = _(
            "When a repeating review closes, the next one is scheduled with the same statements."
        )

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if closes and closes < timezone.localdate():
            self.add_error("closes_on", _("The closing date must be today or later."))
        elif opens and closes and closes < opens:
            self.add_error("closes_on", _("The closing date must be on or after the opening date."))
        return cleaned


class StatementForm(GovUKModelForm):
    class Meta:
        model = Statement
        fields = ["piece", "text", "text_cy", "easy_read", "easy_read_cy"]
        widgets = {
            "piece": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 3}),
            "text_cy": forms.Textarea(attrs={"rows": 3, "lang": "cy"}),
            "easy_read": forms.Textarea(attrs={"rows": 3}),
            "easy_read_cy": forms.Textarea(attrs={"rows": 3, "lang": "cy"}),
        }
        help_texts = {
            "text": _("One thing people can agree with or not. For example, from your charter."),
            "easy_read": _("Short words, one idea."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["piece"].choices = Piece.choices


def _in_its_language(shown) -> str:
    """Members' words, escaped (crispy-forms-gds prints labels and hints unescaped), marked
    with their language when it is not the reader's (coproduce/bilingual.py)."""
    if shown.lang:
        return format_html('<span lang="{}">{}</span>', shown.lang, shown.text)
    return format_html("{}", shown.text)


def _rating_field(statement: dict, number: int, easy_read: bool) -> forms.ChoiceField:
    text = _in_its_language(shown_field(statement, "text"))
    easy = _in_its_language(shown_field(statement, "easy_read"))
    # People who chose easy read rate the easy read words, with the standard ones as the hint.
    if easy_read:
        words, hint = easy, (_("Standard version:"), text)
    else:
        words, hint = text, (_("Easy read:"), easy)
    return forms.ChoiceField(
        label=format_html("{}. {}", number, words),
        help_text=format_html("{} {}", *hint),
        choices=RATING_CHOICES,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Choose one of the answers on the scale")},
    )


def _comment_field(number: int) -> forms.CharField:
    return forms.CharField(
        label=_("Comment on statement %(number)s (optional)") % {"number": number},
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _rung_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Where is the project on the ladder of co-production?"),
        help_text=_("From the bottom rung (coercion) to the top (co-production)."),
        choices=RUNG_CHOICES,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Choose one of the rungs of the ladder")},
    )


class AnswerForm(GovUKForm):
    """Ratings and comments for some of a cycle's statements (all, or one per page), and
    optionally the ladder question. Everything is optional here: a draft can be half done.
    With easy_read, the statements are shown in their easy read words."""

    def __init__(self, *args, statements, numbers, draft_values, ladder, easy_read, **kwargs):
        super().__init__(*args, **kwargs)
        self.statements = statements
        ratings = draft_values.get("ratings", {})
        comments = draft_values.get("comments", {})
        layout = []
        piece = None
        labels = dict(Piece.choices)
        for statement in statements:
            key, number = statement["key"], numbers[statement["key"]]
            if len(statements) > 1 and statement["piece"] != piece:
                piece = statement["piece"]
                layout.append(
                    HTML(format_html('<h2 class="govuk-heading-m">{}</h2>', labels[piece]))
                )
            self.fields[f"rating_{key}"] = _rating_field(statement, number, easy_read)
            self.fields[f"comment_{key}"] = _comment_field(number)
            if key in ratings:
                self.initial[f"rating_{key}"] = str(ratings[key])
            self.initial[f"comment_{key}"] = comments.get(key, "")
            layout += [Field.radios(f"rating_{key}", legend_size="s"), f"comment_{key}"]
        if ladder:
            self.fields["rung"] = _rung_field()
            if draft_values.get("rung"):
                self.initial["rung"] = str(draft_values["rung"])
            layout.append(Field.radios("rung", legend_size="m"))
        self.helper.layout = Layout(*layout)

    def values(self) -> tuple[dict, dict, int | None]:
        ratings, comments = {}, {}
        for statement in self.statements:
            key = statement["key"]
            if self.cleaned_data.get(f"rating_{key}"):
                ratings[key] = int(self.cleaned_data[f"rating_{key}"])
            comments[key] = self.cleaned_data.get(f"comment_{key}", "")
        rung = self.cleaned_data.get("rung")
        return ratings, comments, int(rung) if rung else None


class SubmitForm(GovUKForm):
    named = forms.ChoiceField(
        label=_("How should we keep your answers?"),
        choices=[
            (
                "anonymous",
                _("Anonymously: only your role group (lived experience or professional) is kept"),
            ),
            ("named", _("With my name: facilitators can see who wrote each comment")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how we should keep your answers")},
    )


class ActionForm(GovUKModelForm):
    due_on = DateField(label=_("Due date"), help_text=_("For example, 27 3 2027"))
    owner_id = forms.TypedChoiceField(label=_("Who will do it?"), coerce=int)

    class Meta:
        model = Action
        fields = ["piece", "description", "due_on", "status", "outcome", "outcome_easy_read"]
        widgets = {
            "piece": forms.RadioSelect,
            "status": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
            "outcome_easy_read": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"outcome": _("What changed? (needed once it is done)")}

    field_order = [
        "piece",
        "description",
        "owner_id",
        "due_on",
        "status",
        "outcome",
        "outcome_easy_read",
    ]

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["piece"].choices = Piece.choices
        members = Membership.objects.active().filter(project=project).select_related("user")
        self.fields["owner_id"].choices = [("", _("Choose a member"))] + [
            (m.user_id, f"{m.user.display_name} ({m.get_role_display()})") for m in members
        ]
        self.fields["owner_id"].error_messages["invalid_choice"] = _(
            "The owner must be a member of the project."
        )
        if self.instance.pk:
            self.initial["owner_id"] = self.instance.owner_id

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == ActionStatus.DONE and not cleaned.get("outcome", "").strip():
            self.add_error("outcome", NO_OUTCOME)
        return cleaned

    def _post_clean(self):
        if self.cleaned_data.get("owner_id"):
            self.instance.owner_id = self.cleaned_data["owner_id"]
        super()._post_clean()
