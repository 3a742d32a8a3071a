"""Template helpers for GOV.UK Design System markup."""

from django import forms, template

from coproduce.govuk_fields import render_field

register = template.Library()

_MULTIPLE_OPTION_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


@register.inclusion_tag("includes/error_summary.html")
def govuk_error_summary(*forms_):
    """One error summary for the forms on a page.

    Each link points at the element that takes focus: for radios and checkboxes that is the
    first option (crispy-forms-gds numbers them from 1), not the field's own id, which does not
    exist in the page; for a date, the day. Non-field errors link to the first field.
    """
    errors = []
    for form in forms_:
        if form is None or not form.errors:
            continue
        fields = [f for f in form.visible_fields()]
        for message in form.non_field_errors():
            errors.append((f"#{fields[0].auto_id}" if fields else "#main-content", message))
        for field in fields:
            target = field.auto_id
            if isinstance(field.field.widget, _MULTIPLE_OPTION_WIDGETS):
                target = f"id_{field.html_name}_1"
            elif isinstance(field.field.widget, forms.MultiWidget):
                target = f"{field.auto_id}_0"  # the day of a date input
            for message in field.errors:
                errors.append((f"#{target}", message))
    return {"errors": errors}


@register.inclusion_tag("includes/pagination.html", takes_context=True)
def govuk_pagination(context, page, label, param="page"):
    """GOV.UK pagination under a list from coproduce.pagination.page_of. The links keep the
    page's other query parameters, so paging one list leaves another list's page alone."""
    if not page.has_other_pages():
        return {"links": None}

    def url(number):
        query = context["request"].GET.copy()
        query[param] = number
        return f"?{query.urlencode()}"

    links = [
        {"number": number, "url": url(number) if number != page.paginator.ELLIPSIS else None}
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    ]
    return {
        "label": label,
        "page": page,
        "links": links,
        "ellipsis": page.paginator.ELLIPSIS,
        "previous": url(page.previous_page_number()) if page.has_previous() else None,
        "next": url(page.next_page_number()) if page.has_next() else None,
    }


@register.simple_tag(takes_context=True)
def govuk_field(context, field):
    """One field in GOV.UK markup, for templates/gds/field.html (coproduce/govuk_fields.py)."""
    return render_field(field, context)
