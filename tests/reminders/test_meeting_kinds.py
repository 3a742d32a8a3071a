"""The meeting invitation (with its calendar file) and "the papers are ready"."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from projects.models import Attendance, Meeting, Role, Rsvp
from reminders.models import Delivery, Kind, Status
from reminders.services import reminders_plan, reminders_tick
from tests.base import LONDON, add_member, make_meeting

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 5, 3, 10, 0, tzinfo=LONDON)


def _schedule(client, cast, title="Ideas day"):
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("meeting-create", args=[cast.project.pk]),
        {
            "title": title,
            "date_0": "10",
            "date_1": "5",
            "date_2": "2027",
            "start_time": "10:00",
            "end_time": "12:00",
            "format": "in_person",
            "venue_address": "Town hall",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Meeting.objects.get(title=title)


def _sent(kind):
    return {m.to[0]: m for m in mail.outbox if m.subject.startswith(kind)}


@time_machine.travel(NOW, tick=False)
def test_a_new_meeting_invites_every_member_but_its_scheduler_with_a_calendar_file(client, cast):
    meeting = _schedule(client, cast)
    reminders_tick()
    reminders_tick()
    invited = _sent("Invitation:")
    assert set(invited) == {
        u.email for u in (cast.commissioner, cast.person, cast.carer, cast.professional)
    }
    [(filename, content, mimetype)] = invited[cast.carer.email].attachments
    assert (filename, mimetype) == ("meeting.ics", "text/calendar")
    [event] = Calendar.from_ical(content).walk("VEVENT")
    assert event.decoded("dtstart") == meeting.starts_at
    assert str(event["location"]) == "Town hall"
    assert "Monday 10 May 2027, 10:00" in invited[cast.carer.email].body


def test_someone_who_joins_later_is_invited_to_the_meetings_still_ahead(cast):
    with time_machine.travel(NOW - timedelta(days=5), tick=False):
        ahead = make_meeting(cast.project, title="Ahead", days_from_now=12)
        make_meeting(cast.project, title="Over", days_from_now=2)
        reminders_tick()
    mail.outbox.clear()
    with time_machine.travel(NOW, tick=False):
        newcomer = add_member(cast.project, Role.CARER).user
        reminders_tick()
    # Only the newcomer, only the meeting still ahead; the others were invited 5 days ago.
    assert [(m.to, m.subject) for m in mail.outbox if m.subject.startswith("Invitation")] == [
        ([newcomer.email], "Invitation: Ahead on Monday 10 May")
    ]
    invitation = Delivery.objects.get(recipient=newcomer, kind=Kind.MEETING_INVITATION)
    assert invitation.subject == f"meeting:{ahead.pk}"


@time_machine.travel(NOW, tick=False)
def test_papers_ready_tells_members_once_and_stops_the_papers_due_reminder(client, cast):
    meeting = make_meeting(cast.project, days_from_now=5, papers_sent_on=NOW.date())
    Attendance.objects.create(meeting=meeting, user=cast.carer, rsvp=Rsvp.NO)
    reminders_plan(now=NOW)  # the facilitator's "papers due" reminder is recorded...
    due = Delivery.objects.get(kind=Kind.PAPERS_DUE, recipient=cast.facilitator)
    client.force_login(cast.facilitator)
    url = reverse("meeting-papers-ready", args=[cast.project.pk, meeting.pk])
    client.post(url)
    client.post(url)  # a second click tells nobody twice
    reminders_tick()
    reminders_tick()
    ready = _sent("Papers ready:")
    assert set(ready) == {
        u.email for u in (cast.commissioner, cast.facilitator, cast.person, cast.professional)
    }
    assert cast.carer.email not in ready  # said they are not coming
    due.refresh_from_db()  # ...and dropped, since the papers went out
    assert (due.status, due.outcome) == (Status.DROPPED, "the papers have been sent")
    page = client.get(reverse("meeting-detail", args=[cast.project.pk, meeting.pk]))
    assert "Ready since" in page.content.decode()
    assert "Tell members the papers are ready" not in page.content.decode()


@time_machine.travel(NOW, tick=False)
def test_line_breaks_in_a_meeting_title_and_address_do_not_stop_its_emails(client, cast):
    """A title posted with a line break goes into subjects on one line (a line break in a header
    makes Django refuse the message), and an address typed on two lines (a browser sends CR LF)
    into a calendar file that still parses."""
    meeting = _schedule(client, cast, title="Ideas\r\nday")
    meeting.venue_address = "1 High Street\r\nTown hall"
    meeting.save()
    reminders_tick()
    reminders_tick()
    invited = _sent("Invitation:")
    assert len(invited) == 4
    assert all("\n" not in m.subject and "Ideas day" in m.subject for m in invited.values())
    [(_name, content, _type)] = invited[cast.carer.email].attachments
    [event] = Calendar.from_ical(content).walk("VEVENT")
    assert str(event["location"]) == "1 High Street\nTown hall"
    assert str(event["summary"]).startswith("Ideas day (")
