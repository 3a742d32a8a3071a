"""A meeting for lived-experience members only: only they are invited, reminded, asked if they
are coming, counted for attendance and told of changes."""

from datetime import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from projects import services
from projects.models import Attendance, Audience, Rsvp
from reminders.models import Delivery, Kind
from reminders.services import reminders_plan
from tests.base import LONDON, make_meeting

NOW = datetime(2027, 5, 3, 10, 0, tzinfo=LONDON)


def _lived_only(cast, days_from_now=7):
    return make_meeting(
        cast.project, days_from_now=days_from_now, audience=Audience.LIVED_EXPERIENCE
    )


def _recipients(kind) -> set[int]:
    return set(Delivery.objects.filter(kind=kind).values_list("recipient_id", flat=True))


@time_machine.travel(NOW, tick=False)
def test_only_lived_experience_members_are_invited_and_reminded(cast):
    meeting = _lived_only(cast, days_from_now=5)
    Meeting = type(meeting)
    Meeting.objects.filter(pk=meeting.pk).update(created_at=NOW)
    reminders_plan(now=NOW)
    assert _recipients(Kind.MEETING_INVITATION) == {cast.person.pk, cast.carer.pk}
    assert _recipients(Kind.MEETING_SOON) <= {cast.person.pk, cast.carer.pk}


def test_a_professional_cannot_answer_a_lived_experience_meeting(client, cast):
    meeting = _lived_only(cast)
    client.force_login(cast.professional)
    url = reverse("meeting-answer", args=[cast.project.pk, meeting.pk])
    assert client.get(url).status_code == 403
    page = client.get(reverse("meeting-detail", args=[cast.project.pk, meeting.pk])).text
    assert "Only people who draw on care and support, and carers" in page
    assert "Please tell us if you are coming" not in page
    with pytest.raises(PermissionDenied):
        services.attendance_answer(meeting=meeting, user=cast.professional, rsvp="yes", mode="")
    client.force_login(cast.carer)
    assert client.get(url).status_code == 200


def test_attendance_is_recorded_for_the_meetings_members_only(cast):
    meeting = _lived_only(cast, days_from_now=-1)
    services.attendance_record(
        meeting=meeting, attended_user_ids={cast.person.pk}, recorded_by=cast.facilitator
    )
    assert set(Attendance.objects.filter(meeting=meeting).values_list("user_id", flat=True)) == {
        cast.person.pk,
        cast.carer.pk,
    }


def test_narrowing_a_meeting_drops_the_others_answers_and_tells_only_its_members(cast):
    meeting = make_meeting(cast.project, days_from_now=10)
    for user in (cast.person, cast.professional):
        Attendance.objects.create(meeting=meeting, user=user, rsvp=Rsvp.YES)
    meeting.audience = Audience.LIVED_EXPERIENCE
    meeting.venue_address = "A new room"
    services.meeting_save(meeting=meeting, changed_by=cast.facilitator)
    assert set(Attendance.objects.filter(meeting=meeting).values_list("user_id", flat=True)) == {
        cast.person.pk
    }
    assert _recipients(Kind.MEETING_CHANGED) == {cast.person.pk, cast.carer.pk}


def test_a_facilitator_schedules_a_meeting_for_lived_experience_members(client, cast):
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("meeting-create", args=[cast.project.pk]),
        {
            "title": "Our own meeting",
            "date_0": "10",
            "date_1": "5",
            "date_2": "2099",
            "start_time": "10:00",
            "end_time": "12:00",
            "format": "online",
            "audience": "lived_experience",
        },
    )
    assert response.status_code == 302
    assert cast.project.meetings.get().audience == Audience.LIVED_EXPERIENCE
