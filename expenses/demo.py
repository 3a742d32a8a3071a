"""Demo data for expenses, called by `manage.py seed_demo`: a finance officer, a payment
policy and rate card for the two active demo projects, payment choices and a few claims; then the
fair-expenses pieces (seed_fair_expenses). Running it again changes nothing."""

from datetime import timedelta

from django.contrib.auth.models import Permission
from django.utils import timezone

from projects.models import Project

from . import services
from .models import (
    Activity,
    Claim,
    ClaimKind,
    Method,
    PaymentChoice,
    PaymentPolicy,
    PayoutBatch,
    Rate,
    Status,
    Unit,
)


def _policy_and_rates(project: Project, commissioner) -> None:
    PaymentPolicy.objects.get_or_create(
        project=project,
        defaults={"budget_pence": 500_000, "approval_threshold_pence": 15_000},
    )
    for activity, unit, pence in [
        (Activity.MEETING, Unit.HOUR, 2000),
        (Activity.PREPARATION, Unit.HOUR, 2000),
        (Activity.READING, Unit.HOUR, 2000),
        (Activity.TRAVEL_TIME, Unit.SESSION, 1000),
    ]:
        Rate.objects.create(
            project=project,
            activity=activity,
            unit=unit,
            amount_pence=pence,
            effective_from=project.starts_on,
            created_by=commissioner,
        )


def seed(people: dict, project_title: str, other_titles: list[str]) -> None:
    finance = people["finance@example.com"]
    finance.user_permissions.add(Permission.objects.get(codename="process_payouts"))
    project = Project.objects.get(title=project_title)
    if Claim.objects.filter(project=project).exists():
        return
    commissioner = people["commissioner@example.com"]
    _policy_and_rates(project, commissioner)
    person, carer = people["person@example.com"], people["carer@example.com"]
    PaymentChoice.objects.update_or_create(
        user=person,
        defaults={
            "method": Method.BANK,
            "account_name": "Sam Taylor",
            "sort_code": "309457",
            "account_number": "00733446",
        },
    )
    PaymentChoice.objects.update_or_create(user=carer, defaults={"method": Method.CASH})
    past = list(project.meetings.filter(ends_at__lt=timezone.now()).order_by("starts_at"))
    if len(past) < 2:
        return
    facilitator = people["facilitator@example.com"]
    for email in (
        "amina.begum@example.org",
        "dafydd.jones@example.org",
        "li.wei@example.org",
        "grace.mensah@example.org",
        "tom.oconnor@example.org",
    ):
        PaymentChoice.objects.update_or_create(
            user=people[email],
            defaults={
                "method": Method.BANK,
                "account_name": people[email].full_name,
                "sort_code": "309457",
                "account_number": "00733446",
            },
        )

    def sent(meeting, claimant):
        claim = services.claim_start(meeting=meeting, claimant=claimant)
        return services.claim_submit(claim=claim, by=claimant)

    # A claim in every state, so the payments pages and the finance queue have something in
    # them: waiting (Sam), approved and to be handed over in cash (Jo), paid by bank (Grace,
    # Dafydd), turned down (Tom), sent back for a change (Wei), and Sam's draft.
    sent(past[1], person)
    services.claim_approve(claim=sent(past[0], carer), by=facilitator)
    sent(past[1], people["amina.begum@example.org"])
    # Over the £150 threshold (the meeting, preparation and a long drive): the facilitator has
    # approved it and it waits for the commissioner, so their payments page has one too.
    grace = services.claim_start(meeting=past[1], claimant=people["grace.mensah@example.org"])
    services.claim_line_add_time(claim=grace, activity=Activity.PREPARATION, minutes=240)
    services.claim_line_add_expense(
        claim=grace,
        expense_type="mileage",
        description="There and back by car",
        amount_pence=0,
        miles=90,
    )
    services.claim_approve(
        claim=services.claim_submit(claim=grace, by=grace.claimant), by=facilitator
    )
    for email in ("grace.mensah@example.org", "dafydd.jones@example.org"):
        services.claim_approve(claim=sent(past[0], people[email]), by=facilitator)
    # The other projects pay Sam for their last meeting in the same run, so each of their rows
    # in the commissioner's portfolio, and their impact reports, have a pay speed too.
    others = {}
    for title in other_titles:
        other = Project.objects.get(title=title)
        _policy_and_rates(other, commissioner)
        last_met = other.meetings.filter(ends_at__lt=timezone.now()).order_by("starts_at").last()
        if last_met:
            services.claim_approve(claim=sent(last_met, person), by=facilitator)
            others[other] = last_met
    for batch_id in services.payout_run():
        services.batch_mark_submitted(batch=PayoutBatch.objects.get(pk=batch_id), by=finance)
    # Jo has claimed for the last meeting of the other projects too, waiting for the
    # facilitator: her payments in each project, and their claim lists, show one.
    for last_met in others.values():
        sent(last_met, carer)
    # Sent some working days before they were paid, as in real life, so that the portfolio's
    # and the impact report's pay speed have something true to show.
    # They are paid now, at seeding, so three days back keeps them inside the promised date
    # whatever the day and hour the demo is made.
    sent_at = timezone.now() - timedelta(days=3)
    Claim.objects.filter(project=project, status=Status.PAID).update(
        submitted_at=max(past[0].ends_at + timedelta(hours=2), sent_at)
    )
    for other, last_met in others.items():
        Claim.objects.filter(project=other, status=Status.PAID).update(
            submitted_at=max(last_met.ends_at + timedelta(hours=2), sent_at)
        )
    services.claim_send_back(
        claim=sent(past[0], people["tom.oconnor@example.org"]),
        by=facilitator,
        reason="This meeting was paid in the last batch already.",
        reject=True,
    )
    services.claim_send_back(
        claim=sent(past[1], people["li.wei@example.org"]),
        by=facilitator,
        reason="Please add the bus ticket for the travel you claimed.",
        reject=False,
    )
    services.claim_start(meeting=past[0], claimant=person)  # a draft


def seed_fair_expenses(people: dict, project_title: str) -> None:
    """A receipt threshold, rates for work between meetings, a claim for such work (Sam) and a
    travel advance for the next meeting (Sam, approved). Running it again changes nothing."""
    project = Project.objects.get(title=project_title)
    PaymentPolicy.objects.filter(project=project, receipt_threshold_pence=0).update(
        receipt_threshold_pence=1000
    )
    commissioner = people["commissioner@example.com"]
    for activity in (Activity.PHONE_CALL, Activity.SURVEY):
        Rate.objects.get_or_create(
            project=project,
            activity=activity,
            defaults={
                "unit": Unit.HOUR,
                "amount_pence": 2000,
                "effective_from": project.starts_on,
                "created_by": commissioner,
            },
        )
    person = people["person@example.com"]
    if not Claim.objects.filter(project=project, kind=ClaimKind.BETWEEN_MEETINGS).exists():
        claim = services.claim_between_meetings_start(
            project=project,
            claimant=person,
            activity=Activity.PHONE_CALL,
            minutes=90,
            day=timezone.localdate() - timedelta(days=3),
            description="Phone calls to members about the short breaks survey",
        )
        services.claim_submit(claim=claim, by=person)
    upcoming = (
        project.meetings.filter(starts_at__gt=timezone.now(), cancelled_at__isnull=True)
        .order_by("starts_at")
        .first()
    )
    has_advance = Claim.objects.filter(project=project, kind=ClaimKind.ADVANCE).exists()
    if upcoming and not has_advance:
        advance = services.advance_request(
            meeting=upcoming,
            claimant=person,
            description="Train there and back",
            amount_pence=2450,
        )
        services.claim_approve(claim=advance, by=people["facilitator@example.com"])
