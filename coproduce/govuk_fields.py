"""One form field in GOV.UK markup, written by Python instead of a dozen templates.

crispy-forms-gds still lays every form out (FormHelper, Layout, Fieldset, Field.radios and the
context they set, such as legend_size); for each field it includes templates/gds/field.html,
which now calls `render_field` below. The library's own field template included five more
templates per field (nine per radio button) and Django's widget templates, and rendering them
was about 40% of a form page's request (docs/performance.md). The markup is that of
crispy-forms-gds 2.0.1 and Django's widget templates, less the whitespace between tags;
tests/coproduce/test_govuk_fields.py compares the two for every kind of field we use.
"""

from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import gettext

# crispy-forms-gds's classes for Django's widgets (a widget not named here gets its own class
# name in lower case, as the library does).
CHECKED = SafeString(' checked="checked"')
CONVERTERS = {
    "checkboxinput": "govuk-checkboxes__input",
    "select": "govuk-select",
    "textinput": "govuk-input",
    "emailinput": "govuk-input",
    "passwordinput": "govuk-input",
    "textarea": "govuk-textarea",
    "clearablefileinput": "govuk-file-upload",
}
# Django's widget templates that are one <input> (django/forms/widgets/input.html).
INPUT_TEMPLATES = {
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "email",
        "password",
        "number",
        "url",
        "hidden",
        "checkbox",
        "file",
        "date",
        "time",
        "datetime",
        "search",
        "tel",
        "color",
    )
}


def render_field(field: forms.BoundField, context) -> SafeString:
    """`context` is the template context crispy-forms sets for the field (a Context or dict)."""
    option = context.get
    if field.is_hidden:
        return _widget(field, gds=False)
    if option("max_characters") or option("max_words"):
        # crispy-forms-gds's character count is not written here: no form of ours uses it.
        raise ValueError(f"{field.name}: a character count is not supported")
    errors = list(field.errors) if option("form_show_errors") else []
    parts = []
    tag = option("tag") or "div"
    classes = "govuk-form-group"
    if errors:
        classes += " govuk-form-group--error"
    if option("wrapper_class"):
        classes += f" {option('wrapper_class')}"
    if field.css_classes():
        classes += f" {field.css_classes()}"
    parts.append(format_html('<{} id="div_{}" class="{}">', tag, field.auto_id, classes))
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple) and widget.input_type == "checkbox":
        parts.append(_fieldset(field, context, errors, _checkboxes(field, context)))
    elif isinstance(widget, forms.RadioSelect) and widget.input_type == "radio":
        parts.append(_fieldset(field, context, errors, _radios(field, context)))
    elif isinstance(widget, forms.MultiWidget):
        parts.append(_fieldset(field, context, errors, _widget(field)))
    else:
        parts.append(_single(field, context, errors))
    parts.append(format_html("</{}>", tag))
    return _join(parts)


def _single(field, context, errors) -> str:
    option = context.get
    is_checkbox = isinstance(field.field.widget, forms.CheckboxInput)
    label = _as_written(field.label) if field.label else ""
    parts = []
    if label and not is_checkbox and option("form_show_labels"):
        size = f" {option('label_size')}" if option("label_size") else ""
        markup = format_html(
            '<label for="{}" class="govuk-label{}">{}</label>', field.id_for_label, size, label
        )
        parts.append(_inside(option("label_tag"), "govuk-label-wrapper", markup))
    parts.append(_hint_and_errors(field, context, errors))
    if is_checkbox and option("form_show_labels"):
        small = " govuk-checkboxes--small" if option("checkboxes_small") else ""
        parts.append(
            format_html(
                '<div class="govuk-checkboxes{}"><div class="govuk-checkboxes__item">{}'
                '<label class="govuk-label govuk-checkboxes__label" for="{}">{}</label>'
                "</div></div>",
                small,
                _widget(field),
                field.id_for_label,
                label,
            )
        )
    else:
        parts.append(_widget(field))
    return _join(parts)


def _fieldset(field, context, errors, inside: str) -> str:
    """A group of inputs (radios, checkboxes, a date) under one legend."""
    option = context.get
    described = ""
    if field.help_text or field.errors:
        ids = f"{field.auto_id}_hint" if field.help_text else ""
        ids += "".join(f" {field.auto_id}_{n}_error" for n in range(1, len(field.errors) + 1))
        described = format_html(' aria-describedby="{}"', ids)
    legend = ""
    if field.label:
        label = _inside(option("legend_tag"), "govuk-fieldset__heading", _as_written(field.label))
        size = f" {option('legend_size')}" if option("legend_size") else ""
        legend = format_html('<legend class="govuk-fieldset__legend{}">{}</legend>', size, label)
    return format_html(
        '<fieldset class="govuk-fieldset"{}>{}{}{}</fieldset>',
        described,
        legend,
        _hint_and_errors(field, context, errors),
        inside,
    )


def _hint_and_errors(field, context, errors) -> SafeString:
    # crispy-forms-gds's help_text_and_errors.html: an inline hint shows only with block errors.
    inline = context.get("help_text_inline")
    hint = SafeString("")
    if field.help_text and (not inline or not context.get("error_text_inline")):
        hint = format_html(
            '<{} id="{}_hint" class="govuk-hint">{}</{}>',
            "span" if inline else "div",
            field.auto_id,
            _as_written(field.help_text),
            "span" if inline else "div",
        )
    return hint + _join(
        format_html(
            '<span id="{}_{}_error" class="govuk-error-message">'
            '<span class="govuk-visually-hidden">{}</span> {}</span>',
            field.auto_id,
            number,
            # crispy-forms-gds writes "Error:" in English whatever the page's language.
            gettext("Error:"),
            error,
        )
        for number, error in enumerate(errors, start=1)
    )


def _choice_text(value) -> str:
    """`{{ value|unlocalize }}`: the value as written, never with thousands separators."""
    return conditional_escape(value if isinstance(value, str) else str(value))


def _choice(kind: str, field, number: int, choice, checked: bool) -> str:
    name = field.html_name
    hint = getattr(choice, "hint", None)
    option_id = f"id_{name}_{number}"
    markup = format_html(
        '<div class="govuk-{}__item"><input type="{}" name="{}" class="govuk-{}__input" id="{}"'
        ' value="{}"{}{}><label class="govuk-label govuk-{}__label" for="{}">{}</label>{}</div>',
        kind,
        "radio" if kind == "radios" else "checkbox",
        name,
        kind,
        option_id,
        _choice_text(choice[0]),
        CHECKED if checked else "",
        format_html(' aria-describedby="{}_hint"', option_id) if hint else "",
        kind,
        option_id,
        _choice_text(choice[1]),
        format_html(
            '<span id="{}_hint" class="govuk-hint govuk-{}__hint">{}</span>', option_id, kind, hint
        )
        if hint
        else "",
    )
    divider = getattr(choice, "divider", None)
    if divider:
        markup += format_html('<div class="govuk-{}__divider">{}</div>', kind, divider)
    return markup


def _radios(field, context) -> str:
    option = context.get
    chosen = str(field.value())
    classes = "govuk-radios--inline" if option("radios_inline") else "govuk-radios"
    if option("radios_small"):
        classes += " govuk-radios--small"
    items = _join(
        _choice("radios", field, number, choice, str(choice[0]) == chosen)
        for number, choice in enumerate(field.field.choices, start=1)
    )
    return format_html('<div class="{}">{}</div>', classes, items)


def _contains(values, value) -> bool:
    try:
        return value in values
    except TypeError:  # a template's `in` is False when the test cannot be made
        return False


def _checkboxes(field, context) -> str:
    option = context.get
    values = field.value()
    classes = "govuk-checkboxes--inline" if option("inline") else "govuk-checkboxes"
    if option("checkboxes_small"):
        classes += " govuk-checkboxes--small"
    items = _join(
        _choice(
            "checkboxes",
            field,
            number,
            choice,
            _contains(values, choice[0]) or _contains(values, str(choice[0])),
        )
        for number, choice in enumerate(field.field.choices, start=1)
    )
    return format_html('<div class="{}">{}</div>', classes, items)


# --- The widget: crispy-forms-gds's crispy_gds_field, then Django's widget templates ----------


def _widget(field, gds: bool = True) -> SafeString:
    if gds:
        _set_gds_attrs(field)
    widget = field.field.widget
    if field.field.localize:
        widget.is_localized = True
    attrs = field.build_widget_attrs({}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)
    markup = _markup(context["widget"])
    if markup is None:
        return widget._render(widget.template_name, context, field.form.renderer)
    return markup


def _set_gds_attrs(field) -> None:
    """What crispy-forms-gds's CrispyGDSFieldNode does to the widgets before rendering them:
    GOV.UK classes, and aria-describedby naming the hint and the errors."""
    outer = field.field.widget
    multivalue = isinstance(outer, forms.MultiWidget)
    widgets = getattr(outer, "widgets", [getattr(outer, "widget", outer)])
    error_widgets = [sub.widget for sub in field.field.fields] if multivalue else None
    error_count = sum(len(getattr(w, "errors", [])) for w in error_widgets) if multivalue else 0
    for index, widget in enumerate(widgets):
        name = widget.__class__.__name__.lower()
        css_class = CONVERTERS.get(name, name).split()
        for extra in widget.attrs.get("class", "").split():
            if extra not in css_class:
                css_class.append(extra)
        css_class = " ".join(css_class)
        if hasattr(widget, "input_type") and "input_type" in widget.attrs:
            widget.input_type = widget.attrs.pop("input_type")
        if field.help_text and not multivalue:
            widget.attrs["aria-describedby"] = f"{field.auto_id}_hint"
        if field.errors:
            css_class += _error_class(widget, multivalue, error_count, error_widgets, index)
            if not field.help_text:
                widget.attrs["aria-describedby"] = ""
            for number, error in enumerate(field.errors, start=1):
                if multivalue and not (
                    getattr(error_widgets[index], "errors", None)
                    and error in error_widgets[index].errors
                ):
                    continue
                described = widget.attrs.get("aria-describedby", "")
                widget.attrs["aria-describedby"] = (
                    f"{described} " if described else ""
                ) + f"{field.auto_id}_{number}_error"
        widget.attrs["class"] = css_class


# Boxes people type into. crispy-forms-gds gives only Select, TextInput and Textarea the red
# border of a field in error; GOV.UK gives it to every box, so email, number, password, phone
# and web address boxes get it here too (the one place this differs from the library).
TEXT_BOXES = ("text", "email", "number", "password", "tel", "url", "search")


def _error_class(widget, multivalue, error_count, error_widgets, index) -> str:
    name = widget.__class__.__name__
    if name in ("Select", "Textarea") or getattr(widget, "input_type", None) in TEXT_BOXES:
        if not multivalue or error_count == 0 or getattr(error_widgets[index], "errors", None):
            return " govuk-input--error"
    elif name in ("FileInput", "ClearableFileInput"):
        return " govuk-file-upload--error"
    return ""


def _value(value) -> str:
    """`{{ value|stringformat:'s' }}`: a value already marked safe stays as it is."""
    return value if isinstance(value, SafeData) else str(value)


def _attrs(attrs: dict) -> SafeString:
    """django/forms/widgets/attrs.html. Plain strings with conditional_escape, as the template
    escapes them: format_html for each attribute was a tenth of a form's rendering."""
    return mark_safe(  # noqa: S308 (each name and value escaped here)
        "".join(
            f" {conditional_escape(name)}"
            if value is True
            else f' {conditional_escape(name)}="{conditional_escape(_value(value))}"'
            for name, value in attrs.items()
            if value is not False
        )
    )


def _markup(widget: dict) -> SafeString | None:
    """Django's template for the widget, written out; None for a template not written here."""
    template = widget["template_name"]
    if template in INPUT_TEMPLATES:
        value = widget["value"]
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            widget["type"],
            widget["name"],
            "" if value is None else format_html(' value="{}"', _value(value)),
            _attrs(widget["attrs"]),
        )
    if template == "django/forms/widgets/textarea.html":
        return format_html(
            '<textarea name="{}"{}>\n{}</textarea>',
            widget["name"],
            _attrs(widget["attrs"]),
            widget["value"] or "",
        )
    if template == "django/forms/widgets/select.html":
        return _select(widget)
    if template == "gds/widgets/date.html":
        return _date(widget)
    return None


def _select(widget: dict) -> SafeString:
    groups = []
    for group_name, options, _index in widget["optgroups"]:
        markup = _join(
            format_html(
                '\n  <option value="{}"{}>{}</option>',
                _value(option["value"]),
                _attrs(option["attrs"]),
                option["label"],
            )
            for option in options
        )
        if group_name:
            markup = format_html('\n  <optgroup label="{}">{}\n  </optgroup>', group_name, markup)
        groups.append(markup)
    return format_html(
        '<select name="{}"{}>{}\n</select>', widget["name"], _attrs(widget["attrs"]), _join(groups)
    )


def _date(widget: dict) -> SafeString:
    """crispy-forms-gds's gds/widgets/date.html: day, month and year, each labelled."""
    items = []
    for sub in widget["subwidgets"]:
        label = sub["attrs"].pop("label")
        items.append(
            format_html(
                '<div class="govuk-date-input__item"><div class="govuk-form-group">'
                '<label class="govuk-label govuk-date-input__label" for="{}">{}</label>{}'
                "</div></div>",
                sub["attrs"]["id"],
                label,
                _markup(sub),
            )
        )
    return format_html(
        '<div class="govuk-date-input" id="{}">{}</div>', widget["attrs"]["id"], _join(items)
    )


def _inside(tag: str | None, css_class: str, markup: SafeString) -> SafeString:
    """The markup in a tag a layout asked for (a heading round a label or legend), if any."""
    if not tag:
        return markup
    return format_html('<{} class="{}">{}</{}>', tag, css_class, markup, tag)


def _join(parts) -> SafeString:
    """Markup made of markup (each part already escaped; one that is not is escaped here)."""
    return mark_safe("".join(conditional_escape(part) for part in parts))  # noqa: S308


def _as_written(text) -> SafeString:
    """Labels and hints go out unescaped, as crispy-forms-gds writes them (`|safe`): they are
    the portal's wording, and a person's words in one (a review statement) are escaped where
    the label is made, with format_html."""
    return mark_safe(text)  # noqa: S308 (see the docstring)
