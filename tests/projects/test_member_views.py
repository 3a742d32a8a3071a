from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from projects import services
from projects.models import Invitation, Membership, Role
from tests.base import add_member, make_user


def _invite(client, cast, email="newbie@example.org", role=Role.CARER):
    return client.post(
        reverse("invitation-create", args=[cast.project.pk]), {"email": email, "role": role}
    )


def test_a_facilitator_invites_someone_and_an_email_is_sent_after_commit(
    client, cast, django_capture_on_commit_callbacks
):
    client.force_login(cast.facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client, cast)
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="newbie@example.org")
    assert invitation.role == Role.CARER and invitation.is_pending
    [message] = mail.outbox
    assert message.to == ["newbie@example.org"]
    assert invitation.token in message.body
    assert "Short breaks" in message.subject


def test_inviting_someone_who_is_already_a_member_is_refused(client, cast):
    client.force_login(cast.facilitator)
    response = _invite(client, cast, email=cast.person.email.upper())
    assert response.status_code == 200
    assert "already a member" in response.text
    assert not Invitation.objects.exists()


def test_an_invalid_invitation_form_changes_nothing(client, cast):
    client.force_login(cast.facilitator)
    response = _invite(client, cast, email="not an email", role="king")
    assert response.status_code == 200
    assert 'href="#id_role_1"' in response.text  # the summary links to the first radio
    assert not Invitation.objects.exists()


def test_inviting_again_replaces_the_open_invitation(client, cast):
    client.force_login(cast.facilitator)
    _invite(client, cast)
    first = Invitation.objects.get()
    _invite(client, cast)
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert Invitation.objects.filter(revoked_at__isnull=True).count() == 1


def test_the_member_list_shows_pending_invitations_to_managers_only(client, cast):
    client.force_login(cast.facilitator)
    _invite(client, cast)
    assert "newbie@example.org" in client.get(reverse("member-list", args=[cast.project.pk])).text
    client.force_login(cast.person)
    assert (
        "newbie@example.org" not in client.get(reverse("member-list", args=[cast.project.pk])).text
    )


def test_a_revoked_invitation_link_no_longer_works(client, cast):
    client.force_login(cast.facilitator)
    _invite(client, cast)
    invitation = Invitation.objects.get()
    client.post(reverse("invitation-revoke", args=[cast.project.pk, invitation.pk]))
    newbie = make_user("newbie", "newbie@example.org")
    client.force_login(newbie)
    response = client.post(reverse("invitation-respond", args=[invitation.token]))
    assert response.status_code == 400
    assert "cancelled" in response.text
    assert not Membership.objects.filter(user=newbie).exists()


def test_an_invitation_from_another_project_cannot_be_revoked_through_this_one(client, cast):
    other = services.project_create(
        project=type(cast.project)(title="Other", summary="-", starts_on="2026-01-01"),
        created_by=cast.outsider,
    )
    invitation = services.invitation_create(
        project=other, email="x@example.org", role=Role.PERSON, invited_by=cast.outsider
    )
    client.force_login(cast.facilitator)
    response = client.post(reverse("invitation-revoke", args=[cast.project.pk, invitation.pk]))
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


@pytest.mark.parametrize(
    "problem, expected",
    [
        ("expired", "expired"),
        ("used", "already been used"),
        ("someone_else", "different email address"),
    ],
)
def test_a_bad_invitation_link_is_refused_with_a_clear_message(client, cast, problem, expected):
    invitation = services.invitation_create(
        project=cast.project,
        email="newbie@example.org",
        role=Role.PERSON,
        invited_by=cast.facilitator,
    )
    newbie = make_user("newbie", "newbie@example.org")
    if problem == "expired":
        Invitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - timedelta(minutes=1)
        )
    elif problem == "used":
        services.invitation_accept(invitation=invitation, user=newbie)
        Membership.objects.filter(user=newbie).delete()
    client.force_login(cast.outsider if problem == "someone_else" else newbie)
    response = client.post(reverse("invitation-respond", args=[invitation.token]))
    assert response.status_code == 400
    assert expected in response.text
    assert not Membership.objects.filter(user__in=[newbie, cast.outsider]).exists()


def test_accepting_an_invitation_makes_a_membership_in_that_role(client, cast):
    invitation = services.invitation_create(
        project=cast.project,
        email="newbie@example.org",
        role=Role.CARER,
        invited_by=cast.facilitator,
    )
    newbie = make_user("newbie", "NewBie@example.org")
    client.force_login(newbie)
    response = client.post(reverse("invitation-respond", args=[invitation.token]))
    assert response.status_code == 302
    assert Membership.objects.get(user=newbie).role == Role.CARER


def test_signed_out_visitors_are_asked_to_sign_up_or_in(client, cast):
    invitation = services.invitation_create(
        project=cast.project,
        email="newbie@example.org",
        role=Role.CARER,
        invited_by=cast.facilitator,
    )
    response = client.get(reverse("invitation-respond", args=[invitation.token]))
    assert "create an account or sign in with newbie@example.org" in response.text


def test_a_manager_changes_a_members_role(client, cast):
    client.force_login(cast.commissioner)
    membership = cast.membership(cast.person)
    response = client.post(
        reverse("member-role-change", args=[cast.project.pk, membership.pk]), {"role": Role.CARER}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.CARER


def test_the_last_commissioner_cannot_step_down_or_leave(client, cast):
    client.force_login(cast.commissioner)
    membership = cast.membership(cast.commissioner)
    # Nobody changes their own role, a commissioner included.
    response = client.post(
        reverse("member-role-change", args=[cast.project.pk, membership.pk]), {"role": Role.CARER}
    )
    assert response.status_code == 403
    response = client.post(reverse("member-remove", args=[cast.project.pk, membership.pk]))
    assert response.status_code == 400
    assert "at least one commissioner" in response.text
    membership.refresh_from_db()
    assert membership.role == Role.COMMISSIONER and membership.is_active


def test_with_a_second_commissioner_the_first_may_leave(client, cast):
    add_member(cast.project, Role.COMMISSIONER)
    client.force_login(cast.commissioner)
    membership = cast.membership(cast.commissioner)
    response = client.post(reverse("member-remove", args=[cast.project.pk, membership.pk]))
    assert response.status_code == 302
    membership.refresh_from_db()
    assert not membership.is_active
    # Having left, they are an outsider.
    assert client.get(reverse("project-detail", args=[cast.project.pk])).status_code == 404


def test_a_member_leaves_and_can_be_invited_back(client, cast):
    client.force_login(cast.person)
    membership = cast.membership(cast.person)
    client.post(reverse("member-remove", args=[cast.project.pk, membership.pk]))
    invitation = services.invitation_create(
        project=cast.project, email=cast.person.email, role=Role.CARER, invited_by=cast.facilitator
    )
    services.invitation_accept(invitation=invitation, user=cast.person)
    membership.refresh_from_db()
    assert membership.is_active and membership.role == Role.CARER


def test_a_member_of_another_project_cannot_be_removed_through_this_one(client, cast):
    other = services.project_create(
        project=type(cast.project)(title="Other", summary="-", starts_on="2026-01-01"),
        created_by=cast.outsider,
    )
    theirs = Membership.objects.get(project=other)
    client.force_login(cast.commissioner)
    response = client.post(reverse("member-remove", args=[cast.project.pk, theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_active


@pytest.mark.parametrize("rows", [3, 30, 120])
def test_the_member_list_makes_the_same_number_of_queries_for_3_30_and_120_members(
    client, cast, django_assert_num_queries, rows
):
    for _ in range(rows):
        add_member(cast.project, Role.PERSON)
    for n in range(rows):
        services.invitation_create(
            project=cast.project,
            email=f"i{n}@example.org",
            role=Role.CARER,
            invited_by=cast.facilitator,
        )
    client.force_login(cast.facilitator)
    # user, membership (with project), members by role, members counted, a page of
    # members, invitations (with inviter)
    with django_assert_num_queries(7):
        response = client.get(reverse("member-list", args=[cast.project.pk]))
    # A facilitator changes the member roles only: everyone on the page but the commissioner
    # and the facilitator themself (the cast has five members); a page holds 25.
    assert response.text.count("Change role") == min(rows + 5, 25) - 2
    assert response.text.count("Cancel invitation") == rows


def test_the_member_list_says_who_is_in_the_group_by_role_and_who_is_missing(client, cast):
    add_member(cast.project, Role.CARER)
    cast.membership(cast.professional).delete()
    client.force_login(cast.person)
    page = client.get(reverse("member-list", args=[cast.project.pk])).text
    assert "Carer: 2" in page
    assert "Person who draws on care and support: 1" in page
    assert "Professional: nobody yet" in page


def test_the_member_list_shows_25_a_page_with_links_to_the_others(client, cast):
    for _ in range(60):
        add_member(cast.project, Role.PERSON)
    client.force_login(cast.commissioner)
    url = reverse("member-list", args=[cast.project.pk])
    first = client.get(url).text
    assert "65 members (page 1 of 3)" in first
    assert first.count("Change role") == 24  # 25 rows, the commissioner's own among them
    assert 'href="?page=2" rel="next"' in first
    assert 'aria-current="page">1<' in first
    assert client.get(url, {"page": 2}).text.count("Change role") == 25
    last = client.get(url, {"page": 3}).text
    assert last.count("Change role") == 15
    assert 'href="?page=2" rel="prev"' in last
    assert 'rel="next"' not in last
    # An edited or out-of-date link still shows a page rather than an error.
    assert client.get(url, {"page": 99}).text.count("Change role") == 15
    assert client.get(url, {"page": "x"}).text.count("Change role") == 24


def test_the_project_overview_names_a_few_members_and_counts_them_all(client, cast):
    for _ in range(30):
        add_member(cast.project, Role.CARER)
    client.force_login(cast.person)
    page = client.get(reverse("project-detail", args=[cast.project.pk])).text
    assert "All members (35)" in page
    assert page.count("app-inline-hint") == 12


def test_a_line_break_in_the_project_title_does_not_stop_the_invitation(
    client, cast, django_capture_on_commit_callbacks
):
    cast.project.title = "Short\nbreaks"
    cast.project.save()
    client.force_login(cast.facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, cast)
    [message] = mail.outbox
    assert message.subject == "You are invited to join Short breaks"


def test_a_member_of_a_big_project_can_leave_from_the_first_page(client, cast):
    newest = [add_member(cast.project, Role.PERSON) for _ in range(60)][-1]
    client.force_login(newest.user)
    page = client.get(reverse("member-list", args=[cast.project.pk])).text
    assert reverse("member-remove", args=[cast.project.pk, newest.pk]) in page
    assert "Leave project" in page
