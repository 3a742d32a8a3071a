"""A claim's status as a GOV.UK tag. A tag in Python, not an included template: a payments
page shows a hundred claims, and an include with its chain of ifs per row was most of the
page's time."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..models import Status

register = template.Library()

_COLOURS = {
    Status.PAID: "green",
    Status.APPROVED: "blue",
    Status.SCHEDULED: "blue",
    Status.SUBMITTED: "yellow",
    Status.REJECTED: "red",
    Status.FAILED: "red",
    Status.RETURNED: "orange",
}


@register.simple_tag
def claim_status(claim):
    label = Status(claim.status).label  # get_status_display() hashes every label each call
    if claim.status == Status.SUBMITTED and claim.first_approved_by_id:
        label = _("Waiting for a commissioner")
    colour = _COLOURS.get(claim.status, "grey")
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, label)
