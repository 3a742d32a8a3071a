"""Lived-experience leadership by keyboard, with axe on every page: a facilitator makes a person
who draws on care a co-chair; she schedules a meeting for lived-experience members only and
opens the charter draft to edit it; a professional sees that meeting is not theirs to answer."""

import pytest

from projects.models import Audience, Meeting
from tests.base import PASSWORD, make_cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_co_chair_leads_a_meeting_of_lived_experience_members(visitor):
    cast = make_cast()
    page = visitor.page
    project = f"/projects/{cast.project.pk}"

    visitor.sign_in(cast.facilitator.email, PASSWORD)
    visitor.go(f"{project}/members/")
    visitor.follow_link("Lived experience and co-chair for Pat")
    # Pat is recorded with lived experience already; in the co-chair group, Tab lands on the
    # chosen "No", and the arrow key moves to "Yes".
    co_chair = page.get_by_role("group", name="Should they co-chair the project?")
    visitor.tab_to(co_chair.get_by_label("No", exact=True))
    page.keyboard.press("ArrowUp")
    assert co_chair.get_by_label("Yes", exact=True).is_checked()
    visitor.press_button("Save", exact=True)
    assert page.get_by_text("Co-chair", exact=True).is_visible()
    visitor.sign_out()

    visitor.sign_in(cast.person.email, PASSWORD)
    visitor.go(f"{project}/meetings/new/")
    visitor.type_into("Meeting title", "Our own meeting")
    visitor.type_into("Day", "10", group="Date")
    visitor.type_into("Month", "5", group="Date")
    visitor.type_into("Year", "2099", group="Date")
    visitor.type_into("Start time", "10:00")
    visitor.type_into("End time", "12:00")
    visitor.choose("Online", exact=True)
    visitor.choose("Only people who draw on care and support, and carers")
    visitor.press_button("Schedule meeting")
    meeting = Meeting.objects.get(title="Our own meeting")
    assert meeting.audience == Audience.LIVED_EXPERIENCE
    assert page.get_by_text("Only people who draw on care and support, and carers").is_visible()
    visitor.go(f"{project}/charter/draft/edit/")
    assert page.get_by_role("heading", level=1).is_visible()
    visitor.go(f"{project}/reviews/new/")
    visitor.sign_out()

    visitor.sign_in(cast.professional.email, PASSWORD)
    visitor.go(f"{project}/meetings/{meeting.pk}/")
    assert page.get_by_role("link", name="Answer", exact=True).count() == 0
    assert page.get_by_text("Who it is for").is_visible()
