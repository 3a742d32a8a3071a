"""The rows of a table of claims, written by Python.

The claims list of a busy project shows 50 claims a page in two tables; drawn through the
template engine (a reversed link, a translated phrase, three isolated texts, a date and an
amount each) they were most of the page's time at council scale (docs/performance.md). The
markup is that of the table's template before (templates/expenses/_claim_table.html), less the
whitespace between tags.
"""

from django import template
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from coproduce.templatetags.bidi import bdi

from ..money import format_pence
from .claim_status import claim_status

register = template.Library()

# Stands for a claim's id in a link reversed once per project.
CLAIM = 999999999


@register.simple_tag
def claim_rows(claims, show_claimant):
    links = {}
    # The translated phrase around the name, looked up once.
    by = gettext("claim by %(name)s").partition("%(name)s")
    return format_html_join(
        "", "{}", ((_claim_row(claim, show_claimant, links, by),) for claim in claims)
    )


def _claim_row(claim, show_claimant, links, by):
    if claim.project_id not in links:
        links[claim.project_id] = reverse("claim-detail", args=[claim.project_id, CLAIM])
    name = bdi(claim.claimant.display_name)
    person = format_html('<td class="govuk-table__cell">{}</td>', name) if show_claimant else ""
    return format_html(
        '<tr class="govuk-table__row">{}<td class="govuk-table__cell"><a class="govuk-link"'
        ' href="{}">{}<span class="govuk-visually-hidden">, {}</span></a>, {}</td>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td>'
        '<td class="govuk-table__cell">{}</td></tr>',
        person,
        links[claim.project_id].replace(str(CLAIM), str(claim.pk)),
        bdi(claim.title),
        format_html("{}{}{}", by[0], name, by[2]),
        date_format(claim.day, "j M Y"),
        format_pence(claim.gross_pence),
        claim_status(claim),
    )
