"""Format follows the person, in the browser: someone who chose easy read reads a project, an
agenda and the charter in easy read, switches to the standard version and back by keyboard
(no JavaScript needed: it is a form), and a facilitator sees which easy read versions members
need. Every page is checked with axe and at 320px (tests/browser/helpers.py)."""

import pytest

from accessibility.models import AccessProfile
from tests.accessibility.helpers import share
from tests.base import PASSWORD, make_cast, make_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_easy_read_follows_the_person_and_can_be_switched_off(visitor):
    cast = make_cast()
    cast.project.summary = "We will redesign short breaks with the people who use them."
    cast.project.easy_read_summary = "We make short breaks better. We do it together."
    cast.project.save()
    meeting = make_meeting(cast.project, agenda="Item 1: the survey.", easy_read_agenda="We talk.")
    AccessProfile.objects.create(user=cast.person, format="easy_read")
    share(cast.person, cast.project, "summary")

    visitor.sign_in(cast.person.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/")
    main = visitor.page.locator("main")
    assert main.locator(".app-easy-read").first.inner_text().startswith("We make short breaks")
    visitor.page.get_by_text("Standard summary").wait_for()
    visitor.press_button("Show the standard version")
    assert "You are seeing the standard version" in visitor.page.content()
    assert visitor.page.get_by_text("Easy read summary").is_visible()
    visitor.go(f"/projects/{cast.project.pk}/meetings/{meeting.pk}/")
    assert visitor.page.get_by_text("Easy read agenda").is_visible()  # still standard
    visitor.press_button("Show easy read")
    assert visitor.page.get_by_text("Standard agenda").is_visible()
    visitor.go(f"/projects/{cast.project.pk}/charter/draft/")
    visitor.sign_out()

    meeting.easy_read_agenda = ""
    meeting.save()
    visitor.sign_in(cast.facilitator.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/meetings/{meeting.pk}/")
    assert "1 member needs easy read." in visitor.page.locator("main").inner_text()


def test_large_print_pages_pass_axe_and_reflow(visitor):
    cast = make_cast()
    AccessProfile.objects.create(user=cast.carer, format="large_print")
    visitor.sign_in(cast.carer.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/")
    assert "app-large-print" in visitor.page.locator("html").get_attribute("class")
    visitor.go("/access/contact/")
