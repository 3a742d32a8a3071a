"""Format follows the person (issue 19, part 2): someone who chose easy read sees the easy read
version of every text that has one, someone who chose large print gets larger text, both can
switch to the standard version for the session, and facilitators see where members need an
easy read version that is missing, as a count."""

import pytest
from django.urls import reverse

from accessibility.models import AccessProfile
from accessibility.reading import SHOW_STANDARD, members_needing_easy_read
from charters.services import charter_for
from reviews.statements import default_statements
from tests.accessibility.helpers import give_needs, share
from tests.base import make_meeting
from tests.reviews.factories import make_cycle

pytestmark = pytest.mark.django_db

STANDARD = "We will redesign short breaks with the people who use them."
EASY = "We make short breaks better. We do it together."


def _chooses(user, format):
    AccessProfile.objects.update_or_create(user=user, defaults={"format": format})


def _project_page(client, cast):
    return client.get(reverse("project-detail", args=[cast.project.pk])).content.decode()


def _with_summaries(cast):
    cast.project.summary, cast.project.easy_read_summary = STANDARD, EASY
    cast.project.save()


def test_someone_who_chose_easy_read_sees_the_easy_read_summary_first(client, cast):
    _with_summaries(cast)
    _chooses(cast.person, "easy_read")
    client.force_login(cast.person)
    page = _project_page(client, cast)
    assert page.index(EASY) < page.index(STANDARD)
    assert "Standard summary" in page and "Easy read summary" not in page
    assert "You are seeing easy read, as you chose." in page


def test_someone_who_chose_the_standard_format_sees_the_standard_summary_first(client, cast):
    _with_summaries(cast)
    client.force_login(cast.person)
    page = _project_page(client, cast)
    assert page.index(STANDARD) < page.index(EASY)
    assert "Easy read summary" in page
    assert "Show the standard version" not in page  # no switch for them


def test_the_switch_shows_the_standard_version_for_the_session_and_back(client, cast):
    _with_summaries(cast)
    _chooses(cast.person, "easy_read")
    client.force_login(cast.person)
    here = reverse("project-detail", args=[cast.project.pk])
    response = client.post(reverse("access-format-switch"), {"show": "standard", "next": here})
    assert response.status_code == 302 and response.url == here
    assert client.session[SHOW_STANDARD] is True
    page = _project_page(client, cast)
    assert page.index(STANDARD) < page.index(EASY)
    assert "You are seeing the standard version. You chose easy read." in page
    # The profile is unchanged: only this session shows the standard version.
    assert AccessProfile.objects.get(user=cast.person).format == "easy_read"
    client.post(reverse("access-format-switch"), {"show": "chosen", "next": here})
    page = _project_page(client, cast)
    assert page.index(EASY) < page.index(STANDARD)


def test_the_switch_goes_back_only_to_this_site(client, cast):
    client.force_login(cast.person)
    response = client.post(
        reverse("access-format-switch"), {"show": "standard", "next": "https://evil.example/"}
    )
    assert response.url == reverse("home")


def test_the_switch_takes_only_a_post_from_someone_signed_in(client, cast):
    assert client.post(reverse("access-format-switch"), {"show": "standard"}).status_code == 302
    assert SHOW_STANDARD not in client.session
    client.force_login(cast.person)
    assert client.get(reverse("access-format-switch")).status_code == 405


def test_large_print_makes_every_page_larger_until_switched_off(client, cast):
    _chooses(cast.carer, "large_print")
    client.force_login(cast.carer)
    assert 'class="govuk-template app-large-print"' in _project_page(client, cast)
    assert 'class="govuk-template app-large-print"' in client.get(reverse("home")).content.decode()
    client.post(reverse("access-format-switch"), {"show": "standard", "next": "/"})
    assert "app-large-print" not in _project_page(client, cast)


def test_changing_the_contact_preferences_changes_the_pages_at_once(client, cast):
    _with_summaries(cast)
    client.force_login(cast.person)
    response = client.post(reverse("access-contact"), {"by_email": "on", "format": "easy_read"})
    assert response.status_code == 302
    page = _project_page(client, cast)
    assert page.index(EASY) < page.index(STANDARD)


def test_an_agenda_a_charter_section_and_review_statements_follow_the_person(client, cast):
    meeting = make_meeting(
        cast.project, agenda="Item 1: the survey results.", easy_read_agenda="We talk."
    )
    charter = charter_for(cast.project)
    charter.draft["equality"] = {"text": "Everyone is equal here.", "easy_read": "All equal."}
    charter.save()
    cycle = make_cycle(cast.project, "scheduled")
    statement = default_statements()[0]
    _chooses(cast.person, "easy_read")
    client.force_login(cast.person)
    page = client.get(reverse("meeting-detail", args=[cast.project.pk, meeting.pk])).content
    page = page.decode()
    assert page.index("We talk.") < page.index("Item 1") and "Standard agenda" in page
    page = client.get(reverse("charter-draft", args=[cast.project.pk])).content.decode()
    assert page.index("All equal.") < page.index("Everyone is equal here.")
    page = client.get(reverse("cycle-detail", args=[cast.project.pk, cycle.pk])).content.decode()
    assert f"Standard version: {statement['text']}" in page
    assert page.index(statement["easy_read"]) < page.index(statement["text"])


def _needs_easy_read(cast, *users, level="summary"):
    for user in users:
        share(user, cast.project, level)


def test_facilitators_see_how_many_members_need_an_easy_read_agenda_without_names(client, cast):
    meeting = make_meeting(cast.project, agenda="Item 1: the survey results.")
    _chooses(cast.person, "easy_read")  # by their format
    give_needs(cast.carer, ("easy-read", "essential", ""))  # by a need
    _needs_easy_read(cast, cast.person, cast.carer)
    client.force_login(cast.facilitator)
    url = reverse("meeting-detail", args=[cast.project.pk, meeting.pk])
    page = client.get(url).content.decode()
    assert "2 members need easy read. There is no easy read version of this meeting" in page
    assert "It does not say who they are." in page
    # Members do not see it, and an agenda with an easy read version has nothing to say.
    client.force_login(cast.person)
    assert "need easy read" not in client.get(url).content.decode()
    meeting.easy_read_agenda = "We talk."
    meeting.save()
    client.force_login(cast.facilitator)
    assert "need easy read" not in client.get(url).content.decode()


def test_facilitators_see_a_missing_easy_read_summary_and_charter_sections(client, cast):
    _chooses(cast.person, "easy_read")
    _needs_easy_read(cast, cast.person)
    client.force_login(cast.facilitator)
    page = _project_page(client, cast)
    assert "1 member needs easy read. There is no easy read version of this project" in page
    charter = charter_for(cast.project)
    charter.draft["equality"]["easy_read"] = ""
    charter.save()
    page = client.get(reverse("charter-draft", args=[cast.project.pk])).content.decode()
    assert "1 member needs easy read. There is no easy read version of these sections:" in page


def test_only_members_who_share_their_needs_with_the_project_are_counted(cast):
    _chooses(cast.person, "easy_read")
    give_needs(cast.carer, ("easy-read", "negotiable", ""))
    _chooses(cast.professional, "easy_read")
    _needs_easy_read(cast, cast.person, level="everything")
    _needs_easy_read(cast, cast.carer)
    share(cast.professional, cast.project, "nothing")
    _chooses(cast.outsider, "easy_read")
    share(cast.outsider, cast.project, "summary")  # not a member
    assert members_needing_easy_read(cast.project) == 2
