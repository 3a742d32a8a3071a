from papers.models import Decision
from papers.services import paper_add
from projects.models import Role
from tests.base import make_meeting
from tests.matrix import Rule, project
from tests.papers.helpers import pdf, written_paper

FACILITATORS = frozenset({Role.FACILITATOR})


def _meeting(cast) -> dict:
    return {**project(cast), "meeting_id": make_meeting(cast.project).pk}


def _past_meeting(cast) -> dict:
    return {**project(cast), "meeting_id": make_meeting(cast.project, days_from_now=-1).pk}


def _written(cast) -> dict:
    paper = written_paper(make_meeting(cast.project))
    return {**project(cast), "meeting_id": paper.meeting_id, "paper_id": paper.pk}


def _uploaded(cast) -> dict:
    meeting = make_meeting(cast.project)
    paper = paper_add(
        meeting=meeting,
        title="Budget",
        version="standard",
        text="",
        upload=pdf(),
        file_type="application/pdf",
        added_by=cast.facilitator,
    )
    return {**project(cast), "meeting_id": meeting.pk, "paper_id": paper.pk}


def _decision(cast) -> dict:
    meeting = make_meeting(cast.project, days_from_now=-1)
    decision = Decision.objects.create(
        meeting=meeting, text="Meet monthly", recorded_by=cast.facilitator
    )
    return {**project(cast), "meeting_id": meeting.pk, "decision_id": decision.pk}


PERMISSIONS = {
    "paper-add": Rule(kwargs=_meeting, roles=FACILITATORS),
    # Every member opens papers; an uploaded one comes as a download.
    "paper-open": Rule(kwargs=_written),
    "paper-remove": Rule(
        kwargs=_uploaded, roles=FACILITATORS, method="post", ok=302, post_only=True
    ),
    "note-edit": Rule(kwargs=_past_meeting, roles=FACILITATORS),
    "decision-add": Rule(kwargs=_past_meeting, roles=FACILITATORS),
    "decision-remove": Rule(
        kwargs=_decision, roles=FACILITATORS, method="post", ok=302, post_only=True
    ),
}
