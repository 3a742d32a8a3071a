"""The audit trail records sign-ins, refused access and membership changes, and shows each
person the entries about their own data and commissioners their project's."""

import pytest
from django.urls import reverse

from audit.models import Action, Entry
from projects import services
from projects.models import Role
from tests.base import PASSWORD, add_member

pytestmark = pytest.mark.django_db


def _entries(**filters):
    return list(Entry.objects.filter(**filters).values_list("action", "actor", "subject"))


def test_sign_ins_and_failed_sign_ins_are_recorded_for_the_account_owner(client, cast):
    login = reverse("account_login")
    client.post(login, {"login": cast.carer.email, "password": "wrong"})
    client.post(login, {"login": "nobody@example.org", "password": "wrong"})
    client.post(login, {"login": cast.carer.email, "password": PASSWORD})
    assert _entries(subject=cast.carer) == [
        (Action.SIGNED_IN, cast.carer.pk, cast.carer.pk),
        (Action.SIGN_IN_FAILED, None, cast.carer.pk),
    ]
    # A failure for an address with no account is recorded without the address.
    stranger = Entry.objects.get(action=Action.SIGN_IN_FAILED, subject=None)
    assert "nobody" not in f"{stranger.target}{stranger.detail}"
    page = client.get(reverse("my-activity")).text
    assert "A sign-in failed" in page and "Signed in" in page


def test_refused_access_is_recorded(client, cast):
    client.force_login(cast.outsider)
    assert client.get(reverse("project-detail", args=[cast.project.pk])).status_code == 404
    client.force_login(cast.person)
    assert client.get(reverse("project-edit", args=[cast.project.pk])).status_code == 403
    outsider = Entry.objects.get(actor=cast.outsider, action=Action.ACCESS_REFUSED)
    assert (outsider.action, outsider.project, outsider.target) == (
        Action.ACCESS_REFUSED,
        None,
        f"project:{cast.project.pk}",
    )
    person = Entry.objects.get(actor=cast.person, action=Action.ACCESS_REFUSED)
    assert (person.action, person.project, person.detail) == (
        Action.ACCESS_REFUSED,
        cast.project,
        "needs edit_project",
    )


def test_membership_changes_are_recorded_and_shown_to_commissioners_only(client, cast):
    client.force_login(cast.facilitator)
    membership = cast.membership(cast.carer)
    client.post(
        reverse("member-role-change", args=[cast.project.pk, membership.pk]),
        {"role": Role.PERSON},
    )
    client.post(reverse("member-remove", args=[cast.project.pk, membership.pk]))
    assert _entries(project=cast.project) == [
        (Action.MEMBER_LEFT, cast.facilitator.pk, cast.carer.pk),
        (Action.ROLE_CHANGED, cast.facilitator.pk, cast.carer.pk),
    ]
    assert Entry.objects.get(action=Action.ROLE_CHANGED).detail == "Carer to " + str(
        Role.PERSON.label
    )
    assert client.get(reverse("project-record", args=[cast.project.pk])).status_code == 403
    client.force_login(cast.commissioner)
    page = client.get(reverse("project-record", args=[cast.project.pk])).text
    assert "Role changed" in page and "Left a project" in page and "Cam" in page


@pytest.mark.parametrize("rows", [3, 30])
def test_the_trail_pages_make_the_same_number_of_queries_for_3_and_30_entries(
    client, cast, django_assert_num_queries, rows
):
    for _ in range(rows):
        member = add_member(cast.project, Role.PERSON)
        services.membership_change_role(
            membership=member, role=Role.CARER, changed_by=cast.commissioner
        )
        Entry.objects.create(
            action=Action.SIGNED_IN, actor=cast.commissioner, subject=cast.commissioner
        )
    client.force_login(cast.commissioner)
    # user, whether they commission (the header), entries (with actor and project)
    with django_assert_num_queries(3):
        client.get(reverse("my-activity"))
    # user, whether they commission, membership (with project), entries (with actor and
    # subject)
    with django_assert_num_queries(4):
        response = client.get(reverse("project-record", args=[cast.project.pk]))
    assert response.text.count("Role changed") == rows
