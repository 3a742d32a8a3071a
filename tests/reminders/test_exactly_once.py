"""Two beat processes and a task delivered twice still send each reminder once (PostgreSQL)."""

import threading
from collections import Counter
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.db import connection

from projects.models import Role
from reminders.models import Delivery, Status
from reminders.services import reminders_tick
from tests.base import LONDON, add_member, make_cast, make_meeting
from tests.services import require_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_ticks_send_each_reminder_once():
    require_postgres()
    cast = make_cast()
    for _ in range(45):
        add_member(cast.project, Role.PERSON)
    now = datetime(2027, 5, 10, 12, 0, tzinfo=LONDON)
    for hour in range(4):
        start = now + timedelta(hours=20 + hour)
        make_meeting(
            cast.project,
            title=f"Meeting {hour}",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
        )
    barrier = threading.Barrier(3)

    def beat():
        try:
            barrier.wait()
            for _ in range(3):  # each process also gets the same task twice, and once more
                reminders_tick(now=now)
        finally:
            connection.close()

    threads = [threading.Thread(target=beat) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    sent = Counter((m.to[0], m.subject) for m in mail.outbox)
    assert len(sent) == 50 * 4
    assert set(sent.values()) == {1}
    assert Delivery.objects.filter(status=Status.SENT).count() == 200
    assert not Delivery.objects.filter(status__in=[Status.PENDING, Status.SENDING]).exists()
