"""A small prompt on the project overview when a review is open, the member may answer it (they
belonged before it opened) and has not yet, so the overview (in projects/) needs no knowledge
of reviews."""

from django import template

from projects.access import Can, role_can

from ..models import CycleStatus, Response

register = template.Library()


@register.inclusion_tag("reviews/_open_prompt.html")
def open_review_prompt(access):
    cycle = None
    if role_can(access.membership.role, Can.RATE_REVIEW):
        answered = Response.objects.filter(user_id=access.membership.user_id).values("cycle_id")
        cycle = (
            access.project.review_cycles.filter(
                status=CycleStatus.OPEN, eligible_members__user_id=access.membership.user_id
            )
            .exclude(pk__in=answered)
            .order_by("closes_on", "id")
            .first()
        )
    return {"cycle": cycle, "project": access.project}
