"""Lived-experience leadership: a facilitator makes a person who draws on care, or a carer, a
co-chair, who then leads meetings, the charter and reviews without any power over roles or
money; and review groups follow lived experience recorded on the membership, not the role."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import Action, Entry
from expenses.models import Status
from expenses.services import claim_approve
from projects import services
from projects.access import Can, membership_capabilities
from projects.models import Invitation, Membership, Role
from reminders.models import Delivery, Kind
from reviews.models import EligibleMember, ReviewCycle, RoleGroup
from reviews.services import cycle_open
from tests.base import make_meeting, make_user
from tests.expenses.helpers import submitted_claim


def _standing(client, cast, user, **data):
    membership = cast.membership(user)
    url = reverse("member-standing", args=[cast.project.pk, membership.pk])
    return client.post(url, data)


def test_a_facilitator_makes_a_person_co_chair_and_they_and_the_commissioner_are_told(client, cast):
    client.force_login(cast.facilitator)
    response = _standing(client, cast, cast.person, lived_experience="yes", co_chair="yes")
    assert response.status_code == 302
    pat = cast.membership(cast.person)
    assert pat.co_chair and pat.role == Role.PERSON
    assert Entry.objects.filter(
        action=Action.ROLE_CHANGED, subject=cast.person, detail="made co-chair"
    ).exists()
    told = set(
        Delivery.objects.filter(kind=Kind.ROLE_CHANGED).values_list("recipient_id", flat=True)
    )
    assert told == {cast.person.pk, cast.commissioner.pk}
    assert client.get(reverse("member-list", args=[cast.project.pk])).text.count("Co-chair") >= 1


def test_a_co_chair_schedules_meetings_edits_the_charter_and_manages_reviews(client, cast):
    services.membership_set_co_chair(
        membership=cast.membership(cast.person), co_chair=True, changed_by=cast.facilitator
    )
    client.force_login(cast.person)
    project = cast.project.pk
    for url in (
        reverse("meeting-create", args=[project]),
        reverse("charter-draft-edit", args=[project]),
        reverse("cycle-create", args=[project]),
    ):
        assert client.get(url).status_code == 200, url


def test_a_co_chair_cannot_change_roles_approve_money_record_attendance_or_see_needs(client, cast):
    pat = cast.membership(cast.person)
    services.membership_set_co_chair(membership=pat, co_chair=True, changed_by=cast.facilitator)
    capabilities = membership_capabilities(Membership.objects.get(pk=pat.pk))
    for power in (
        Can.MANAGE_MEMBERS,
        Can.INVITE_MEMBERS,
        Can.APPROVE_CLAIMS,
        Can.SECOND_APPROVE_CLAIMS,
        Can.RECORD_CASH_PAYMENT,
        Can.RECORD_ATTENDANCE,
        Can.CLAIM_ON_BEHALF,
        Can.SET_PAYMENT_POLICY,
        Can.VIEW_SHARED_ACCESS_NEEDS,
    ):
        assert power not in capabilities, power
    client.force_login(cast.person)
    project = cast.project.pk
    cam = cast.membership(cast.carer)
    assert (
        client.post(
            reverse("member-role-change", args=[project, cam.pk]), {"role": Role.FACILITATOR}
        ).status_code
        == 403
    )
    # Not even their own standing: nobody changes their own part in the project.
    assert (
        client.post(
            reverse("member-standing", args=[project, pat.pk]),
            {"lived_experience": "yes", "co_chair": "yes"},
        ).status_code
        == 403
    )
    meeting = make_meeting(cast.project, days_from_now=-1)
    assert client.get(reverse("attendance-record", args=[project, meeting.pk])).status_code == 403
    # Another member's claim: pat may not decide it (nor, through role_can, approve it).
    claim = submitted_claim(cast, claimant=cast.carer)
    assert client.get(reverse("claim-decide", args=[project, claim.pk])).status_code == 403
    with pytest.raises((PermissionDenied, ValidationError)):
        claim_approve(claim=claim, by=cast.person)
    claim.refresh_from_db()
    assert claim.status == Status.SUBMITTED
    with pytest.raises(PermissionDenied):
        services.membership_change_role(
            membership=pat, role=Role.FACILITATOR, changed_by=cast.person
        )


def test_only_a_person_who_draws_on_care_or_a_carer_can_co_chair(client, cast):
    with pytest.raises(ValidationError):
        services.membership_set_co_chair(
            membership=cast.membership(cast.professional),
            co_chair=True,
            changed_by=cast.facilitator,
        )
    client.force_login(cast.facilitator)
    page = client.get(
        reverse("member-standing", args=[cast.project.pk, cast.membership(cast.professional).pk])
    )
    assert "Should they co-chair" not in page.text


def test_a_new_role_outside_lived_experience_ends_co_chairing(cast):
    pat = cast.membership(cast.person)
    services.membership_set_co_chair(membership=pat, co_chair=True, changed_by=cast.facilitator)
    services.membership_change_role(
        membership=pat, role=Role.PROFESSIONAL, changed_by=cast.facilitator
    )
    assert not Membership.objects.get(pk=pat.pk).co_chair


def _opened_cycle(cast) -> ReviewCycle:
    cycle = ReviewCycle.objects.create(
        project=cast.project,
        title="Spring review",
        opens_on=date(2026, 3, 1),
        closes_on=date(2099, 3, 14),
        created_by=cast.facilitator,
    )
    cycle_open(cycle=cycle)
    return cycle


def test_a_co_chair_who_becomes_a_facilitator_still_answers_with_lived_experience(cast):
    pat = cast.membership(cast.person)
    services.membership_set_co_chair(membership=pat, co_chair=True, changed_by=cast.facilitator)
    services.membership_change_role(
        membership=pat, role=Role.FACILITATOR, changed_by=cast.commissioner
    )
    cycle = _opened_cycle(cast)
    groups = dict(EligibleMember.objects.filter(cycle=cycle).values_list("user_id", "role_group"))
    assert groups[cast.person.pk] == RoleGroup.LIVED
    assert groups[cast.facilitator.pk] == RoleGroup.PROFESSIONAL


def test_a_professional_with_lived_experience_answers_in_that_group(client, cast):
    client.force_login(cast.facilitator)
    _standing(client, cast, cast.professional, lived_experience="yes")
    cycle = _opened_cycle(cast)
    assert (
        EligibleMember.objects.get(cycle=cycle, user=cast.professional).role_group
        == RoleGroup.LIVED
    )


def test_joining_records_lived_experience_from_the_role_invited_to(cast):
    for role, lived in ((Role.CARER, True), (Role.PROFESSIONAL, False)):
        invitation = Invitation.objects.create(
            project=cast.project,
            email=f"{role}@example.org",
            role=role,
            token=f"t-{role}",
            invited_by=cast.facilitator,
            expires_at="2099-01-01T00:00Z",
        )
        user = make_user(f"new{role}", f"{role}@example.org")
        membership = services.invitation_accept(invitation=invitation, user=user)
        assert membership.lived_experience is lived
