"""The charter's status on the project page, without the projects app knowing how it works."""

from django import template

from projects.access import Can

from ..services import charter_for, charter_status

register = template.Library()


@register.inclusion_tag("charters/_project_charter.html", takes_context=True)
def charter_summary(context, access):
    """In force since when, or how many signatures are missing (and whose, for facilitators);
    a member who has not signed the current version is asked to."""
    status = charter_status(charter_for(access.project))
    user = context["request"].user
    return {
        "project": access.project,
        "status": status,
        "ask_to_sign": (
            status.version is not None
            and access.can(Can.SIGN_CHARTER)
            and status.signature_of(user) is None
        ),
        "show_unsigned": access.can(Can.WITNESS_SIGNATURE),
    }
