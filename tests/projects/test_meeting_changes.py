"""A changed meeting does not keep its old promises: a new time, place or format reopens the
access arrangements made for it, asks members to answer again where their answer may no longer
fit, refuses a way of taking part the meeting no longer offers, and tells the members once.
A meeting can be cancelled, with notice, keeping what people can claim for it."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accessibility.models import Arrangement, ArrangementStatus, Need, ShareLevel
from accessibility.plans import plans_for
from accessibility.services import arrangement_set
from expenses import services as expenses
from expenses.models import LineKind
from projects.models import Attendance, Meeting, MeetingFormat, ParticipationMode, Role, Rsvp
from reminders.models import Delivery, Kind, Status
from reminders.services import reminders_tick
from tests.accessibility.helpers import give_needs, share
from tests.base import add_member, make_meeting
from tests.expenses.helpers import set_rate

pytestmark = pytest.mark.django_db


def _edit(client, cast, meeting, **changes):
    local = timezone.localtime(meeting.starts_at)
    data = {
        "title": meeting.title,
        "date_0": local.day,
        "date_1": local.month,
        "date_2": local.year,
        "start_time": local.strftime("%H:%M"),
        "end_time": timezone.localtime(meeting.ends_at).strftime("%H:%M"),
        "format": meeting.format,
        "venue_address": meeting.venue_address,
        "venue_access_information": meeting.venue_access_information,
        "joining_details": meeting.joining_details,
        "planned_breaks": meeting.planned_breaks,
        "agenda": meeting.agenda,
        "easy_read_agenda": meeting.easy_read_agenda,
    } | changes
    client.force_login(cast.facilitator)
    return client.post(reverse("meeting-edit", args=[cast.project.pk, meeting.pk]), data)


@pytest.fixture
def arranged(cast):
    """A hybrid meeting in two weeks: Pat is coming in person and needs a step-free entrance,
    which the facilitator arranged; Cam is coming online; Priya said no."""
    meeting = make_meeting(
        cast.project,
        days_from_now=14,
        format=MeetingFormat.HYBRID,
        venue_address="Town Hall",
        venue_access_information="Step-free entrance.",
    )
    give_needs(cast.person, ("step-free", "essential", ""))
    share(cast.person, cast.project, ShareLevel.SUMMARY)
    for user, rsvp, mode in [
        (cast.person, Rsvp.YES, ParticipationMode.IN_PERSON),
        (cast.carer, Rsvp.YES, ParticipationMode.ONLINE),
        (cast.professional, Rsvp.NO, ""),
    ]:
        Attendance.objects.create(meeting=meeting, user=user, rsvp=rsvp, mode=mode)
    arrangement_set(
        meeting=meeting,
        person_id=cast.person.pk,
        need=Need.objects.get(code="step-free"),
        status=ArrangementStatus.ARRANGED,
        note="Ramp at the side door.",
        decided_by=cast.facilitator,
    )
    assert not plans_for([meeting])[meeting.pk].open_essential_count
    return meeting


def _outdated(meeting):
    return dict(
        Attendance.objects.filter(meeting=meeting).values_list("user_id", "answer_outdated")
    )


def test_a_new_date_and_room_reopen_the_arrangements_and_ask_everyone_again(client, cast, arranged):
    day = timezone.localdate() + timedelta(days=21)
    response = _edit(
        client,
        cast,
        arranged,
        date_0=day.day,
        date_1=day.month,
        date_2=day.year,
        format=MeetingFormat.IN_PERSON,
        venue_address="Upstairs room, The Old Mill",
        venue_access_information="Stairs only.",
    )
    assert response.status_code == 302
    assert not Arrangement.objects.filter(meeting=arranged).exists()
    arranged.refresh_from_db()
    # The need is open again: on the plan, and in the "not arranged" warning.
    assert plans_for([arranged])[arranged.pk].open_essential_count == 1
    client.force_login(cast.facilitator)
    meetings = client.get(reverse("meeting-list", args=[cast.project.pk])).text
    assert "essential" in meetings.lower() and arranged.title in meetings
    # Everyone who answered is asked again; Cam's "online" no longer exists.
    assert _outdated(arranged) == {
        cast.person.pk: True,
        cast.carer.pk: True,
        cast.professional.pk: True,
    }
    assert Attendance.objects.get(meeting=arranged, user=cast.carer).mode == ""
    client.force_login(cast.person)
    page = client.get(reverse("meeting-detail", args=[cast.project.pk, arranged.pk])).text
    assert "This meeting has changed since you answered" in page
    assert "Arranged" not in page


def test_members_are_told_once_on_their_own_channel(client, cast, arranged):
    _edit(client, cast, arranged, venue_address="The Old Mill")
    _edit(client, cast, arranged, venue_address="The Old Mill")  # saved again: no change
    reminders_tick()
    reminders_tick()
    told = {m.to[0] for m in mail.outbox if m.subject.startswith("Changed:")}
    assert cast.facilitator.email not in told
    assert {cast.person.email, cast.carer.email, cast.commissioner.email} <= told
    mine = [m for m in mail.outbox if m.to == [cast.person.email] and "Changed" in m.subject]
    assert len(mine) == 1
    assert "Upstairs" not in mine[0].body and "The Old Mill" in mine[0].body
    assert Delivery.objects.filter(kind=Kind.MEETING_CHANGED, recipient=cast.person).count() == 1


def test_a_change_of_agenda_alone_keeps_every_promise(client, cast, arranged):
    _edit(client, cast, arranged, agenda="1. Welcome\n2. Ideas")
    assert Arrangement.objects.filter(meeting=arranged).exists()
    assert set(_outdated(arranged).values()) == {False}
    assert not Delivery.objects.filter(kind=Kind.MEETING_CHANGED).exists()


def test_a_meeting_now_in_person_only_refuses_yes_online(client, cast, arranged):
    _edit(client, cast, arranged, format=MeetingFormat.IN_PERSON)
    # Only the answer that no longer fits is asked again.
    assert _outdated(arranged) == {
        cast.person.pk: False,
        cast.carer.pk: True,
        cast.professional.pk: False,
    }
    client.force_login(cast.carer)
    url = reverse("meeting-answer", args=[cast.project.pk, arranged.pk])
    assert 'value="online"' not in client.get(url).text
    response = client.post(url, {"rsvp": Rsvp.YES, "mode": ParticipationMode.ONLINE})
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    response = client.post(url, {"rsvp": Rsvp.YES, "mode": ParticipationMode.IN_PERSON})
    assert response.status_code == 302
    answer = Attendance.objects.get(meeting=arranged, user=cast.carer)
    assert (answer.mode, answer.answer_outdated) == (ParticipationMode.IN_PERSON, False)


def test_a_cancelled_meeting_tells_members_stops_reminders_and_keeps_travel_claims(
    client, cast, arranged
):
    client.force_login(cast.facilitator)
    url = reverse("meeting-cancel", args=[cast.project.pk, arranged.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": ""})
    assert "Say why the meeting is cancelled" in response.text
    response = client.post(url, {"reason": "The room flooded."})
    assert response.status_code == 302
    arranged.refresh_from_db()
    assert arranged.cancelled_at and arranged.cancelled_reason == "The room flooded."
    # Told once; no "meeting soon" reminder for it any more.
    with time_machine.travel(arranged.starts_at - timedelta(days=1, minutes=-1), tick=False):
        reminders_tick()
    cancelled = [m for m in mail.outbox if m.to == [cast.person.email]]
    assert [m.subject for m in cancelled] == [f"Cancelled: {arranged.title}"]
    assert "The room flooded." in cancelled[0].body
    assert not Delivery.objects.filter(
        kind=Kind.MEETING_SOON, subject=f"meeting:{arranged.pk}", status=Status.SENT
    ).exists()
    # Nobody answers a cancelled meeting, nor changes it again.
    client.force_login(cast.person)
    assert (
        client.get(reverse("meeting-answer", args=[cast.project.pk, arranged.pk])).status_code
        == 404
    )
    # Pat said yes and had booked travel: an expenses-only claim. Someone who never said
    # they were coming has nothing to claim.
    set_rate(cast)
    claim = expenses.claim_start(meeting=arranged, claimant=cast.person)
    assert not claim.lines.filter(kind=LineKind.TIME).exists()
    silent = add_member(cast.project, Role.PERSON).user
    with pytest.raises(ValidationError, match="Only people who said they were coming"):
        expenses.claim_start(meeting=arranged, claimant=silent)


def test_a_meeting_that_has_started_cannot_be_cancelled(client, cast):
    meeting = make_meeting(cast.project, days_from_now=-1)
    client.force_login(cast.facilitator)
    url = reverse("meeting-cancel", args=[cast.project.pk, meeting.pk])
    assert client.post(url, {"reason": "Too late"}).status_code == 404
    assert not Meeting.objects.get(pk=meeting.pk).cancelled_at
