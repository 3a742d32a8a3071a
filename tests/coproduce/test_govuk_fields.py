"""templates/gds/field.html writes each field in Python (coproduce/govuk_fields.py): it must give
the markup crispy-forms-gds's own field template gives, for every kind of field the portal uses,
empty, filled, with hints and with errors, whatever people type."""

import copy
import re
from pathlib import Path

import crispy_forms_gds
import pytest
from crispy_forms.utils import render_crispy_form
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import engines

from coproduce.forms import DateField, GovUKForm, TimeField
from coproduce.govuk_fields import TEXT_BOXES
from coproduce.templatetags import govuk

HOSTILE = '"><script>alert(1)</script> &amp; \u202eevil'


class EveryKind(GovUKForm):
    name = forms.CharField(label="Your name", help_text="As you like to be called")
    email = forms.EmailField(label="Email address", required=False)
    notes = forms.CharField(label="Notes", widget=forms.Textarea(attrs={"rows": 3}))
    starts = TimeField(label="Start time")
    meets_on = DateField(label="Date", help_text="For example, 27 3 2027")
    format = forms.ChoiceField(
        label="Format", choices=[("", "Choose"), ("online", "Online"), ("room", "In a room")]
    )
    rating = forms.TypedChoiceField(
        label="How well does it work?",
        choices=[(1, "Badly"), (2, "Well"), (3, HOSTILE)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    needs = forms.MultipleChoiceField(
        label="What helps you?",
        help_text="Tick all that apply",
        choices=[("bsl", "BSL interpreter"), ("step", "Step-free entrance")],
        widget=forms.CheckboxSelectMultiple,
    )
    agree = forms.BooleanField(label="I agree")
    receipt = forms.FileField(label="Receipt", required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)


class WithLayout(EveryKind):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Fieldset("name", "email", legend="About you", legend_size=Size.MEDIUM),
            Field.radios("rating", legend_size="s", legend_tag="h2", small=True, inline=True),
            *[name for name in self.fields if name not in {"name", "email", "rating"}],
        )


FILLED = {
    "name": HOSTILE,
    "email": "not an address",
    "notes": HOSTILE,
    "starts": "25:61",
    "meets_on_0": "30",
    "meets_on_1": "2",
    "meets_on_2": "2026",
    "format": "room",
    "rating": "3",
    "needs": ["step", "nonsense"],
    "agree": "on",
    "token": HOSTILE,
}
VALID = {
    **FILLED,
    "email": "sam@example.com",
    "starts": "2pm",
    "meets_on_0": "27",
    "needs": ["bsl", "step"],
}


def _the_librarys_field_template():
    source = (Path(crispy_forms_gds.__file__).parent / "templates/gds/field.html").read_text()
    return engines["django"].from_string(source).template


def _tidy(html: str) -> str:
    """The two differ only in the whitespace between tags and around text."""
    return re.sub(r"\s*([<>])\s*", r"\1", re.sub(r"\s+", " ", str(html))).strip()


def _with_every_box_marked(html: str, form) -> str:
    """The library's markup with the one change ours makes on purpose: every text box of a
    field in error has the red border (govuk_fields.TEXT_BOXES), not only text inputs."""
    for name in form.errors:
        input_type = getattr(form.fields[name].widget, "input_type", None)
        if input_type in TEXT_BOXES and input_type != "text":
            html = re.sub(
                rf'(<input[^>]*name="{name}"[^>]*class="govuk-input)(")',
                r"\1 govuk-input--error\2",
                html,
            )
    return html


def _render(form, monkeypatch, field_renderer) -> str:
    monkeypatch.setattr(govuk, "render_field", field_renderer)
    return render_crispy_form(copy.deepcopy(form))


@pytest.mark.parametrize("form_class", [EveryKind, WithLayout])
@pytest.mark.parametrize(
    "data",
    [None, {}, FILLED, VALID],
    ids=["unbound", "empty", "wrong", "right"],
)
def test_each_field_is_written_as_crispy_forms_gds_writes_it(form_class, data, monkeypatch):
    files = {"receipt": SimpleUploadedFile("r.exe", b"MZ")} if data else None
    form = form_class(data, files, initial={"name": "Sam", "rating": 2})
    if data is not None:
        form.is_valid()
    library = _the_librarys_field_template()

    ours = _render(form, monkeypatch, govuk.render_field)
    theirs = _render(form, monkeypatch, lambda field, context: library.render(context))

    assert _tidy(ours) == _tidy(_with_every_box_marked(theirs, form))
    # The comparison has something to compare: every field is there, and the hostile text is
    # escaped wherever it appears.
    for name in form.fields:
        assert f'name="{name}' in ours
    assert "<script>" not in ours


def test_errors_are_named_by_the_inputs_they_belong_to(monkeypatch):
    form = EveryKind(FILLED)
    form.is_valid()
    html = _render(form, monkeypatch, govuk.render_field)

    assert 'aria-describedby="id_name_hint"' in html
    assert 'class="govuk-input govuk-input--width-5 govuk-input--error"' in html  # the time
    assert (
        '<fieldset class="govuk-fieldset" aria-describedby="id_needs_hint id_needs_1_error">'
        in (html)
    )


def test_every_text_box_in_error_has_the_red_border():
    """GOV.UK marks every box of a field in error; crispy-forms-gds only text inputs."""

    class Boxes(GovUKForm):
        email = forms.EmailField(label="Email address")
        count = forms.IntegerField(label="How many")
        secret = forms.CharField(label="Password", widget=forms.PasswordInput)

    html = render_crispy_form(Boxes({"email": "no", "count": "x", "secret": ""}))
    for name in ("email", "count", "secret"):
        box = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
        assert "govuk-input--error" in box, box


def test_a_character_count_is_refused_rather_than_left_out(monkeypatch):
    form = EveryKind()
    form.helper.layout = Layout(Field("notes", context={"max_characters": 100}))

    with pytest.raises(ValueError, match="character count"):
        _render(form, monkeypatch, govuk.render_field)


def test_the_hidden_error_prefix_is_in_the_pages_language(monkeypatch):
    """A Welsh screen reader user hears "Gwall:" before each message, not the English word."""
    from django.utils import translation

    form = EveryKind(FILLED)
    form.is_valid()
    with translation.override("cy"):
        html = _render(form, monkeypatch, govuk.render_field)

    assert '<span class="govuk-visually-hidden">Gwall:</span>' in html
    assert "Error:" not in html
