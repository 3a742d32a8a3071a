"""A facilitator changes a meeting and then cancels it, by keyboard; a member sees that it
changed and answers again; a person who may not start projects is told why. Axe on every page."""

import pytest

from projects.models import Attendance, MeetingFormat, ParticipationMode, Rsvp
from tests.base import PASSWORD, make_cast, make_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_meeting_changes_a_member_answers_again_and_it_is_cancelled(visitor):
    cast = make_cast()
    meeting = make_meeting(
        cast.project, days_from_now=10, format=MeetingFormat.HYBRID, venue_address="Town Hall"
    )
    Attendance.objects.create(
        meeting=meeting, user=cast.carer, rsvp=Rsvp.YES, mode=ParticipationMode.ONLINE
    )
    path = f"/projects/{cast.project.pk}/meetings/{meeting.pk}/"

    visitor.sign_in(cast.facilitator.email, PASSWORD)
    visitor.go(path)
    visitor.follow_link("Change meeting details")
    visitor.choose("In person", exact=True)
    visitor.press_button("Save", exact=True)
    visitor.sign_out()

    visitor.sign_in(cast.carer.email, PASSWORD)
    visitor.go(path)
    assert visitor.page.get_by_text("This meeting has changed since you answered").is_visible()
    visitor.follow_link("Answer again")
    assert visitor.page.get_by_label("Online", exact=True).count() == 0
    visitor.choose("Yes, I am coming")
    visitor.choose("In person", exact=True)
    visitor.press_button("Save answer")
    assert visitor.page.get_by_text("Your answer is saved").is_visible()
    visitor.go("/projects/new/")
    assert visitor.page.get_by_role("heading", name="You cannot start a project").is_visible()
    visitor.sign_out()

    visitor.sign_in(cast.facilitator.email, PASSWORD)
    visitor.go(path)
    visitor.follow_link("Cancel this meeting")
    visitor.press_button("Cancel the meeting")
    assert visitor.page.get_by_text("Say why the meeting is cancelled").first.is_visible()
    visitor.type_into("Why is the meeting cancelled?", "The room flooded.")
    visitor.press_button("Cancel the meeting")
    assert visitor.page.get_by_text("This meeting was cancelled on").is_visible()
    assert len(visitor.pages_checked) >= 8
