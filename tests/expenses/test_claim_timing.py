"""Time is paid for meetings that have happened, never ahead of them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from expenses import services
from projects.models import Attendance
from tests.base import make_meeting
from tests.expenses.helpers import set_rate

pytestmark = pytest.mark.django_db


def test_a_claim_for_a_meeting_that_has_not_started_is_refused(client, cast):
    """Attendance recorded weeks ahead (before that was refused) let time be claimed, approved
    and queued for payment for a meeting that had not happened."""
    set_rate(cast)
    meeting = make_meeting(cast.project, days_from_now=14)
    Attendance.objects.create(meeting=meeting, user=cast.person, attended=True)
    with pytest.raises(ValidationError, match="once it has taken place"):
        services.claim_start(meeting=meeting, claimant=cast.person)
    client.force_login(cast.person)
    response = client.post(reverse("claim-start", args=[cast.project.pk, meeting.pk]))
    assert "once it has taken place" in response.text
    assert not meeting.claims.exists()
