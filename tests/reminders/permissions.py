from projects.models import Role
from reminders.models import Delivery, Kind, Status
from tests.base import make_meeting
from tests.matrix import Rule, project

FACILITATORS = frozenset({Role.FACILITATOR})


def _meeting(cast) -> dict:
    return {**project(cast), "meeting_id": make_meeting(cast.project).pk}


def _todo(cast) -> dict:
    meeting = make_meeting(cast.project)
    delivery = Delivery.objects.create(
        recipient=cast.person,
        kind=Kind.MEETING_SOON,
        subject=f"meeting:{meeting.pk}",
        occurrence="1d",
        project=cast.project,
        channel="todo",
        status=Status.TODO,
        due_at=meeting.starts_at,
    )
    return {**project(cast), "delivery_id": delivery.pk}


PERMISSIONS = {
    "reminder-list": Rule(signed_in=True),
    "calendar-feed-reset": Rule(signed_in=True, method="post", ok=302, post_only=True),
    # Signed links and secret addresses: the token is the key, so anyone may try one.
    "reminder-stop": Rule(kwargs=lambda cast: {"token": "tampered"}, public=True, ok=400),
    "calendar-feed": Rule(kwargs=lambda cast: {"token": "no-such-feed"}, public=True, ok=404),
    "meeting-calendar": Rule(kwargs=_meeting),
    "todo-list": Rule(kwargs=project, roles=FACILITATORS),
    "todo-done": Rule(kwargs=_todo, roles=FACILITATORS, method="post", ok=302, post_only=True),
}
