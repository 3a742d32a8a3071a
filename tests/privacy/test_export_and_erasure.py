import json
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, Entry
from privacy import services
from privacy.tasks import apply_retention
from projects.models import Attendance, Invitation, Membership, Role, Rsvp
from reminders.models import ReminderSettings
from tests.base import PASSWORD, make_meeting

pytestmark = pytest.mark.django_db


def _sign_in(client, user):
    """Signed in, and the password given again just now, as these pages ask."""
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})


def test_the_download_holds_the_persons_data_and_is_recorded(client, cast):
    meeting = make_meeting(cast.project, title="Ideas day")
    Attendance.objects.create(meeting=meeting, user=cast.carer, rsvp=Rsvp.YES)
    ReminderSettings.objects.create(user=cast.carer, daily_summary=True)
    _sign_in(client, cast.carer)
    response = client.post(reverse("my-data-download"))
    assert response["Content-Disposition"] == 'attachment; filename="my-coproduce-data.json"'
    data = json.loads(response.content)
    assert data["account"]["email"] == cast.carer.email
    assert data["Your projects and roles"] == [
        {
            "project__title": "Short breaks",
            "role": "carer",
            "joined_at": data["Your projects and roles"][0]["joined_at"],
            "left_at": None,
        }
    ]
    assert data["Meetings: your answers and attendance"][0]["meeting__title"] == "Ideas day"
    assert data["Your reminder settings"][0]["daily_summary"] is True
    assert "fred@example.org" not in response.content.decode()  # nobody else's data
    assert Entry.objects.filter(action=Action.DATA_EXPORTED, subject=cast.carer).exists()


def test_without_a_recent_password_check_the_download_asks_for_it_again(client, cast):
    client.force_login(cast.carer)  # no password given again in this session
    response = client.post(reverse("my-data-download"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not Entry.objects.filter(action=Action.DATA_EXPORTED).exists()


def test_the_readable_page_shows_the_same_information(client, cast):
    make_meeting(cast.project, title="Ideas day")
    _sign_in(client, cast.facilitator)
    page = client.get(reverse("my-data-page")).text
    assert "Your projects and roles" in page and "Short breaks" in page
    assert "Meetings you scheduled" in page
    # Shown on a page is as much an export as a download.
    assert Entry.objects.filter(action=Action.DATA_EXPORTED, subject=cast.facilitator).count() == 1


def test_the_password_check_lasts_five_minutes(client, cast):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        _sign_in(client, cast.carer)
        clock.shift(timedelta(minutes=4))
        assert client.get(reverse("my-data-page")).status_code == 200
        clock.shift(timedelta(minutes=2))
        response = client.get(reverse("my-data-page"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_erasure_removes_what_it_may_keeps_what_it_must_and_says_why(client, cast):
    meeting = make_meeting(cast.project)
    Attendance.objects.create(meeting=meeting, user=cast.carer, rsvp=Rsvp.YES, attended=True)
    ReminderSettings.objects.create(user=cast.carer)
    Invitation.objects.create(
        project=cast.project,
        email=cast.carer.email,
        role=Role.CARER,
        token="t1",
        invited_by=cast.facilitator,
        expires_at=timezone.now() + timedelta(days=1),
    )
    _sign_in(client, cast.carer)
    refused = client.post(reverse("my-data-erase"), {})
    assert "Tick the box to confirm" in refused.text
    assert get_user_model().objects.get(pk=cast.carer.pk).is_active

    done = client.post(reverse("my-data-erase"), {"understood": "on"})
    assert "Your account has been erased" in done.text
    assert "The record of who came to meetings" in done.text  # what was kept, and why
    carer = get_user_model().objects.get(pk=cast.carer.pk)
    assert (carer.is_active, carer.has_usable_password(), carer.preferred_name) == (
        False,
        False,
        "Former member",
    )
    assert "cam" not in carer.email
    assert not ReminderSettings.objects.filter(user=carer).exists()
    assert not Invitation.objects.filter(email__iexact="cam@example.org").exists()
    assert Attendance.objects.filter(user=carer).exists()  # kept, without the name
    assert not Membership.objects.active().filter(user=carer).exists()
    # Signed out, and cannot sign in again.
    assert client.get(reverse("my-activity")).status_code == 302
    client.post(reverse("account_login"), {"login": "cam@example.org", "password": PASSWORD})
    assert client.get(reverse("my-activity")).status_code == 302


def test_erasure_signs_the_person_out_on_every_device(client, cast):
    from django.test import Client

    other_device = Client()
    other_device.force_login(cast.carer)
    services.erase(cast.carer)
    assert other_device.get(reverse("my-activity")).status_code == 302


def test_the_retention_job_deletes_audit_entries_past_their_period(settings, cast):
    settings.AUDIT_RETENTION_DAYS = 30
    old = Entry.objects.create(action=Action.SIGNED_IN, subject=cast.carer)
    Entry.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=31))
    recent = Entry.objects.create(action=Action.SIGNED_IN, subject=cast.carer)
    assert apply_retention.delay().get() >= 1
    assert list(Entry.objects.filter(subject=cast.carer)) == [recent]
