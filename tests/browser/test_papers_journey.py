"""A facilitator adds papers to a meeting and, after it, writes what was agreed and the
decisions; members open the papers (in large print too) and read the note. By keyboard, with
axe on every page."""

import re
from datetime import date

import pytest

from papers.models import Paper
from reviews.models import Action, Piece, ReviewCycle
from tests.base import PASSWORD, make_cast, make_meeting
from tests.papers.helpers import pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_papers_before_a_meeting_and_the_note_and_decisions_after_it(visitor, tmp_path):
    cast = make_cast()
    upcoming = make_meeting(cast.project, days_from_now=10, title="Planning meeting")
    past = make_meeting(cast.project, days_from_now=-3, title="Spring meeting")
    cycle = ReviewCycle.objects.create(
        project=cast.project,
        title="Spring review",
        opens_on=date(2026, 3, 1),
        closes_on=date(2026, 3, 14),
        created_by=cast.facilitator,
    )
    Action.objects.create(
        cycle=cycle,
        piece=Piece.PRACTICE,
        description="Book the library for meetings",
        owner=cast.facilitator,
        due_on=date(2026, 6, 1),
        created_by=cast.facilitator,
    )
    upload = tmp_path / "budget.pdf"
    upload.write_bytes(pdf().read())

    visitor.sign_in(cast.facilitator.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/meetings/{upcoming.pk}/")
    visitor.follow_link("Add a paper")
    visitor.press_button("Add paper")
    assert visitor.page.get_by_text("There is a problem").is_visible()
    visitor.type_into("Title", "What we will spend")
    visitor.choose("Easy read", exact=True)
    visitor.type_into("Write the paper here", "We have money.\n\nWe decide how to spend it.")
    visitor.press_button("Add paper")
    assert visitor.page.get_by_text("Paper added").is_visible()
    visitor.follow_link("Add a paper")
    visitor.type_into("Title", "Budget")
    visitor.tab_to(visitor.page.get_by_label("Or upload a file"))
    visitor.page.get_by_label("Or upload a file").set_input_files(str(upload))
    visitor.press_button("Add paper")
    assert Paper.objects.filter(meeting=upcoming).count() == 2

    visitor.go(f"/projects/{cast.project.pk}/meetings/{past.pk}/")
    visitor.follow_link("Write the note of the meeting")
    visitor.type_into("What was agreed", "We agreed to meet in the library.")
    visitor.press_button("Save note")
    visitor.follow_link("Add a decision")
    visitor.type_into("What was decided?", "Meetings move to the library.")
    visitor.page.get_by_label("Which agreed action carries it out?").select_option(
        label="Book the library for meetings"
    )
    visitor.press_button("Add decision")
    assert visitor.page.get_by_text("Decision added").is_visible()
    visitor.sign_out()

    visitor.sign_in(cast.person.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/meetings/{upcoming.pk}/")
    assert visitor.page.get_by_role(
        "link", name=re.compile(r"^Budget \(PDF file, \d+\sbytes\)$")
    ).is_visible()
    assert visitor.page.get_by_role("link", name="Add a paper").count() == 0
    visitor.follow_link("What we will spend (easy read)")
    assert visitor.page.get_by_text("We decide how to spend it.").is_visible()
    visitor.follow_link("Show in large print")
    assert visitor.page.locator(".app-large-print-paper").is_visible()
    visitor.go(f"/projects/{cast.project.pk}/meetings/{past.pk}/")
    assert visitor.page.get_by_text("We agreed to meet in the library.").is_visible()
    visitor.follow_link("Book the library for meetings")
    assert "/reviews/" in visitor.page.url
    # Reflows at 320px: nothing wider than the window.
    visitor.page.set_viewport_size({"width": 320, "height": 640})
    visitor.go(f"/projects/{cast.project.pk}/meetings/{upcoming.pk}/")
    assert visitor.page.evaluate("document.documentElement.scrollWidth") <= 320
