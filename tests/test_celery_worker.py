"""A real Celery worker, consuming from Redis, sends an invitation email end to end."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from coproduce.celery import app
from projects import services
from projects.models import Role
from tests.base import make_cast
from tests.services import require_redis

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_a_worker_fed_through_redis_sends_the_invitation_email():
    require_redis()
    assert app.conf.broker_url.startswith("redis://")
    cast = make_cast()
    app.conf.task_always_eager = False
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        services.invitation_create(
            project=cast.project,
            email="new@example.org",
            role=Role.CARER,
            invited_by=cast.facilitator,
        )
        deadline = time.monotonic() + 30
        while not mail.outbox and time.monotonic() < deadline:
            time.sleep(0.1)
    assert [m.to for m in mail.outbox] == [["new@example.org"]]
    assert "Short breaks" in mail.outbox[0].subject


def test_a_worker_fed_through_redis_sends_a_due_reminder():
    from datetime import timedelta

    from django.utils import timezone

    from reminders.tasks import tick
    from tests.base import make_meeting

    require_redis()
    cast = make_cast()
    start = timezone.now() + timedelta(hours=20)
    make_meeting(
        cast.project, title="Ideas day", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    app.conf.task_always_eager = False
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        tick.delay()
        deadline = time.monotonic() + 30
        # Five reminders (one per member) and four invitations (all but its scheduler).
        while len(mail.outbox) < 9 and time.monotonic() < deadline:
            time.sleep(0.1)
    members = [cast.commissioner, cast.facilitator, cast.person, cast.carer, cast.professional]
    sent = sorted((m.subject.split(":")[0], m.to[0]) for m in mail.outbox)
    assert sent == sorted(
        [("Reminder", u.email) for u in members]
        + [("Invitation", u.email) for u in members if u != cast.commissioner]
    )
