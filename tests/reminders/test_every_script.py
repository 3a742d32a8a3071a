"""Emails, text messages and calendar files keep a name or title in Urdu, Arabic or Hebrew
apart from the English around it: `<bdi>` in HTML, Unicode isolates in plain text."""

from datetime import datetime

import pytest
import time_machine
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from icalendar import Calendar

from projects import services as project_services
from projects.models import Role
from reminders import channels
from reminders.calendar import calendar_for
from reminders.kinds import KINDS
from reminders.models import Delivery, Kind
from reminders.preferences import Preferences
from reminders.services import reminders_plan, reminders_tick
from tests.base import LONDON, make_meeting

pytestmark = pytest.mark.django_db

URDU_NAME = "عائشہ خان"  # Aisha Khan
URDU_TITLE = "منصوبہ بندی"  # "planning"
HEBREW_PLACE = "בית הקהילה"  # "the community house"
FSI, PDI = "\u2068", "\u2069"
NOW = datetime(2027, 5, 3, 10, 0, tzinfo=LONDON)


def _isolated(text: str) -> str:
    return f"{FSI}{text}{PDI}"


@time_machine.travel(NOW, tick=False)
def test_a_meeting_reminder_isolates_the_name_and_title_in_every_channel(cast):
    cast.person.preferred_name = URDU_NAME
    cast.person.save()
    meeting = make_meeting(cast.project, days_from_now=1, title=URDU_TITLE)
    reminders_plan(now=NOW)
    row = Delivery.objects.filter(recipient=cast.person, kind=Kind.MEETING_SOON).first()
    extra = KINDS[Kind.MEETING_SOON].context([row])[row.pk]

    email = channels.build_email(row, extra, Preferences())
    assert email.subject.startswith(f"Reminder: {_isolated(URDU_TITLE)} on ")
    assert f"Hello {_isolated(URDU_NAME)}," in email.body
    assert f"This is a reminder about {_isolated(URDU_TITLE)} (Short breaks)." in email.body
    [(html, _mimetype)] = email.alternatives
    assert f"Hello <bdi>{URDU_NAME}</bdi>," in html
    assert f"reminder about <bdi>{URDU_TITLE}</bdi> (Short breaks)" in html

    text = channels.sms_text(row, extra, Preferences(channel="sms"))
    assert text.startswith(f"Reminder: {_isolated(URDU_TITLE)}, ")
    assert f"/meetings/{meeting.pk}/" in text


@time_machine.travel(NOW, tick=False)
def test_text_written_left_to_right_is_sent_exactly_as_before(cast):
    make_meeting(cast.project, days_from_now=1, title="Ideas day")
    reminders_plan(now=NOW)
    row = Delivery.objects.filter(recipient=cast.person, kind=Kind.MEETING_SOON).first()
    extra = KINDS[Kind.MEETING_SOON].context([row])[row.pk]
    email = channels.build_email(row, extra, Preferences())
    text = channels.sms_text(row, extra, Preferences(channel="sms"))
    for plain in (email.subject, email.body, text):
        assert FSI not in plain and PDI not in plain
    [(html, _mimetype)] = email.alternatives
    assert "<bdi>" not in html
    assert "Hello Pat," in email.body and "reminder about Ideas day (Short breaks)." in email.body


def test_a_role_change_notice_isolates_both_names(cast):
    cast.carer.preferred_name = URDU_NAME
    cast.carer.save()
    project_services.membership_change_role(
        membership=cast.membership(cast.carer), role=Role.PERSON, changed_by=cast.facilitator
    )
    reminders_tick()
    to_commissioner = [m for m in mail.outbox if m.to == [cast.commissioner.email]]
    assert to_commissioner, [m.subject for m in mail.outbox]
    message = to_commissioner[-1]
    assert f"changed {_isolated(URDU_NAME)}'s role in Short breaks" in message.body
    [(html, _mimetype)] = message.alternatives
    assert f"<bdi>{URDU_NAME}</bdi>'s role in Short breaks" in html


def test_an_invitation_email_isolates_the_inviter_and_the_project(cast):
    cast.project.title = URDU_TITLE
    cast.facilitator.preferred_name = URDU_NAME

    class Invitation:
        project = cast.project
        invited_by = cast.facilitator
        expires_at = NOW

        def get_role_display(self):
            return "Carer"

    context = {"invitation": Invitation(), "url": "https://example.org/join"}
    text = render_to_string("emails/invitation.txt", context)
    assert f"{_isolated(URDU_NAME)} has invited you to join {_isolated(URDU_TITLE)} on" in text
    subject = render_to_string("emails/invitation_subject.txt", context)
    assert _isolated(URDU_TITLE) in subject
    html = render_to_string("emails/invitation.html", context)
    assert f"<bdi>{URDU_NAME}</bdi> has invited you to join <bdi>{URDU_TITLE}</bdi>" in html


def test_calendar_files_isolate_titles_and_places_and_stay_valid(client, cast):
    meeting = make_meeting(
        cast.project, title=URDU_TITLE, venue_address=HEBREW_PLACE, joining_details="Room 2"
    )
    english = make_meeting(cast.project, title="Ideas day", days_from_now=9)
    content = calendar_for([meeting, english], "Coproduce meetings")
    urdu_event, english_event = Calendar.from_ical(content).walk("VEVENT")
    assert str(urdu_event["summary"]) == f"{_isolated(URDU_TITLE)} (Short breaks)"
    assert str(urdu_event["location"]) == _isolated(HEBREW_PLACE)
    assert str(urdu_event["description"]).startswith("Room 2\n\n")
    assert str(english_event["summary"]) == "Ideas day (Short breaks)"
    # Folded at 75 octets without splitting a character, lines ending CRLF.
    assert all(len(line) <= 75 for line in content.split(b"\r\n"))
    content.decode("utf-8")
    client.force_login(cast.person)
    response = client.get(reverse("meeting-calendar", args=[cast.project.pk, meeting.pk]))
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["summary"]) == f"{_isolated(URDU_TITLE)} (Short breaks)"
