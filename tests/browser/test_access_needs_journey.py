"""Access needs, by keyboard alone, with axe on every page (issue 3, Done when 1)."""

import re

import pytest
from django.urls import reverse

from accessibility.models import Arrangement, ArrangementStatus
from projects.models import Attendance, Role, Rsvp
from tests.accessibility.helpers import ensure_catalogue
from tests.base import (
    PASSWORD,
    add_member,
    give_second_factor,
    make_meeting,
    make_project,
    make_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def choose_in(visitor, group: str, label: str) -> None:
    """Select a radio button inside the fieldset `group`, as Visitor.choose does: Tab into
    the radios, then arrow keys to the option (several groups on the page share labels)."""
    visitor.choose_radio(
        visitor.page.get_by_role("group", name=group, exact=True).get_by_label(label)
    )


def test_share_a_summary_with_one_project_and_see_it_arranged(visitor):
    page = visitor.page
    ensure_catalogue()
    pat = make_user("pat")
    fay, bob = make_user("fay"), make_user("bob")
    project_a = make_project(make_user("cora"), title="Project A")
    project_b = make_project(make_user("carl"), title="Project B")
    meetings = {}
    for project, facilitator in ((project_a, fay), (project_b, bob)):
        add_member(project, Role.FACILITATOR, facilitator)
        give_second_factor(facilitator)  # access needs are seen with an authenticator app
        add_member(project, Role.PERSON, pat)
        meetings[project.pk] = make_meeting(project, title=f"{project.title} meeting")
        Attendance.objects.create(meeting=meetings[project.pk], user=pat, rsvp=Rsvp.YES)

    # Pat fills in a profile: one need in one situation, with their own words.
    visitor.sign_in(pat.email, PASSWORD)
    visitor.follow_link("Access needs")
    visitor.follow_link("Change communication")
    visitor.press_button("Save and go back")  # nothing chosen is fine: nothing is required
    visitor.follow_link("Change communication")
    choose_in(visitor, "A British Sign Language interpreter", "Essential")
    visitor.type_into(
        "A British Sign Language interpreter: in your own words (optional)",
        "Two interpreters for a whole day",
    )
    visitor.press_button("Save and go back")
    assert page.get_by_text("A British Sign Language interpreter (essential)").is_visible()
    visitor.follow_link("A page of my access needs to print or save")
    assert page.get_by_text("Two interpreters for a whole day").is_visible()
    visitor.follow_link("Back to your access needs")

    # A summary with project A; nothing (the default) with project B.
    visitor.follow_link("Choose what you share with each project")
    visitor.follow_link("Change what you share with Project A")
    visitor.press_button("Save")  # nothing chosen yet: "Nothing" is preselected, so it saves
    visitor.follow_link("Change what you share with Project A")
    visitor.choose("A summary: which needs I have, and which are essential")
    visitor.press_button("Save")
    assert page.get_by_text("You share a summary of your access needs with Project A").is_visible()
    visitor.sign_out()

    # A's facilitator sees the summary in the meeting's plan and arranges it.
    visitor.sign_in(fay.email, PASSWORD)
    visitor.go(reverse("meeting-detail", args=[project_a.pk, meetings[project_a.pk].pk]))
    assert page.get_by_text("1 essential access need is not arranged yet").is_visible()
    visitor.follow_link("Access plan for this meeting")
    assert page.get_by_role("heading", name="A British Sign Language interpreter").is_visible()
    assert page.get_by_text("Someone who shared a summary").first.is_visible()
    assert "Two interpreters" not in page.content()
    visitor.follow_link(re.compile("^Update A British Sign Language interpreter"))
    visitor.press_button("Save")  # nothing chosen: the error summary, checked by axe too
    assert page.get_by_text("There is a problem").is_visible()
    visitor.choose("Arranged", exact=True)
    visitor.type_into("Note for the person (optional)", "Two interpreters are booked")
    visitor.press_button("Save")
    assert page.get_by_text("A British Sign Language interpreter: saved").is_visible()
    assert "Arranged" in page.get_by_role("table").inner_text()
    visitor.go(reverse("meeting-list", args=[project_a.pk]))
    assert "not arranged yet" not in page.content()
    visitor.sign_out()

    # B's facilitator sees nothing.
    visitor.sign_in(bob.email, PASSWORD)
    visitor.go(reverse("meeting-detail", args=[project_b.pk, meetings[project_b.pk].pk]))
    assert "not arranged yet" not in page.content()
    visitor.follow_link("Access plan for this meeting")
    assert page.get_by_text("Nothing to arrange").is_visible()
    visitor.go(reverse("project-access", args=[project_b.pk]))
    assert page.get_by_text("Nobody has shared their access needs").is_visible()
    visitor.sign_out()

    # Pat sees who looked, and what was arranged for them.
    visitor.sign_in(pat.email, PASSWORD)
    visitor.follow_link("Access needs")
    visitor.follow_link("Who has seen my access needs")
    table = page.get_by_role("table")
    assert table.get_by_text("Fay").first.is_visible()
    assert "Bob" not in table.inner_text()
    visitor.go(reverse("meeting-detail", args=[project_a.pk, meetings[project_a.pk].pk]))
    assert page.get_by_role("heading", name="What was arranged for you").is_visible()
    assert page.get_by_text("Two interpreters are booked").is_visible()

    assert Arrangement.objects.get().status == ArrangementStatus.ARRANGED
    assert len(visitor.pages_checked) > 20
