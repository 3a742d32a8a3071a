from django import template

from projects.access import Can

from ..files import LABELS
from ..models import Decision, MeetingNote, Paper

register = template.Library()


@register.inclusion_tag("papers/_meeting_papers.html", takes_context=True)
def meeting_papers(context, meeting):
    """A meeting's papers for every member; once it has begun, its note and decisions, with
    the review action each decision is carried out by. Three queries, however many rows."""
    access = context["access"]
    papers = list(Paper.objects.filter(meeting=meeting))
    for paper in papers:
        paper.format_label = LABELS.get(paper.file_type, ("", ""))[0]
    return {
        "access": access,
        "project": access.project,
        "meeting": meeting,
        "papers": papers,
        "note": MeetingNote.objects.filter(meeting=meeting).first(),
        "decisions": list(
            Decision.objects.filter(meeting=meeting).select_related("action", "action__cycle")
        ),
        "runs_meetings": access.can(Can.SCHEDULE_MEETINGS) and not meeting.cancelled_at,
    }
