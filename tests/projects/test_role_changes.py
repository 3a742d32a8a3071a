"""Who may change whose role (DESIGN.md, "Who may change roles"), through every path a
facilitator used to take a project over: changing their own role, changing a commissioner's,
promoting someone to commissioner or facilitator, inviting a commissioner, removing one. Every
role change tells the member and the project's commissioners, once."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from projects import services
from projects.models import Invitation, Membership, Role
from reminders import channels
from reminders.models import Delivery, Kind, Status, StoppedKind
from reminders.services import reminders_tick
from tests.base import add_member

pytestmark = pytest.mark.django_db


def _change(client, cast, member, role):
    return client.post(
        reverse("member-role-change", args=[cast.project.pk, cast.membership(member).pk]),
        {"role": role},
    )


def _role(cast, member):
    return Membership.objects.get(project=cast.project, user=member).role


def test_a_facilitator_cannot_change_their_own_role(client, cast):
    client.force_login(cast.facilitator)
    assert _change(client, cast, cast.facilitator, Role.COMMISSIONER).status_code == 403
    url = reverse(
        "member-role-change", args=[cast.project.pk, cast.membership(cast.facilitator).pk]
    )
    assert client.get(url).status_code == 403
    assert _role(cast, cast.facilitator) == Role.FACILITATOR


def test_nobody_changes_their_own_role_through_the_service_either(cast):
    for member in (cast.facilitator, cast.commissioner):
        with pytest.raises(PermissionDenied):
            services.membership_change_role(
                membership=cast.membership(member), role=Role.PERSON, changed_by=member
            )
    assert _role(cast, cast.facilitator) == Role.FACILITATOR
    assert _role(cast, cast.commissioner) == Role.COMMISSIONER


def test_a_facilitator_cannot_demote_a_commissioner_or_change_another_facilitator(client, cast):
    other = add_member(cast.project, Role.FACILITATOR).user
    client.force_login(cast.facilitator)
    assert _change(client, cast, cast.commissioner, Role.PERSON).status_code == 403
    assert _change(client, cast, other, Role.PERSON).status_code == 403
    assert _role(cast, cast.commissioner) == Role.COMMISSIONER
    assert _role(cast, other) == Role.FACILITATOR


def test_a_facilitator_cannot_promote_a_member_to_commissioner_or_facilitator(client, cast):
    client.force_login(cast.facilitator)
    page = client.get(
        reverse("member-role-change", args=[cast.project.pk, cast.membership(cast.person).pk])
    ).text
    assert 'value="commissioner"' not in page and 'value="facilitator"' not in page
    assert 'value="carer"' in page
    for role in (Role.COMMISSIONER, Role.FACILITATOR):
        response = _change(client, cast, cast.person, role)
        assert response.status_code == 200
        assert "Select a valid choice" in response.text
    assert _role(cast, cast.person) == Role.PERSON
    # The member roles are the facilitator's to change.
    assert _change(client, cast, cast.person, Role.CARER).status_code == 302
    assert _role(cast, cast.person) == Role.CARER


def test_a_facilitator_cannot_invite_a_commissioner_or_a_facilitator(client, cast):
    client.force_login(cast.facilitator)
    url = reverse("invitation-create", args=[cast.project.pk])
    assert 'value="commissioner"' not in client.get(url).text
    for role in (Role.COMMISSIONER, Role.FACILITATOR):
        response = client.post(url, {"email": "mine@example.org", "role": role})
        assert response.status_code == 200
        assert "Select a valid choice" in response.text
        with pytest.raises(PermissionDenied):
            services.invitation_create(
                project=cast.project,
                email="mine@example.org",
                role=role,
                invited_by=cast.facilitator,
            )
    assert not Invitation.objects.filter(email="mine@example.org").exists()


def test_a_commissioner_invites_a_commissioner(client, cast):
    client.force_login(cast.commissioner)
    url = reverse("invitation-create", args=[cast.project.pk])
    response = client.post(url, {"email": "second@example.org", "role": Role.COMMISSIONER})
    assert response.status_code == 302
    assert Invitation.objects.get(email="second@example.org").role == Role.COMMISSIONER


def test_a_facilitator_cannot_remove_a_commissioner_or_another_facilitator(client, cast):
    add_member(cast.project, Role.COMMISSIONER)
    other = add_member(cast.project, Role.FACILITATOR)
    client.force_login(cast.facilitator)
    for membership in (cast.membership(cast.commissioner), other):
        url = reverse("member-remove", args=[cast.project.pk, membership.pk])
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403
        membership.refresh_from_db()
        assert membership.is_active
    # A member role is theirs to remove.
    url = reverse("member-remove", args=[cast.project.pk, cast.membership(cast.carer).pk])
    assert client.post(url).status_code == 302


def test_the_member_list_offers_a_facilitator_only_the_members_they_may_change(client, cast):
    client.force_login(cast.facilitator)
    page = client.get(reverse("member-list", args=[cast.project.pk])).text
    for member in (cast.person, cast.carer, cast.professional):
        assert f"for {member.display_name}<" in page
    for member in (cast.commissioner, cast.facilitator):
        assert f"for {member.display_name}<" not in page


def test_a_commissioner_promotes_a_member_to_facilitator(client, cast):
    client.force_login(cast.commissioner)
    assert _change(client, cast, cast.person, Role.FACILITATOR).status_code == 302
    assert _role(cast, cast.person) == Role.FACILITATOR


def test_a_role_change_tells_the_member_and_the_commissioners_once(client, cast):
    second = add_member(cast.project, Role.COMMISSIONER).user
    client.force_login(cast.facilitator)
    assert _change(client, cast, cast.person, Role.CARER).status_code == 302
    notices = Delivery.objects.filter(kind=Kind.ROLE_CHANGED)
    assert {d.recipient for d in notices} == {cast.person, cast.commissioner, second}
    reminders_tick()
    reminders_tick()
    own = [m for m in mail.outbox if m.to == [cast.person.email]]
    assert len(own) == 1
    assert own[0].subject == "Your role in Short breaks has changed"
    assert (
        f"{cast.facilitator.display_name} changed your role in Short breaks from "
        "Person who draws on care and support to Carer." in own[0].body
    )
    told = [m for m in mail.outbox if m.to == [cast.commissioner.email]]
    assert len(told) == 1
    assert f"changed {cast.person.display_name}'s role in Short breaks" in told[0].body
    assert len(mail.outbox) == 3
    assert set(notices.values_list("status", flat=True)) == {Status.SENT}


def test_role_change_notices_cannot_be_stopped(client, cast):
    StoppedKind.objects.create(user=cast.person, kind=Kind.ROLE_CHANGED)
    client.force_login(cast.commissioner)
    _change(client, cast, cast.person, Role.CARER)
    reminders_tick()
    message = next(m for m in mail.outbox if m.to == [cast.person.email])
    assert "List-Unsubscribe" not in message.extra_headers
    assert "Stop this kind" not in message.alternatives[0][0]
    token = channels.stop_token(cast.person.pk, Kind.ROLE_CHANGED)
    client.logout()
    assert client.post(reverse("reminder-stop", args=[token])).status_code == 400


def test_no_notice_when_the_role_is_unchanged(client, cast):
    client.force_login(cast.commissioner)
    _change(client, cast, cast.person, Role.PERSON)
    assert not Delivery.objects.filter(kind=Kind.ROLE_CHANGED).exists()
