"""Issue 20, item 11: claims for work between meetings (reading papers, phone calls, surveys),
paid at the rate card's rate on the day of the work, without a meeting."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from expenses import services
from expenses.models import Activity, Claim, ClaimKind, Status, Unit
from tests.expenses.helpers import bank_choice, set_rate

pytestmark = pytest.mark.django_db


def _form(day, **fields):
    return {
        "activity": "phone_call",
        "description": "Called members about the survey",
        "day_0": str(day.day),
        "day_1": str(day.month),
        "day_2": str(day.year),
        "hours": "1.5",
    } | fields


def test_a_person_claims_for_phone_calls_between_meetings_at_the_rate_card(client, cast):
    set_rate(cast, pence=1500, activity=Activity.PHONE_CALL)
    bank_choice(cast.person)
    client.force_login(cast.person)
    url = reverse("claim-between-meetings-start", args=[cast.project.pk])
    assert "£15.00 per hour" in client.get(url).text
    response = client.post(url, _form(timezone.localdate() - timedelta(days=2)))
    claim = Claim.objects.get()
    assert response.url == reverse("claim-detail", args=[cast.project.pk, claim.pk])
    assert (claim.kind, claim.meeting, claim.time_pence) == (
        ClaimKind.BETWEEN_MEETINGS,
        None,
        2250,
    )
    page = client.get(response.url).text
    assert "Called members about the survey" in page
    services.claim_submit(claim=claim, by=cast.person)
    claim = services.claim_approve(claim=claim, by=cast.facilitator)
    assert claim.status == Status.APPROVED


def test_the_rate_of_the_day_of_the_work_applies(cast):
    set_rate(cast, pence=1000, activity=Activity.READING, days_ago=30)
    set_rate(cast, pence=2000, unit=Unit.HOUR, activity=Activity.READING, days_ago=5)
    claim = services.claim_between_meetings_start(
        project=cast.project,
        claimant=cast.person,
        activity=Activity.READING,
        minutes=60,
        day=timezone.localdate() - timedelta(days=10),
        description="Read the draft strategy",
    )
    assert claim.time_pence == 1000


def test_work_not_yet_done_or_not_on_the_rate_card_is_refused(cast):
    set_rate(cast, pence=1000, activity=Activity.SURVEY)
    today = timezone.localdate()
    start = {
        "project": cast.project,
        "claimant": cast.person,
        "minutes": 60,
        "description": "Survey",
    }
    with pytest.raises(ValidationError, match="once you have done it"):
        services.claim_between_meetings_start(
            **start, activity=Activity.SURVEY, day=today + timedelta(days=1)
        )
    with pytest.raises(ValidationError, match="rate card does not pay"):
        services.claim_between_meetings_start(**start, activity=Activity.READING, day=today)
    assert not Claim.objects.exists()


def test_only_people_who_may_claim_can_claim_between_meetings(client, cast):
    set_rate(cast, pence=1000, activity=Activity.SURVEY)
    with pytest.raises(ValidationError, match="Only members who take part"):
        services.claim_between_meetings_start(
            project=cast.project,
            claimant=cast.professional,
            activity=Activity.SURVEY,
            minutes=60,
            day=timezone.localdate(),
            description="Survey",
        )
    client.force_login(cast.professional)
    url = reverse("claim-between-meetings-start", args=[cast.project.pk])
    assert client.get(url).status_code == 403


def test_the_form_says_what_to_do_when_left_empty(client, cast):
    client.force_login(cast.person)
    url = reverse("claim-between-meetings-start", args=[cast.project.pk])
    page = client.post(url, {"hours": ""}).text
    for message in ("Select what you spent time on", "Say what the work was", "Enter how many"):
        assert message in page
    assert "This field is required" not in page


def test_approved_phone_calls_count_as_hours_given(cast):
    from contributions.facts import contribution_of

    set_rate(cast, pence=1500, activity=Activity.PHONE_CALL)
    bank_choice(cast.person)
    claim = services.claim_between_meetings_start(
        project=cast.project,
        claimant=cast.person,
        activity=Activity.PHONE_CALL,
        minutes=90,
        day=timezone.localdate(),
        description="Calls",
    )
    services.claim_submit(claim=claim, by=cast.person)
    services.claim_approve(claim=claim, by=cast.facilitator)
    [facts] = contribution_of(cast.person).projects
    assert facts.minutes == 90
