from datetime import datetime, timedelta

import time_machine
from django.core import mail
from django.urls import reverse

from reminders.channels import stop_token
from reminders.models import Delivery, Kind, Status, StoppedKind
from reminders.services import reminders_tick
from tests.base import LONDON, make_meeting


def test_the_stop_link_in_a_reminder_stops_that_kind(client, cast):
    start = datetime(2027, 5, 10, 10, 0, tzinfo=LONDON)
    make_meeting(cast.project, starts_at=start, ends_at=start + timedelta(hours=1))
    with time_machine.travel(start - timedelta(days=7), tick=False):
        reminders_tick()
    message = next(m for m in mail.outbox if m.to == [cast.carer.email])
    stop_url = message.extra_headers["List-Unsubscribe"].strip("<>")
    path = stop_url.split("testserver", 1)[-1].replace("http://127.0.0.1:8000", "")
    assert "Stop this kind of reminder?" in client.get(path).text
    assert not StoppedKind.objects.exists()  # looking at the page changes nothing
    response = client.post(path)
    assert "Reminders stopped" in response.text
    assert StoppedKind.objects.get().user == cast.carer
    mail.outbox.clear()
    with time_machine.travel(start - timedelta(hours=23), tick=False):
        reminders_tick()
    assert not [m for m in mail.outbox if m.to == [cast.carer.email]]
    assert Delivery.objects.get(recipient=cast.carer, occurrence="1d").status == Status.DROPPED


def test_a_tampered_stop_link_changes_nothing(client, cast):
    token = stop_token(cast.carer.pk, Kind.MEETING_SOON)
    response = client.post(reverse("reminder-stop", args=[token[:-2] + "xx"]))
    assert response.status_code == 400
    assert "This link does not work" in response.text
    assert not StoppedKind.objects.exists()


def test_an_expired_stop_link_changes_nothing(client, cast):
    with time_machine.travel(datetime(2027, 1, 1, tzinfo=LONDON)):
        token = stop_token(cast.carer.pk, Kind.MEETING_SOON)
    with time_machine.travel(datetime(2027, 6, 1, tzinfo=LONDON)):
        response = client.post(reverse("reminder-stop", args=[token]))
    assert response.status_code == 400
    assert not StoppedKind.objects.exists()


def test_a_facilitator_marks_a_phone_reminder_done(client, cast):
    meeting = make_meeting(cast.project)
    todo = Delivery.objects.create(
        recipient=cast.person,
        kind=Kind.MEETING_SOON,
        subject=f"meeting:{meeting.pk}",
        occurrence="1d",
        project=cast.project,
        channel="todo",
        status=Status.TODO,
        due_at=meeting.starts_at,
    )
    client.force_login(cast.facilitator)
    page = client.get(reverse("todo-list", args=[cast.project.pk])).text
    assert "Pat" in page
    client.post(reverse("todo-done", args=[cast.project.pk, todo.pk]))
    todo.refresh_from_db()
    assert todo.status == Status.DONE and todo.done_by == cast.facilitator
    # Done twice is still done once, and a to-do of another project is a 404.
    assert client.post(reverse("todo-done", args=[cast.project.pk, todo.pk])).status_code == 404


def test_my_reminders_page_lists_what_was_sent_and_saves_settings(client, cast):
    start = datetime(2027, 5, 10, 10, 0, tzinfo=LONDON)
    make_meeting(cast.project, starts_at=start, ends_at=start + timedelta(hours=1))
    with time_machine.travel(start - timedelta(days=7), tick=False):
        reminders_tick()
    client.force_login(cast.carer)
    assert "A meeting coming up" in client.get(reverse("reminder-list")).text
    response = client.post(
        reverse("reminder-list"),
        {"daily_summary": "on", "quiet_from": "10pm", "quiet_until": "7:30"},
    )
    assert response.status_code == 302
    settings = cast.carer.reminder_settings
    assert settings.daily_summary and str(settings.quiet_from) == "22:00:00"
    response = client.post(reverse("reminder-list"), {"quiet_from": "late", "quiet_until": ""})
    assert "Enter a time, like 14:00 or 2pm" in response.text
    settings.refresh_from_db()
    assert str(settings.quiet_until) == "07:30:00"
