"""The staff health page passes the accessibility checks, healthy and not."""

import pytest

from operations import heartbeat
from tests.base import PASSWORD, make_user
from tests.services import require_redis

pytestmark = [pytest.mark.browser, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_the_staff_health_page_is_accessible(visitor):
    require_redis()
    client = heartbeat.client()
    client.delete("coproduce:seen:beat", "coproduce:seen:worker", "coproduce:runs")
    staff = make_user("sally")
    staff.is_staff = True
    staff.save()
    visitor.sign_in(staff.email, PASSWORD)
    visitor.go("/staff/health/")  # nothing seen yet: beat and workers not working
    assert visitor.page.get_by_text("Not working").first.is_visible()
    heartbeat.seen("beat", "beat-1")
    heartbeat.seen("worker", "worker-1")
    heartbeat.record_run("payout", "SUCCESS", "batches made: 1")
    visitor.go("/staff/health/")
    assert visitor.page.get_by_role("cell", name="worker-1").is_visible()
    assert len(visitor.pages_checked) >= 2
