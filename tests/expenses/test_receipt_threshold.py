"""Issue 20, item 11: a receipt threshold in the payment policy. Under it no receipt is
needed; at or over it a receipt is required, with an error that says what to do."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from expenses import services
from expenses.models import PaymentPolicy
from tests.expenses.helpers import attended_meeting, receipt, set_policy, set_rate

pytestmark = pytest.mark.django_db


def _draft(cast):
    set_rate(cast)
    return services.claim_start(meeting=attended_meeting(cast), claimant=cast.person)


def _add(client, cast, claim, amount, **data):
    client.force_login(cast.person)
    url = reverse("claim-expense-add", args=[cast.project.pk, claim.pk])
    fields = {"expense_type": "travel", "description": "Bus fare", "amount_pence": amount}
    return client.post(url, fields | data)


def test_an_expense_under_the_threshold_needs_no_receipt(client, cast):
    set_policy(cast, receipt_threshold_pence=1000)
    claim = _draft(cast)
    response = _add(client, cast, claim, "9.99")
    assert response.status_code == 302
    line = claim.lines.get(kind="expense")
    assert (line.amount_pence, line.receipt.name) == (999, "")


def test_an_expense_at_the_threshold_needs_a_receipt_and_says_so(client, cast):
    set_policy(cast, receipt_threshold_pence=1000)
    claim = _draft(cast)
    response = _add(client, cast, claim, "10.00")
    assert response.status_code == 200
    assert "this project needs one for expenses of £10.00 or more" in response.text
    assert not claim.lines.filter(kind="expense").exists()
    assert _add(client, cast, claim, "10.00", receipt=receipt()).status_code == 302


def test_the_service_refuses_an_expense_over_the_threshold_without_a_receipt(cast):
    set_policy(cast, receipt_threshold_pence=500)
    claim = _draft(cast)
    with pytest.raises(ValidationError, match="£5.00 or more"):
        services.claim_line_add_expense(
            claim=claim, expense_type="travel", description="Taxi", amount_pence=500
        )
    services.claim_line_add_expense(
        claim=claim, expense_type="travel", description="Bus", amount_pence=499
    )
    assert claim.lines.filter(kind="expense").count() == 1


def test_without_a_threshold_every_expense_but_mileage_needs_a_receipt(cast):
    claim = _draft(cast)
    with pytest.raises(ValidationError, match="Add a photo or PDF of the receipt"):
        services.claim_line_add_expense(
            claim=claim, expense_type="travel", description="Bus", amount_pence=1
        )
    services.claim_line_add_expense(
        claim=claim, expense_type="mileage", description="Drive", amount_pence=0, miles=10
    )


def test_the_commissioner_sets_the_threshold_and_everyone_is_told_it(client, cast):
    client.force_login(cast.commissioner)
    client.reauthenticate(cast.commissioner)
    response = client.post(
        reverse("payment-policy-edit", args=[cast.project.pk]),
        {
            "budget_pence": "5000",
            "expense_types": ["travel"],
            "mileage_pence_per_mile": "0.45",
            "receipt_threshold_pence": "15",
            "methods": ["bank"],
        },
    )
    assert response.status_code == 302
    assert PaymentPolicy.objects.get(project=cast.project).receipt_threshold_pence == 1500
    client.force_login(cast.person)
    page = client.get(reverse("claim-list", args=[cast.project.pk]))
    assert "Expenses of £15.00 or more need a receipt" in page.text
