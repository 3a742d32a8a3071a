"""The charter's status on the project page, without the projects app knowing how it works."""

from django import template

from projects.access import Can

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
