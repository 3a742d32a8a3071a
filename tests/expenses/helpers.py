"""Rows for the expenses tests: a past meeting the cast attended, a rate card, payment
choices, and claims in each state."""

import io
from datetime import timedelta

from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from expenses import services
from expenses.models import (
    Activity,
    Method,
    PaymentChoice,
    PaymentPolicy,
    PayoutBatch,
    Rate,
    Unit,
)
from projects.models import Attendance
from tests.base import give_second_factor, make_meeting, make_user


def image_bytes(pillow_format="PNG", size=(8, 4), **save_options) -> bytes:
    """A small real image: left half red, right half blue, so a turn shows."""
    image = Image.new("RGB", size, "red")
    image.paste("blue", (size[0] // 2, 0, size[0], size[1]))
    output = io.BytesIO()
    image.save(output, format=pillow_format, **save_options)
    return output.getvalue()


# The smallest files that are what they say they are.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = image_bytes("PNG")


# The payment choice form filled in for a bank transfer.
BANK_FORM = {
    "method": "bank",
    "account_name": "Pat Example",
    "sort_code": "30-94-57",
    "account_number": "00733446",
    "time_payment": "full",
}


def finance_officer(name="fiona"):
    user = make_user(name)
    user.user_permissions.add(Permission.objects.get(codename="process_payouts"))
    give_second_factor(user)  # finance officers need one
    return user


def signed_in_just_now(client, user, method="password"):
    """Signed in, and the password (or with method "mfa" a code from the app) given again
    just now, as the pages that move money ask."""
    client.force_login(user)
    client.reauthenticate(user, method)


def receipt(name="ticket.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def attended_meeting(cast, days_ago: int = 3, people=None, **fields):
    """A two-hour meeting in the past that the person and the carer attended."""
    meeting = make_meeting(cast.project, days_from_now=-days_ago, **fields)
    for user in people or (cast.person, cast.carer):
        Attendance.objects.create(meeting=meeting, user=user, attended=True)
    return meeting


def set_rate(cast, pence=2000, unit=Unit.HOUR, activity=Activity.MEETING, days_ago=365):
    return Rate.objects.create(
        project=cast.project,
        activity=activity,
        unit=unit,
        amount_pence=pence,
        effective_from=timezone.localdate() - timedelta(days=days_ago),
        created_by=cast.commissioner,
    )


def set_policy(cast, **fields) -> PaymentPolicy:
    policy, _ = PaymentPolicy.objects.update_or_create(project=cast.project, defaults=fields)
    return policy


def bank_choice(user, sort_code="309457", account_number="00733446", **fields):
    return PaymentChoice.objects.update_or_create(
        user=user,
        defaults={
            "method": Method.BANK,
            "account_name": f"{user.display_name} Example",
            "sort_code": sort_code,
            "account_number": account_number,
            **fields,
        },
    )[0]


def submitted_claim(cast, claimant=None, meeting=None, expense_pence=0):
    """A claim for the meeting payment (2 hours at £20 = £40), plus an expense, submitted."""
    claimant = claimant or cast.person
    if not Rate.objects.filter(project=cast.project).exists():
        set_rate(cast)
    meeting = meeting or attended_meeting(cast, people=[claimant])
    if not PaymentChoice.objects.filter(user=claimant).exists():
        bank_choice(claimant)
    claim = services.claim_start(meeting=meeting, claimant=claimant)
    if expense_pence:
        services.claim_line_add_expense(
            claim=claim,
            expense_type="travel",
            description="Bus fare",
            amount_pence=expense_pence,
            receipt=receipt(),
            receipt_type="application/pdf",
        )
    return services.claim_submit(claim=claim, by=claimant)


def approved_claim(cast, **kwargs):
    claim = submitted_claim(cast, **kwargs)
    return services.claim_approve(claim=claim, by=cast.facilitator)


def a_batch(cast) -> PayoutBatch:
    approved_claim(cast)
    [batch_id] = services.payout_run()
    return PayoutBatch.objects.get(pk=batch_id)
