from accessibility.models import NeedGroup
from projects.models import Invitation, Role
from projects.services import member_add_without_email
from tests.accessibility.helpers import ensure_catalogue
from tests.base import make_meeting
from tests.matrix import Rule, project

MANAGERS = frozenset({Role.COMMISSIONER, Role.FACILITATOR})
FACILITATORS = frozenset({Role.FACILITATOR})


def _meeting(cast) -> dict:
    return {**project(cast), "meeting_id": make_meeting(cast.project).pk}


def _person_membership(cast) -> dict:
    return {**project(cast), "membership_id": cast.membership(cast.person).pk}


def _invitation(cast) -> dict:
    invitation = Invitation.objects.create(
        project=cast.project,
        email="new@example.org",
        role=Role.PERSON,
        token="matrix-token",
        invited_by=cast.facilitator,
        expires_at="2099-01-01T00:00Z",
    )
    return {**project(cast), "invitation_id": invitation.pk}


def _member_without_email(cast) -> dict:
    membership = member_add_without_email(
        project=cast.project,
        preferred_name="Gwen",
        full_name="",
        role=Role.PERSON,
        by_phone=True,
        by_post=False,
        phone="01632 960123",
        postal_address="",
        consent="Agreed on the phone",
        added_by=cast.facilitator,
    )
    return {**project(cast), "membership_id": membership.pk}


def _needs_on_behalf(cast) -> dict:
    ensure_catalogue()
    return {**_member_without_email(cast), "group_code": NeedGroup.objects.first().code}


PERMISSIONS = {
    # Starting a project needs a permission nobody in the cast has (test_project_views.py).
    "project-create": Rule(signed_in=True, ok=403),
    "project-detail": Rule(kwargs=project),
    "project-edit": Rule(kwargs=project, roles=MANAGERS),
    # Only a closed project is reopened; the cast's is a draft, so nothing changes.
    "project-reopen": Rule(
        kwargs=project, roles=frozenset({Role.COMMISSIONER}), method="post", ok=302, post_only=True
    ),
    "member-list": Rule(kwargs=project),
    "invitation-create": Rule(kwargs=project, roles=MANAGERS),
    "member-add-without-email": Rule(kwargs=project, roles=MANAGERS),
    "member-without-email": Rule(kwargs=_member_without_email, roles=MANAGERS),
    "member-needs-on-behalf": Rule(kwargs=_needs_on_behalf, roles=FACILITATORS),
    "invitation-revoke": Rule(
        kwargs=_invitation, roles=MANAGERS, method="post", ok=302, post_only=True
    ),
    "member-role-change": Rule(kwargs=_person_membership, roles=MANAGERS),
    "member-standing": Rule(kwargs=_person_membership, roles=MANAGERS),
    # Every member may open the page to leave; pat's own row, so pat may too.
    "member-remove": Rule(kwargs=_person_membership, roles=MANAGERS | {Role.PERSON}),
    "meeting-list": Rule(kwargs=project),
    "meeting-create": Rule(kwargs=project, roles=FACILITATORS),
    "meeting-detail": Rule(kwargs=_meeting),
    "meeting-edit": Rule(kwargs=_meeting, roles=FACILITATORS),
    "meeting-cancel": Rule(kwargs=_meeting, roles=FACILITATORS),
    "meeting-answer": Rule(kwargs=_meeting),
    "meeting-papers-ready": Rule(
        kwargs=_meeting, roles=FACILITATORS, method="post", ok=302, post_only=True
    ),
    "attendance-record": Rule(kwargs=_meeting, roles=FACILITATORS),
}
