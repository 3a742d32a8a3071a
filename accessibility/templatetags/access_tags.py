"""Small pieces of access-needs information on the projects app's meeting pages, so those
pages need only one line each to show them."""

from django import template

from projects.access import Can

from ..models import SHARED_LEVELS, Arrangement, SharingConsent
from ..plans import open_essential_counts
from ..scheduling import mismatches

register = template.Library()


@register.inclusion_tag("accessibility/_meeting_access.html", takes_context=True)
def meeting_access(context, meeting):
    """For facilitators: how many essential needs are not yet dealt with, a link to the plan,
    and what members asked for that the meeting does not give (counts only, so not a view of
    anyone's needs). For the person: what was arranged for them at this meeting."""
    access, user = context["access"], context["request"].user
    panel = {"meeting": meeting, "project": access.project}
    if access.can(Can.VIEW_SHARED_ACCESS_NEEDS):
        open_essential = open_essential_counts([meeting])[meeting.pk]
        panel.update(show_plan=True, open_essential=open_essential)
    if access.can(Can.SCHEDULE_MEETINGS) and not (meeting.is_past or meeting.cancelled_at):
        panel["mismatches"] = mismatches(meeting)
    panel["mine"] = list(
        Arrangement.objects.filter(meeting=meeting, person=user).select_related("need")
    )
    if not panel["mine"] and access.can(Can.SHARE_ACCESS_NEEDS):
        # An invitation to share, for members who share nothing with the project yet.
        panel["invite_to_share"] = not SharingConsent.objects.filter(
            user=user, project=access.project, level__in=SHARED_LEVELS
        ).exists()
    return panel


@register.inclusion_tag("accessibility/_unarranged_meetings.html", takes_context=True)
def unarranged_meetings(context, meetings):
    """For facilitators: the upcoming meetings with essential needs not yet dealt with."""
    access = context["access"]
    if not access.can(Can.ARRANGE_ACCESS):
        return {"flagged": []}
    meetings = [meeting for meeting in meetings if not meeting.cancelled_at]
    counts = open_essential_counts(meetings)
    return {"flagged": [(m, counts[m.pk]) for m in meetings if counts[m.pk]]}
