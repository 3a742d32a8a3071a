"""A person asks for a record of contribution, the facilitator confirms it and the person
prints it and downloads the PDF, by keyboard, with axe on every page."""

import pytest

from projects.models import Attendance
from tests.base import PASSWORD, make_cast, make_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_gets_a_confirmed_record_of_contribution(visitor):
    cast = make_cast()
    meeting = make_meeting(cast.project, days_from_now=-7, title="Ideas day")
    Attendance.objects.create(meeting=meeting, user=cast.person, attended=True)

    visitor.sign_in(cast.person.email, PASSWORD)
    visitor.go("/")
    visitor.follow_link("My contribution")
    assert visitor.page.get_by_text("2 hours given").is_visible()
    visitor.press_button("Ask for a record")
    assert visitor.page.get_by_text("A facilitator will confirm it").first.is_visible()
    visitor.sign_out()

    visitor.sign_in(cast.facilitator.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/members/")
    visitor.follow_link("Records of contribution members asked for")
    visitor.press_button("Confirm the record")
    assert visitor.page.get_by_text("Record confirmed for Pat").is_visible()
    visitor.sign_out()

    visitor.sign_in(cast.person.email, PASSWORD)
    visitor.go("/contribution/")
    visitor.follow_link("See and print your record")
    assert visitor.page.get_by_text("Ideas day").is_visible()
    with visitor.page.expect_download() as download:
        visitor.page.get_by_role("link", name="Download it as a PDF").click()
    assert download.value.suggested_filename.startswith("record-of-contribution-")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
