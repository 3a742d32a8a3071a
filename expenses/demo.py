"""Demo data for expenses, called by `manage.py seed_demo`: a finance officer, a payment
policy and rate card for the first demo project, payment choices and a few claims. Running it
again changes nothing."""

from django.contrib.auth.models import Permission
from django.utils import timezone

from projects.models import Project

from . import services
from .models import Activity, Claim, Method, PaymentChoice, PaymentPolicy, Rate, Unit


def seed(people: dict, project_title: str) -> None:
    finance = people["finance@example.com"]
    finance.user_permissions.add(Permission.objects.get(codename="process_payouts"))
    project = Project.objects.get(title=project_title)
    if Claim.objects.filter(project=project).exists():
        return
    commissioner = people["commissioner@example.com"]
    PaymentPolicy.objects.get_or_create(
        project=project,
        defaults={"budget_pence": 500_000, "approval_threshold_pence": 15_000},
    )
    start = project.starts_on
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
            effective_from=start,
            created_by=commissioner,
        )
    person, carer = people["person@example.com"], people["carer@example.com"]
    PaymentChoice.objects.update_or_create(
        user=person,
        defaults={
            "method": Method.BANK,
            "account_name": "Sam Taylor",
            "sort_code": "309457",
            "account_number": "00733445",
        },
    )
    PaymentChoice.objects.update_or_create(user=carer, defaults={"method": Method.CASH})
    past = list(project.meetings.filter(ends_at__lt=timezone.now()).order_by("starts_at"))
    if len(past) < 2:
        return
    submitted = services.claim_start(meeting=past[1], claimant=person)
    services.claim_submit(claim=submitted, by=person)
    approved = services.claim_start(meeting=past[0], claimant=carer)
    services.claim_submit(claim=approved, by=carer)
    services.claim_approve(claim=approved, by=people["facilitator@example.com"])
    services.claim_start(meeting=past[0], claimant=person)  # a draft
