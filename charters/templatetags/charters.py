"""The charter's status on the project page, without the projects app knowing how it works;
the rows of a table of signatures."""

from django import template
from django.utils.dateformat import format as date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext

from coproduce.templatetags.bidi import bdi
from projects.access import Can

from ..models import SignatureMethod
from ..services import charter_for, charter_summary

register = template.Library()

# Facilitators see who has not signed yet; the charter page has the whole list.
UNSIGNED_NAMES_SHOWN = 10


@register.inclusion_tag("charters/_project_charter.html", takes_context=True)
def project_charter(context, access):
    """In force since when, or how many signatures are missing (and whose, for facilitators);
    a member who has not signed the current version is asked to."""
    show_unsigned = access.can(Can.WITNESS_SIGNATURE)
    status = charter_summary(
        charter_for(access.project),
        context["request"].user,
        names=UNSIGNED_NAMES_SHOWN if show_unsigned else 0,
    )
    return {
        "project": access.project,
        "status": status,
        "ask_to_sign": (
            status.version is not None and access.can(Can.SIGN_CHARTER) and not status.has_signed
        ),
        "show_unsigned": show_unsigned,
    }


@register.simple_tag
def signature_rows(signatures):
    """The rows of a table of signatures (`charters/_signatures_table.html`), written by Python:
    a charter page shows 25 a page, and drawn through the template engine (a choice label, two
    dates, isolated names and translated phrases each) they were a sixth of its time at council
    scale (docs/performance.md). The markup is the template's, less the whitespace between tags.
    """
    words = {
        "methods": {value: str(label) for value, label in SignatureMethod.choices},
        # The translated phrases around a name and a date, looked up once.
        "witnessed": gettext("witnessed by %(name)s").partition("%(name)s"),
        "since": gettext("No, since %(date)s").partition("%(date)s"),
        "yes": gettext("Yes"),
    }
    return format_html_join("", "{}", ((_signature_row(s, words),) for s in signatures))


def _signature_row(signature, words):
    how = words["methods"].get(signature.method, signature.method)
    if signature.witnessed_by:
        before, _name, after = words["witnessed"]
        how = format_html(
            '{}<br><span class="govuk-body-s">{}{}{}</span>',
            how,
            before,
            bdi(signature.witnessed_by.display_name),
            after,
        )
        if signature.note:
            how = format_html(
                '{}<br><span class="govuk-body-s">{}</span>', how, bdi(signature.note)
            )
    withdrawal = getattr(signature, "withdrawal", None)
    agrees = words["yes"]
    if withdrawal:
        before, _date, after = words["since"]
        agrees = format_html("{}{}{}", before, _day(withdrawal.withdrawn_at), after)
        if withdrawal.reason:
            agrees = format_html(
                '{}<br><span class="govuk-body-s">{}</span>', agrees, bdi(withdrawal.reason)
            )
    return format_html(
        '<tr class="govuk-table__row"><td class="govuk-table__cell">{}</td>'
        '<td class="govuk-table__cell">{}</td><td class="govuk-table__cell">{}</td>'
        '<td class="govuk-table__cell">{}</td></tr>',
        bdi(signature.name),
        how,
        _day(signature.signed_at),
        agrees,
    )


def _day(moment):
    return date_format(localtime(moment), "j F Y")
