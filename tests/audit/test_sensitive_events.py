"""Views of access needs and bank details, claim and payout changes and charter publications
are in the audit trail, and no entry holds the sensitive values themselves."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from accessibility.models import Importance, ShareLevel
from audit.models import Action, Entry
from expenses import services as expense_services
from expenses.models import PayoutBatch
from tests.accessibility.helpers import give_needs, share
from tests.base import give_second_factor
from tests.charters.helpers import publish
from tests.expenses.helpers import approved_claim

pytestmark = pytest.mark.django_db

CANARY = "canary-7f3e-hoist-needed"


def _all_entry_text() -> str:
    return " ".join(f"{e.target} {e.detail} {e.get_action_display()}" for e in Entry.objects.all())


def test_viewing_shared_access_needs_is_recorded_without_the_needs(client, cast):
    give_needs(cast.person, ("step-free", Importance.ESSENTIAL, CANARY), own_words=CANARY)
    share(cast.person, cast.project, ShareLevel.EVERYTHING)
    client.force_login(cast.facilitator)
    page = client.get(reverse("project-access", args=[cast.project.pk]))
    assert CANARY in page.text  # the facilitator was given everything
    entry = Entry.objects.get(action=Action.ACCESS_NEEDS_VIEWED)
    assert (entry.actor, entry.subject, entry.project) == (
        cast.facilitator,
        cast.person,
        cast.project,
    )
    assert CANARY not in _all_entry_text()


def test_claim_changes_payouts_and_payment_file_downloads_are_recorded(client, cast, settings):
    settings.BACS_ORIGINATOR_SORT_CODE = "401234"
    settings.BACS_ORIGINATOR_ACCOUNT = "12345678"
    settings.BACS_ORIGINATOR_NAME = "Coproduce Council"
    settings.BACS_ORIGINATOR_SERVICE_USER_NUMBER = "123456"
    claim = approved_claim(cast)
    [batch_id] = expense_services.payout_run()
    officer = cast.outsider
    officer.user_permissions.add(Permission.objects.get(codename="process_payouts"))
    give_second_factor(officer)  # finance officers need one
    client.force_login(officer)
    client.reauthenticate(officer)  # a payment file asks for the password again
    response = client.get(reverse("finance-batch-download", args=[batch_id, "bacs"]))
    assert b"00733446" in response.content  # the file holds the whole account number
    expense_services.batch_mark_submitted(batch=PayoutBatch.objects.get(pk=batch_id), by=officer)

    claim_changes = Entry.objects.filter(action=Action.CLAIM_CHANGED, subject=cast.person)
    assert [e.detail for e in claim_changes.order_by("at", "id")] == [
        "started: draft",
        "submitted: draft to submitted",
        "approved: submitted to approved",
        "in payout batch: approved to scheduled",
        "paid: scheduled to paid",
    ]
    assert {e.target for e in claim_changes} == {f"claim:{claim.pk}"}
    assert list(
        Entry.objects.filter(action=Action.PAYOUT_CHANGED).values_list("detail", flat=True)
    ) == ["sent to the bank", "made with 1 payments"]
    viewed = Entry.objects.get(action=Action.BANK_DETAILS_VIEWED)
    assert (viewed.actor, viewed.subject) == (officer, cast.person)
    text = _all_entry_text()
    assert "00733446" not in text and "309457" not in text  # the bank_choice helper's details


def test_publishing_a_charter_is_recorded(cast):
    version = publish(cast.project, cast.facilitator)
    entry = Entry.objects.get(action=Action.CHARTER_PUBLISHED)
    assert (entry.actor, entry.project, entry.detail) == (
        cast.facilitator,
        cast.project,
        f"version {version.number}",
    )
