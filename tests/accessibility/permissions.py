from accessibility.models import Importance, ShareLevel
from accessibility.plans import person_ref
from projects.models import Attendance, Role, Rsvp
from tests.accessibility.helpers import give_needs, share
from tests.base import make_meeting
from tests.matrix import Rule, project

FACILITATORS = frozenset({Role.FACILITATOR})


def _meeting(cast) -> dict:
    return {**project(cast), "meeting_id": make_meeting(cast.project).pk}


def _arrangement(cast) -> dict:
    """An item in a meeting's plan: pat is coming and shares a summary."""
    meeting = make_meeting(cast.project)
    profile = give_needs(cast.person, ("bsl", Importance.ESSENTIAL, ""))
    share(cast.person, cast.project, ShareLevel.SUMMARY)
    Attendance.objects.create(meeting=meeting, user=cast.person, rsvp=Rsvp.YES)
    return {
        **project(cast),
        "meeting_id": meeting.pk,
        "need_id": profile.needs.get().need_id,
        "ref": person_ref(meeting.pk, cast.person.pk),
    }


def _group(cast) -> dict:
    give_needs(cast.person)  # loads the catalogue
    return {"group_code": "venue"}


PERMISSIONS = {
    # The person's own pages: anyone signed in, about themself only.
    "access-profile": Rule(signed_in=True),
    "access-about": Rule(signed_in=True),
    "access-needs": Rule(kwargs=_group, signed_in=True),
    "access-contact": Rule(signed_in=True),
    "access-print": Rule(signed_in=True),
    "access-confirm": Rule(signed_in=True, method="post", ok=302, post_only=True),
    "access-format-switch": Rule(
        signed_in=True,
        method="post",
        data=lambda cast: {"show": "standard"},
        ok=302,
        post_only=True,
    ),
    "access-sharing": Rule(signed_in=True),
    "access-views": Rule(signed_in=True),
    # Sharing is with a project you are in: every member may, outsiders get 404.
    "access-sharing-edit": Rule(kwargs=project),
    # Only facilitators see what was shared and arrange it; commissioners too get 403.
    "project-access": Rule(kwargs=project, roles=FACILITATORS),
    "meeting-access-plan": Rule(kwargs=_meeting, roles=FACILITATORS),
    "arrangement-edit": Rule(kwargs=_arrangement, roles=FACILITATORS),
}
