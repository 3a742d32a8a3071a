"""Scheduling that listens: the facilitator is warned, in counts only, about what members who
share their needs asked for that a meeting does not give."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accessibility.models import AccessProfile, ShareLevel
from accessibility.scheduling import mismatches
from projects.models import MeetingFormat
from tests.accessibility.helpers import give_needs, share
from tests.base import make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def needs(cast):
    """Pat (sharing a summary) needs breaks, short sessions and papers early, and 10 days'
    notice; Cam needs breaks but shares nothing, so Cam does not count."""
    give_needs(
        cast.person,
        ("breaks", "essential", "Ten minutes an hour"),
        ("shorter-sessions", "negotiable", ""),
        ("papers-early", "essential", ""),
    )
    AccessProfile.objects.filter(user=cast.person).update(notice_days=10)
    share(cast.person, cast.project, ShareLevel.SUMMARY)
    give_needs(cast.carer, ("breaks", "essential", ""))


def test_a_meeting_that_does_not_fit_is_flagged_in_counts(cast, needs):
    meeting = make_meeting(
        cast.project,
        days_from_now=5,
        ends_at=timezone.now() + timedelta(days=5, hours=3),
        starts_at=timezone.now() + timedelta(days=5),
        format=MeetingFormat.IN_PERSON,
    )
    texts = [m.text for m in mismatches(meeting)]
    assert texts == [
        "1 member asked for more notice than this meeting gives.",
        "1 member needs regular breaks, and no breaks are planned.",
        "1 member needs sessions of two hours at most; this one is longer.",
        "1 member needs papers at least 7 days before; set an earlier date for them.",
    ]


def test_a_meeting_that_fits_raises_nothing(cast, needs):
    meeting = make_meeting(
        cast.project,
        days_from_now=21,
        planned_breaks="10 minutes every hour",
        papers_sent_on=timezone.localdate() + timedelta(days=7),
    )
    assert mismatches(meeting) == []


def test_the_facilitator_sees_the_warning_on_the_meeting_page_and_members_do_not(
    client, cast, needs
):
    meeting = make_meeting(cast.project, days_from_now=5)
    url = reverse("meeting-detail", args=[cast.project.pk, meeting.pk])
    client.force_login(cast.facilitator)
    page = client.get(url).text
    assert "does not fit what some members asked for" in page
    assert "1 member needs regular breaks" in page
    assert cast.person.display_name not in page.split("does not fit")[1].split("</ul>")[0]
    client.force_login(cast.person)
    assert "does not fit what some members asked for" not in client.get(url).text
