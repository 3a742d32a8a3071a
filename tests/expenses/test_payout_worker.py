"""The payout task as beat sends it: through Redis to a real Celery worker."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from coproduce.celery import app
from expenses.models import PayoutBatch
from expenses.tasks import payout_run
from tests.base import make_cast
from tests.expenses.helpers import approved_claim
from tests.services import require_redis

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_the_beat_schedule_runs_the_payout_task_on_weekday_mornings():
    entry = settings.CELERY_BEAT_SCHEDULE["expenses-payout-run"]
    assert entry["task"] == payout_run.name == "expenses.tasks.payout_run"
    schedule = entry["schedule"]
    assert (schedule.hour, schedule.minute) == ({6}, {0})
    assert schedule.day_of_week == {1, 2, 3, 4, 5}


def test_a_worker_fed_through_redis_makes_the_batch():
    require_redis()
    cast = make_cast()
    claim = approved_claim(cast)
    app.conf.task_always_eager = False
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        payout_run.delay()
        deadline = time.monotonic() + 30
        while not PayoutBatch.objects.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
    batch = PayoutBatch.objects.get()
    assert list(batch.items.values_list("claim_id", flat=True)) == [claim.pk]
