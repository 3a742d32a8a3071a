"""The load balancer's health check and the staff page behind it, against the real Redis and
real Celery worker and beat code."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.urls import reverse

from coproduce.celery import app
from operations import heartbeat
from operations.beat import HeartbeatScheduler
from tests.base import make_user
from tests.services import require_redis

pytestmark = [pytest.mark.redis, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def fresh_redis():
    require_redis()
    client = heartbeat.client()
    client.delete("coproduce:seen:beat", "coproduce:seen:worker", "coproduce:runs")
    yield client


def test_healthy_when_the_beat_and_a_worker_were_seen_lately(client):
    heartbeat.seen("beat", "beat-1")
    heartbeat.seen("worker", "worker-1")
    # A load balancer probes by address, over plain HTTP: neither is refused or redirected.
    response = client.get("/health/", HTTP_HOST="10.0.0.7", secure=False)
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": True, "redis": True, "beat": True, "workers": True},
    }
    assert "worker-1" not in response.text  # names of machines are for the staff page


def test_503_when_no_worker_has_been_seen_for_a_while(client, settings, fresh_redis):
    heartbeat.seen("beat", "beat-1")
    fresh_redis.hset("coproduce:seen:worker", "worker-1", time.time() - 600)
    settings.HEALTH_STALE_AFTER_SECONDS = 180
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["workers"] is False
    assert response.json()["checks"]["beat"] is True


def test_503_without_a_beat(client):
    heartbeat.seen("worker", "worker-1")
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": True,
        "redis": True,
        "beat": False,
        "workers": True,
    }


def test_503_when_redis_cannot_be_reached(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    heartbeat.client.cache_clear()
    try:
        response = client.get("/health/")
    finally:
        heartbeat.client.cache_clear()
    assert response.status_code == 503
    assert response.json()["checks"]["redis"] is False


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_says_it_is_alive_and_the_payout_run_is_recorded():
    from expenses.tasks import payout_run

    app.conf.task_always_eager = False
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30) as worker:
        assert worker.hostname in heartbeat.last_seen("worker")
        payout_run.delay()
        deadline = time.monotonic() + 30
        while "payout" not in heartbeat.last_runs() and time.monotonic() < deadline:
            time.sleep(0.1)
    run = heartbeat.last_runs()["payout"]
    assert (run["state"], run["outcome"]) == ("SUCCESS", "batches made: 0")


def test_the_beat_says_it_is_alive_on_each_tick(tmp_path):
    scheduler = HeartbeatScheduler(app, schedule_filename=str(tmp_path / "schedule"), lazy=True)
    scheduler.setup_schedule()
    scheduler.tick()
    assert list(heartbeat.last_seen("beat").values())[0] < 60


def test_staff_see_the_same_facts_with_each_machine_and_the_last_runs(client):
    heartbeat.seen("beat", "beat-1")
    heartbeat.seen("worker", "worker-7")
    heartbeat.record_run("reminders", "SUCCESS", "")
    staff = make_user("sally")
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    page = client.get(reverse("operations-status")).text
    assert "worker-7" in page and "beat-1" in page
    assert "Reminder run" in page and "SUCCESS" in page
    assert "Not working" not in page


def test_people_who_are_not_staff_are_refused(client):
    client.force_login(make_user("pat"))
    assert client.get(reverse("operations-status")).status_code == 403
