"""The claim workflow in the services: pre-filled time payments, the approval rules (Done when
4), and an event for every change."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from expenses import services
from expenses.models import (
    Activity,
    Claim,
    ClaimEvent,
    Method,
    PaymentChoice,
    Status,
    TimePayment,
    Unit,
)
from projects.models import Attendance, Role
from tests.base import add_member
from tests.expenses.helpers import (
    approved_claim,
    attended_meeting,
    bank_choice,
    receipt,
    set_policy,
    set_rate,
    submitted_claim,
)

pytestmark = pytest.mark.django_db


def test_the_time_payment_is_filled_in_from_the_meeting_and_the_rate_in_force_that_day(cast):
    meeting = attended_meeting(cast, days_ago=10)  # two hours
    set_rate(cast, pence=1500, days_ago=400)
    set_rate(cast, pence=2000, days_ago=30)  # supersedes the £15 rate
    set_rate(cast, pence=9900, days_ago=5)  # starts after the meeting: not used
    claim = services.claim_start(meeting=meeting, claimant=cast.person)
    [line] = claim.lines.all()
    assert (line.activity, line.quantity, line.amount_pence) == (Activity.MEETING, 120, 4000)
    assert claim.time_pence == 4000
    assert claim.events.get().action == "started"


def test_a_per_session_rate_pays_the_session_whatever_its_length(cast):
    set_rate(cast, pence=2500, unit=Unit.SESSION)
    claim = services.claim_start(meeting=attended_meeting(cast), claimant=cast.person)
    assert claim.time_pence == 2500


def test_an_hourly_rate_for_an_odd_length_is_rounded_to_the_nearest_penny(cast):
    set_rate(cast, pence=1001)
    start = timezone.now() - timedelta(days=2)
    meeting = attended_meeting(cast, starts_at=start, ends_at=start + timedelta(minutes=50))
    claim = services.claim_start(meeting=meeting, claimant=cast.person)
    assert claim.time_pence == 834  # 1001 * 50 / 60 = 834.17


def test_a_claim_for_a_meeting_the_person_did_not_attend_is_refused(cast):
    meeting = attended_meeting(cast, people=[cast.carer])
    Attendance.objects.create(meeting=meeting, user=cast.person, attended=False)
    with pytest.raises(ValidationError, match="only claim for a meeting you attended"):
        services.claim_start(meeting=meeting, claimant=cast.person)
    assert not Claim.objects.exists()


def test_professionals_do_not_claim(cast):
    meeting = attended_meeting(cast, people=[cast.professional])
    with pytest.raises(ValidationError, match="person or a carer"):
        services.claim_start(meeting=meeting, claimant=cast.professional)


def test_starting_twice_returns_the_same_claim_and_the_database_refuses_a_second(cast):
    meeting = attended_meeting(cast)
    first = services.claim_start(meeting=meeting, claimant=cast.person)
    assert services.claim_start(meeting=meeting, claimant=cast.person) == first
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(project=cast.project, meeting=meeting, claimant=cast.person)


@pytest.mark.parametrize(
    "time_payment, extra, time_pence, donation_pence",
    [
        (TimePayment.FULL, {}, 4000, 0),
        (TimePayment.LOWER, {"lower_amount_pence": 1500}, 1500, 0),
        (TimePayment.EXPENSES_ONLY, {}, 0, 0),
        (TimePayment.DONATE, {"charity_name": "Carers Trust"}, 0, 4000),
    ],
)
def test_the_persons_choice_decides_what_they_take_for_their_time(
    cast, time_payment, extra, time_pence, donation_pence
):
    bank_choice(cast.person, time_payment=time_payment, **extra)
    claim = submitted_claim(cast, expense_pence=450)
    assert (claim.time_pence, claim.donation_pence, claim.expenses_pence) == (
        time_pence,
        donation_pence,
        450,
    )


def test_someone_who_chose_no_payment_at_all_cannot_start_a_claim(cast):
    bank_choice(cast.person, time_payment=TimePayment.NONE)
    with pytest.raises(ValidationError, match="no payment at all"):
        services.claim_start(meeting=attended_meeting(cast), claimant=cast.person)


def test_an_expense_the_project_does_not_pay_for_is_refused(cast):
    set_policy(cast, pays_childcare=False)
    claim = services.claim_start(meeting=attended_meeting(cast), claimant=cast.person)
    with pytest.raises(ValidationError, match="does not pay for that kind"):
        services.claim_line_add_expense(
            claim=claim, expense_type="childcare", description="", amount_pence=1000
        )
    assert not claim.lines.exists()


def test_mileage_is_worked_out_at_the_projects_rate(cast):
    set_policy(cast, mileage_pence_per_mile=45)
    claim = services.claim_start(meeting=attended_meeting(cast), claimant=cast.person)
    line = services.claim_line_add_expense(
        claim=claim, expense_type="mileage", description="", amount_pence=999999, miles=12
    )
    assert line.amount_pence == 540


def test_a_submitted_claim_cannot_be_changed(cast):
    claim = submitted_claim(cast)
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.claim_line_add_time(claim=claim, activity=Activity.PREPARATION, minutes=60)


def test_nobody_approves_their_own_claim(cast):
    facilitator_claimant = add_member(cast.project, Role.CARER).user
    claim = submitted_claim(cast, claimant=facilitator_claimant)
    with pytest.raises(ValidationError, match="cannot approve your own claim"):
        services.claim_approve(claim=claim, by=facilitator_claimant)
    claim.refresh_from_db()
    assert claim.status == Status.SUBMITTED
    assert claim.first_approved_by is None


def test_a_facilitator_approves_and_every_change_is_recorded(cast):
    claim = approved_claim(cast)
    assert claim.status == Status.APPROVED
    assert claim.first_approved_by == cast.facilitator
    assert [(e.action, e.by, e.from_status, e.to_status) for e in claim.events.all()] == [
        ("started", cast.person, "", Status.DRAFT),
        ("submitted", cast.person, Status.DRAFT, Status.SUBMITTED),
        ("approved", cast.facilitator, Status.SUBMITTED, Status.APPROVED),
    ]


def test_approving_twice_is_refused(cast):
    claim = approved_claim(cast)
    with pytest.raises(ValidationError, match="not waiting for approval"):
        services.claim_approve(claim=claim, by=cast.facilitator)
    assert claim.events.filter(action="approved").count() == 1


def test_above_the_threshold_a_commissioner_must_approve_too(cast):
    set_policy(cast, approval_threshold_pence=3000)
    claim = submitted_claim(cast)  # £40
    services.claim_approve(claim=claim, by=cast.facilitator)
    claim.refresh_from_db()
    assert claim.status == Status.SUBMITTED
    assert claim.first_approved_by == cast.facilitator
    services.claim_approve(claim=claim, by=cast.commissioner)
    claim.refresh_from_db()
    assert claim.status == Status.APPROVED
    assert claim.second_approved_by == cast.commissioner


def test_a_second_facilitator_cannot_give_the_commissioners_approval(cast):
    set_policy(cast, approval_threshold_pence=3000)
    other = add_member(cast.project, Role.FACILITATOR).user
    claim = submitted_claim(cast)
    services.claim_approve(claim=claim, by=cast.facilitator)
    with pytest.raises(ValidationError, match="a commissioner must approve it"):
        services.claim_approve(claim=claim, by=other)
    with pytest.raises(ValidationError, match="a commissioner must approve it"):
        services.claim_approve(claim=claim, by=cast.facilitator)
    claim.refresh_from_db()
    assert claim.status == Status.SUBMITTED


def test_the_commissioner_cannot_approve_first(cast):
    set_policy(cast, approval_threshold_pence=3000)
    claim = submitted_claim(cast)
    with pytest.raises(ValidationError, match="A facilitator must approve this claim first"):
        services.claim_approve(claim=claim, by=cast.commissioner)


def test_the_same_person_cannot_give_both_approvals(cast):
    """A facilitator who approved first, then made a commissioner, cannot approve again."""
    set_policy(cast, approval_threshold_pence=3000)
    claim = submitted_claim(cast)
    services.claim_approve(claim=claim, by=cast.facilitator)
    membership = cast.membership(cast.facilitator)
    membership.role = Role.COMMISSIONER
    membership.save()
    with pytest.raises(ValidationError, match="different person"):
        services.claim_approve(claim=claim, by=cast.facilitator)


def test_at_or_below_the_threshold_a_facilitator_is_enough(cast):
    set_policy(cast, approval_threshold_pence=4000)
    claim = submitted_claim(cast)  # exactly £40
    assert services.claim_approve(claim=claim, by=cast.facilitator).status == Status.APPROVED


def test_a_claim_started_for_someone_is_confirmed_by_them_in_one_step(cast):
    set_rate(cast)
    bank_choice(cast.person)
    meeting = attended_meeting(cast)
    claim = services.claim_start(meeting=meeting, claimant=cast.person, started_by=cast.facilitator)
    with pytest.raises(ValidationError, match="by phone"):
        services.claim_submit(claim=claim, by=cast.facilitator)
    services.claim_submit(claim=claim, by=cast.person)
    claim.refresh_from_db()
    assert claim.status == Status.SUBMITTED
    assert claim.confirmed_by_phone_by is None
    # The person confirmed it themselves, so the facilitator who started it may approve it.
    assert services.claim_approve(claim=claim, by=cast.facilitator).status == Status.APPROVED


def test_a_facilitator_who_started_and_phone_confirmed_a_claim_cannot_approve_it(cast):
    set_rate(cast)
    bank_choice(cast.person)
    claim = services.claim_start(
        meeting=attended_meeting(cast), claimant=cast.person, started_by=cast.facilitator
    )
    services.claim_submit(claim=claim, by=cast.facilitator, by_phone=True)
    claim.refresh_from_db()
    assert claim.confirmed_by_phone_by == cast.facilitator
    assert claim.events.last().action == "confirmed by phone"
    with pytest.raises(ValidationError, match="another facilitator must approve it"):
        services.claim_approve(claim=claim, by=cast.facilitator)
    other = add_member(cast.project, Role.FACILITATOR).user
    assert services.claim_approve(claim=claim, by=other).status == Status.APPROVED


def test_only_the_claimant_can_send_a_claim_they_started_themselves(cast):
    set_rate(cast)
    bank_choice(cast.person)
    claim = services.claim_start(meeting=attended_meeting(cast), claimant=cast.person)
    with pytest.raises(ValidationError, match="Only the person claiming"):
        services.claim_submit(claim=claim, by=cast.facilitator, by_phone=True)


@pytest.mark.parametrize("reject", [True, False])
def test_rejecting_or_sending_back_needs_a_reason_that_the_claimant_sees(cast, reject):
    claim = submitted_claim(cast)
    with pytest.raises(ValidationError, match="Say why"):
        services.claim_send_back(claim=claim, by=cast.facilitator, reason=" ", reject=reject)
    services.claim_send_back(claim=claim, by=cast.facilitator, reason="No receipt", reject=reject)
    claim.refresh_from_db()
    assert claim.status == (Status.REJECTED if reject else Status.RETURNED)
    assert claim.reason == "No receipt"
    assert claim.events.last().note == "No receipt"


def test_a_claim_sent_back_can_be_changed_and_sent_again(cast):
    claim = submitted_claim(cast)
    services.claim_send_back(claim=claim, by=cast.facilitator, reason="Add bus", reject=False)
    services.claim_line_add_expense(
        claim=claim,
        expense_type="travel",
        description="Bus",
        amount_pence=300,
        receipt=receipt(),
        receipt_type="application/pdf",
    )
    claim = services.claim_submit(claim=claim, by=cast.person)
    assert (claim.status, claim.gross_pence, claim.reason) == (Status.SUBMITTED, 4300, "")


def test_a_claim_needs_a_way_to_be_paid_the_project_offers(cast):
    set_rate(cast)
    set_policy(cast, offers_voucher=False)
    PaymentChoice.objects.create(user=cast.person, method=Method.VOUCHER)
    claim = services.claim_start(meeting=attended_meeting(cast), claimant=cast.person)
    with pytest.raises(ValidationError, match="does not pay by a voucher"):
        services.claim_submit(claim=claim, by=cast.person)


def test_cash_handed_over_is_recorded_by_the_facilitator_and_the_claim_is_paid(cast):
    PaymentChoice.objects.create(user=cast.person, method=Method.CASH)
    claim = approved_claim(cast)
    with pytest.raises(ValidationError, match="payment to yourself"):
        services.claim_record_handover(claim=claim, by=cast.person, note="")
    with pytest.raises(ValidationError, match="Only a facilitator"):
        services.claim_record_handover(claim=claim, by=cast.commissioner, note="")
    services.claim_record_handover(claim=claim, by=cast.facilitator, note="£40 in cash")
    claim.refresh_from_db()
    assert (claim.status, claim.handed_over_by, claim.handover_note) == (
        Status.PAID,
        cast.facilitator,
        "£40 in cash",
    )
    with pytest.raises(ValidationError):
        services.claim_record_handover(claim=claim, by=cast.facilitator, note="again")
    assert ClaimEvent.objects.filter(claim=claim, action="cash handed over").count() == 1


def test_a_voucher_records_what_was_given(cast):
    PaymentChoice.objects.create(user=cast.person, method=Method.VOUCHER)
    claim = approved_claim(cast)
    with pytest.raises(ValidationError, match="what voucher"):
        services.claim_record_handover(claim=claim, by=cast.facilitator, note="")
    services.claim_record_handover(claim=claim, by=cast.facilitator, note="£40 supermarket voucher")
    claim.refresh_from_db()
    assert claim.status == Status.PAID


def test_a_claim_given_wholly_to_charity_is_done_when_approved(cast):
    bank_choice(cast.person, time_payment=TimePayment.DONATE, charity_name="Mind")
    claim = approved_claim(cast)
    assert (claim.status, claim.donation_pence, claim.payable_pence) == (Status.PAID, 4000, 0)


def test_the_database_refuses_absurd_or_negative_amounts_whatever_code_writes_them(cast):
    from expenses.models import ClaimLine, LineKind, PaymentPolicy

    claim = services.claim_start(meeting=attended_meeting(cast), claimant=cast.person)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimLine.objects.create(claim=claim, kind=LineKind.EXPENSE, amount_pence=100_001)
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(expenses_pence=-1)
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentPolicy.objects.create(project=cast.project, budget_pence=-5)
