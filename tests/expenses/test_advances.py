"""Issue 20, item 11: travel advances paid before a meeting, through the same exactly-once
payout as claims, and reconciled against the person's claim after it: the difference paid or
owed, shown plainly. An advance for a cancelled meeting is not paid, or is reconciled against
what the person could not get back."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from expenses import services
from expenses.models import Claim, ClaimKind, Method, PayoutItem, Status
from projects.models import Attendance
from tests.base import make_cast, make_meeting
from tests.expenses.helpers import bank_choice, receipt, set_rate
from tests.races import race
from tests.services import require_postgres

pytestmark = pytest.mark.django_db


def _advance(cast, meeting, pence=2000):
    bank_choice(cast.person)
    return services.advance_request(
        meeting=meeting,
        claimant=cast.person,
        description="Train there and back",
        amount_pence=pence,
    )


def _paid(cast, advance):
    services.claim_approve(claim=advance, by=cast.facilitator)
    services.payout_run()
    item = PayoutItem.objects.get(claim=advance)
    services.batch_mark_submitted(batch=item.batch, by=cast.commissioner)
    advance.refresh_from_db()
    assert advance.status == Status.PAID
    return advance


def _meeting_happened(meeting, user):
    # The meeting took place, and the person came.
    meeting.starts_at -= timezone.timedelta(days=14)
    meeting.ends_at -= timezone.timedelta(days=14)
    meeting.save(update_fields=["starts_at", "ends_at"])
    Attendance.objects.update_or_create(meeting=meeting, user=user, defaults={"attended": True})


def _claim_with_travel(cast, meeting, pence):
    claim = services.claim_start(meeting=meeting, claimant=cast.person)
    services.claim_line_add_expense(
        claim=claim,
        expense_type="travel",
        description="Train",
        amount_pence=pence,
        receipt=receipt(),
        receipt_type="application/pdf",
    )
    return services.claim_submit(claim=claim, by=cast.person)


def test_an_advance_is_asked_for_on_the_page_and_paid_once_by_the_payout_run(client, cast):
    meeting = make_meeting(cast.project, days_from_now=7)
    bank_choice(cast.person)
    client.force_login(cast.person)
    url = reverse("advance-request", args=[cast.project.pk, meeting.pk])
    response = client.post(url, {"description": "Train there and back", "amount_pence": "24.50"})
    advance = Claim.objects.get(kind=ClaimKind.ADVANCE)
    assert response.url == reverse("claim-detail", args=[cast.project.pk, advance.pk])
    assert (advance.status, advance.expenses_pence) == (Status.SUBMITTED, 2450)
    services.claim_approve(claim=advance, by=cast.facilitator)
    assert len(services.payout_run()) == 1
    assert services.payout_run() == []  # nothing left: paid once
    assert PayoutItem.objects.get(claim=advance).amount_pence == 2450


def test_a_second_advance_for_the_same_meeting_is_refused(cast):
    meeting = make_meeting(cast.project, days_from_now=7)
    _advance(cast, meeting)
    with pytest.raises(ValidationError, match="already asked for an advance"):
        _advance(cast, meeting)


def test_no_advance_after_a_meeting_has_started_or_for_a_cancelled_one(cast):
    with pytest.raises(ValidationError, match="paid before a meeting"):
        _advance(cast, make_meeting(cast.project, days_from_now=-1))
    cancelled = make_meeting(cast.project, days_from_now=7, cancelled_at=timezone.now())
    with pytest.raises(ValidationError, match="cancelled"):
        _advance(cast, cancelled)
    assert not Claim.objects.exists()


def test_travel_that_cost_more_than_the_advance_is_paid_the_difference(client, cast):
    set_rate(cast)  # £20 an hour: £40 for the two-hour meeting
    meeting = make_meeting(cast.project, days_from_now=7)
    _paid(cast, _advance(cast, meeting, pence=2000))
    _meeting_happened(meeting, cast.person)
    claim = _claim_with_travel(cast, meeting, 2600)
    assert (claim.expenses_pence, claim.advance_pence, claim.owed_pence) == (600, 2000, 0)
    assert claim.payable_pence == 4000 + 600
    client.force_login(cast.person)
    page = client.get(reverse("claim-detail", args=[cast.project.pk, claim.pk])).text
    assert "£26.00" in page and "£20.00" in page
    assert "We pay you £6.00 more" in page


def test_travel_that_cost_less_than_the_advance_shows_what_is_owed(client, cast):
    set_rate(cast)
    meeting = make_meeting(cast.project, days_from_now=7)
    _paid(cast, _advance(cast, meeting, pence=2000))
    _meeting_happened(meeting, cast.person)
    claim = _claim_with_travel(cast, meeting, 1500)
    assert (claim.expenses_pence, claim.advance_pence, claim.owed_pence) == (0, 1500, 500)
    assert claim.payable_pence == 4000  # the time payment is not touched
    client.force_login(cast.person)
    page = client.get(reverse("claim-detail", args=[cast.project.pk, claim.pk])).text
    assert "You owe £5.00 back" in page
    client.force_login(cast.facilitator)
    page = client.get(reverse("claim-detail", args=[cast.project.pk, claim.pk])).text
    assert "They owe £5.00 back" in page


def test_a_claim_waits_for_its_advance_to_be_paid(cast):
    set_rate(cast)
    meeting = make_meeting(cast.project, days_from_now=7)
    advance = _advance(cast, meeting)
    _meeting_happened(meeting, cast.person)
    with pytest.raises(ValidationError, match="has not been paid yet"):
        _claim_with_travel(cast, meeting, 2000)
    services.claim_send_back(claim=advance, by=cast.facilitator, reason="Not needed", reject=True)
    claim = Claim.objects.get(kind=ClaimKind.MEETING)
    claim = services.claim_submit(claim=claim, by=cast.person)
    assert (claim.expenses_pence, claim.advance_pence) == (2000, 0)


def test_an_approved_advance_for_a_meeting_cancelled_before_it_is_paid_is_not_paid(cast):
    meeting = make_meeting(cast.project, days_from_now=7)
    advance = services.claim_approve(claim=_advance(cast, meeting), by=cast.facilitator)
    meeting.cancelled_at = timezone.now()
    meeting.save(update_fields=["cancelled_at"])
    assert services.payout_run() == []
    advance.refresh_from_db()
    assert advance.status == Status.REJECTED
    assert "claim it for the cancelled meeting" in advance.reason
    assert not PayoutItem.objects.exists()


def test_an_advance_for_a_cancelled_meeting_cannot_be_approved(cast):
    meeting = make_meeting(cast.project, days_from_now=7)
    bank_choice(cast.person, method=Method.CASH)
    advance = services.advance_request(
        meeting=meeting, claimant=cast.person, description="Taxi", amount_pence=1000
    )
    meeting.cancelled_at = timezone.now()
    meeting.save(update_fields=["cancelled_at"])
    with pytest.raises(ValidationError, match="do not approve it"):
        services.claim_approve(claim=advance, by=cast.facilitator)


def test_a_paid_advance_for_a_cancelled_meeting_is_reconciled_against_costs_not_refunded(cast):
    meeting = make_meeting(cast.project, days_from_now=7)
    _paid(cast, _advance(cast, meeting, pence=3000))
    meeting.cancelled_at = timezone.now()
    meeting.save(update_fields=["cancelled_at"])
    # No "yes" to the meeting: the advance is enough to claim what could not be got back.
    claim = _claim_with_travel(cast, meeting, 1800)
    assert (claim.time_pence, claim.expenses_pence, claim.owed_pence) == (0, 0, 1200)
    assert claim.advance_id is not None
    claim = services.claim_approve(claim=claim, by=cast.facilitator)
    assert claim.status == Status.PAID  # nothing more to pay; the £12.00 owed is shown


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_requests_for_an_advance_at_once_make_one_advance():
    require_postgres()
    cast = make_cast()
    meeting = make_meeting(cast.project, days_from_now=7)
    bank_choice(cast.person)

    def ask():
        services.advance_request(
            meeting=meeting, claimant=cast.person, description="Train", amount_pence=2000
        )

    errors = race(ask, ask)
    assert len(errors) == 1
    assert "already asked for an advance" in errors[0].messages[0]
    assert Claim.objects.filter(kind=ClaimKind.ADVANCE).count() == 1
