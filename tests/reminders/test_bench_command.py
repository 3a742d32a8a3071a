import re
from datetime import datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from reminders.models import Delivery
from tests.base import LONDON, make_meeting

pytestmark = pytest.mark.django_db


def test_the_benchmark_sends_only_its_own_reminders_and_leaves_nothing_behind(cast, settings):
    """What the data already there makes due is planned first and set aside, so the timed run
    sends the N reminders it made, not a catch-up; and everything is rolled back."""
    settings.DEBUG = True
    noon = datetime(2027, 5, 10, 12, 0, tzinfo=LONDON)  # outside anyone's quiet hours
    start = noon + timedelta(days=3)
    make_meeting(cast.project, starts_at=start, ends_at=start + timedelta(hours=2))
    out = StringIO()
    with time_machine.travel(noon):  # the clock runs: its invitations fall due after `now`
        call_command("bench_reminders", reminders=20, per_project=10, stdout=out)
    report = out.getvalue()
    assert int(re.search(r"set aside\): (\d+) rows", report)[1]) >= 5  # the cast's 7-day ones
    assert "sent: 20 in" in report
    assert not Delivery.objects.exists()
