"""The foundation journey, by keyboard alone, with axe on every page (issue: foundation, item 3)."""

import pytest

from accounts.models import User
from projects.models import Attendance, Invitation, Meeting, Membership, Role, Rsvp
from tests.base import PASSWORD, make_user, may_start_projects
from tests.browser.helpers import link_in_last_email

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_create_project_invite_schedule_and_answer(visitor):
    page = visitor.page
    facilitator = make_user("fran", "fran@example.org")

    # A new commissioner signs up and verifies their address from the email.
    visitor.go("/")
    visitor.follow_link("Create an account")
    visitor.type_into("Email", "nina@example.org")
    visitor.type_into("What should we call you?", "Nina")
    visitor.type_into("Password", PASSWORD, exact=True)
    visitor.type_into("Confirm your password", PASSWORD)
    visitor.press_button("Create an account")
    assert "Confirm your email address" in page.content()
    visitor.go(link_in_last_email("nina@example.org"))
    visitor.press_button("Confirm")
    assert page.get_by_role("heading", name="Hello, Nina").is_visible()

    # Site staff let her start projects (a permission given in the admin); she creates one.
    may_start_projects(User.objects.get(email="nina@example.org"))
    visitor.go("/")
    visitor.follow_link("Start a project")
    visitor.press_button("Create project")  # empty: the error summary, checked by axe too
    assert page.get_by_text("There is a problem").is_visible()
    visitor.type_into("Project title", "Better short breaks")
    visitor.type_into("Summary in plain English", "Carers and staff redesign short breaks.")
    visitor.type_into("Day", "1", group="Start date")
    visitor.type_into("Month", "4", group="Start date")
    visitor.type_into("Year", "2027", group="Start date")
    visitor.choose("Co-design: planning and designing a service together")
    visitor.press_button("Create project")
    assert page.get_by_role("heading", name="Better short breaks", exact=True).is_visible()

    # She invites a person who draws on care, and a facilitator.
    visitor.follow_link("Members")
    for email, role in [
        ("pat@example.org", "Person who draws on care and support"),
        ("fran@example.org", "Facilitator"),
    ]:
        visitor.follow_link("Invite someone")
        visitor.type_into("Email address", email)
        visitor.choose(role, exact=True)
        visitor.press_button("Send invitation")
        assert page.get_by_text(f"Invitation sent to {email}").is_visible()
    pat_link = link_in_last_email("pat@example.org")
    fran_link = link_in_last_email("fran@example.org")
    visitor.sign_out()

    # The person follows the emailed link, signs up with that address and joins.
    visitor.go(pat_link)
    visitor.follow_link("Create an account")
    visitor.type_into("Email", "pat@example.org")
    visitor.type_into("What should we call you?", "Pat")
    visitor.type_into("Password", PASSWORD, exact=True)
    visitor.type_into("Confirm your password", PASSWORD)
    visitor.press_button("Create an account")
    visitor.press_button("Join the project")
    assert page.get_by_text("Welcome to Better short breaks").is_visible()
    visitor.sign_out()

    # The facilitator, who already has an account, joins and schedules a meeting.
    visitor.go(fran_link)
    visitor.follow_link("Sign in")
    visitor.type_into("Email", facilitator.email)
    visitor.type_into("Password", PASSWORD)
    visitor.press_button("Sign in", exact=True)
    visitor.press_button("Join the project")
    visitor.follow_link("Meetings")
    visitor.follow_link("Schedule a meeting")
    visitor.type_into("Meeting title", "First meeting")
    visitor.type_into("Day", "15", group="Date")
    visitor.type_into("Month", "4", group="Date")
    visitor.type_into("Year", "2027", group="Date")
    visitor.type_into("Start time", "14:00")
    visitor.type_into("End time", "13:00")
    visitor.choose("Online", exact=True)
    visitor.press_button("Schedule meeting")  # the end is before the start
    assert page.get_by_text("The end time must be after the start time").first.is_visible()
    visitor.type_into("End time", "4pm")
    visitor.press_button("Schedule meeting")
    assert page.get_by_text("Meeting scheduled").is_visible()
    assert page.get_by_text("Thursday 15 April 2027, 14:00 to 16:00").is_visible()
    visitor.sign_out()

    # The person says they are coming.
    visitor.sign_in("pat@example.org", PASSWORD)
    visitor.follow_link("First meeting")
    visitor.follow_link("Answer")
    visitor.choose("Yes, I am coming")
    visitor.choose("Online", exact=True)
    visitor.press_button("Save answer")
    assert page.get_by_text("Your answer is saved").is_visible()

    # The error pages are part of the journey too.
    visitor.go("/projects/999999/")
    assert page.get_by_role("heading", name="Page not found").is_visible()

    meeting = Meeting.objects.get(title="First meeting")
    assert Membership.objects.get(user__email="pat@example.org").role == Role.PERSON
    assert Membership.objects.get(user=facilitator).role == Role.FACILITATOR
    assert Attendance.objects.get(meeting=meeting, user__email="pat@example.org").rsvp == Rsvp.YES
    assert Invitation.objects.filter(accepted_at__isnull=False).count() == 2
    assert len(visitor.pages_checked) > 20
