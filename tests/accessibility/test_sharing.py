"""Sharing per project with consent, and who sees what was shared."""

import pytest
from django.urls import reverse

from accessibility.models import Importance, ShareLevel, SharingConsent
from audit.models import Action, Entry
from projects.models import Invitation, Role
from tests.accessibility.helpers import give_needs, share
from tests.base import make_project, make_user

pytestmark = pytest.mark.django_db

VIEWS = Entry.objects.filter(action=Action.ACCESS_NEEDS_VIEWED)


def test_a_person_shares_a_summary_and_withdraws_it(client, cast):
    client.force_login(cast.person)
    url = reverse("access-sharing-edit", args=[cast.project.pk])
    assert "What do you want to share with Short breaks?" in client.get(url).text
    assert client.post(url, {"level": ShareLevel.SUMMARY}).status_code == 302
    assert SharingConsent.objects.get(user=cast.person).level == ShareLevel.SUMMARY
    page = client.get(reverse("access-sharing")).text
    assert "A summary" in page
    client.post(url, {"level": ShareLevel.NOTHING})
    assert SharingConsent.objects.get(user=cast.person).level == ShareLevel.NOTHING


@pytest.mark.parametrize("level", ["all", "", "EVERYTHING"])
def test_a_level_that_does_not_exist_is_refused(client, cast, level):
    client.force_login(cast.person)
    response = client.post(reverse("access-sharing-edit", args=[cast.project.pk]), {"level": level})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert not SharingConsent.objects.exists()


def test_sharing_with_a_project_you_are_not_in_is_refused(client, cast):
    other = make_project(make_user())
    client.force_login(cast.person)
    response = client.post(
        reverse("access-sharing-edit", args=[other.pk]), {"level": ShareLevel.EVERYTHING}
    )
    assert response.status_code == 404
    from django.core.exceptions import ValidationError

    from accessibility import services

    with pytest.raises(ValidationError, match="projects you are a member of"):
        services.sharing_set(user=cast.person, project=other, level=ShareLevel.SUMMARY)
    assert not SharingConsent.objects.exists()


def test_accepting_an_invitation_asks_what_to_share(client, cast):
    newcomer = make_user("nia")
    invitation = Invitation.objects.create(
        project=cast.project,
        email=newcomer.email,
        role=Role.CARER,
        token="t",
        invited_by=cast.facilitator,
        expires_at="2099-01-01T00:00Z",
    )
    client.force_login(newcomer)
    response = client.post(reverse("invitation-respond", args=[invitation.token]))
    assert response["Location"] == reverse("access-sharing-edit", args=[cast.project.pk])
    page = client.get(response["Location"]).text
    assert "What do you want to share with Short breaks?" in page
    assert "Nothing" in page


def test_only_facilitators_see_the_project_page_and_each_view_is_logged(client, cast):
    give_needs(cast.person, ("bsl", Importance.ESSENTIAL, "Two interpreters for long days"))
    give_needs(cast.carer, ("breaks", Importance.NEGOTIABLE, "Every hour"))
    share(cast.person, cast.project, ShareLevel.EVERYTHING)
    share(cast.carer, cast.project, ShareLevel.SUMMARY)
    url = reverse("project-access", args=[cast.project.pk])
    for user in (cast.commissioner, cast.carer, cast.professional):
        client.force_login(user)
        assert client.get(url).status_code == 403
    assert not VIEWS.exists()
    client.force_login(cast.facilitator)
    page = client.get(url).text
    assert "Pat" in page and "Two interpreters for long days" in page
    assert "Regular breaks" in page and "Every hour" not in page
    assert "Cam" not in page
    logged = VIEWS.filter(actor=cast.facilitator)
    assert sorted(logged.values_list("subject__email", flat=True)) == [
        cast.carer.email,
        cast.person.email,
    ]
    client.force_login(cast.person)
    page = client.get(reverse("access-views")).text
    assert "Fred" in page and "the project&#x27;s access needs page" in page.lower()


def test_a_member_who_left_is_not_shown(client, cast):
    from projects import services as project_services

    give_needs(cast.carer, ("breaks", Importance.ESSENTIAL, ""))
    share(cast.carer, cast.project, ShareLevel.EVERYTHING)
    project_services.membership_end(membership=cast.membership(cast.carer), ended_by=cast.carer)
    client.force_login(cast.facilitator)
    page = client.get(reverse("project-access", args=[cast.project.pk])).text
    assert "Regular breaks" not in page
    assert not VIEWS.exists()


def test_the_record_of_a_view_stays_when_the_viewers_account_is_closed(client, cast):
    give_needs(cast.person, ("bsl", Importance.ESSENTIAL, ""))
    share(cast.person, cast.project, ShareLevel.SUMMARY)
    client.force_login(cast.facilitator)
    client.get(reverse("project-access", args=[cast.project.pk]))
    cast.facilitator.delete()
    client.force_login(cast.person)
    page = client.get(reverse("access-views")).text
    assert "Someone whose account is now closed" in page
    assert VIEWS.get().actor is None
