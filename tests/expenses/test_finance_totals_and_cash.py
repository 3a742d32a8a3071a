"""Issue 20, smaller items: the finance officer sees each person's tax-year total (6 April to
5 April, by the day paid), and records cash paid on the day against an approved claim so that
it is never paid again by Bacs: audited, exactly once."""

from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import Entry
from expenses import services
from expenses.models import Claim, Method, PayoutItem, Status
from tests.base import LONDON, add_member, make_cast, make_user
from tests.expenses.helpers import approved_claim, finance_officer, signed_in_just_now
from tests.races import race
from tests.services import require_postgres

pytestmark = pytest.mark.django_db


def _paid_on(claim, moment):
    Claim.objects.filter(pk=claim.pk).update(status=Status.PAID, paid_at=moment)


def test_the_tax_year_runs_from_6_april_to_5_april_uk_time(client, cast, officer):
    last_day = approved_claim(cast)  # £40 for time
    _paid_on(last_day, datetime(2026, 4, 5, 23, 30, tzinfo=LONDON))
    first_day = approved_claim(cast, expense_pence=450)
    _paid_on(first_day, datetime(2026, 4, 6, 0, 30, tzinfo=LONDON))
    signed_in_just_now(client, officer, "mfa")
    url = reverse("finance-tax-years")
    page = client.get(url, {"year": "2026"}).text
    assert "6 April 2026 to 5 April 2027" in page
    assert "£40.00" in page and "£4.50" in page
    page = client.get(url, {"year": "2025"}).text
    assert "£40.00" in page and "£4.50" not in page


def test_the_tax_year_page_makes_the_same_queries_for_3_and_30_people(
    client, cast, officer, django_assert_num_queries
):
    signed_in_just_now(client, officer, "mfa")
    url = reverse("finance-tax-years")

    def count_for(people):
        while Claim.objects.filter(status=Status.PAID).count() < people:
            user = add_member(cast.project, "carer").user
            claim = approved_claim(cast, claimant=user)
            _paid_on(claim, datetime(2026, 5, 1, 12, tzinfo=LONDON))
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, {"year": "2026"}).status_code == 200
        return len(queries)

    assert count_for(3) == count_for(30)


def _cash_url(claim):
    return reverse("finance-cash-record", args=[claim.pk])


def test_cash_paid_on_the_day_is_recorded_once_and_the_payout_run_leaves_it(client, cast, officer):
    claim = approved_claim(cast)
    signed_in_just_now(client, officer, "mfa")
    assert f"Claim {claim.pk}" in client.get(reverse("finance-cash-list")).text
    response = client.post(
        _cash_url(claim), {"amount_pence": "40.00", "note": "Fred, at the meeting"}
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.method, claim.handed_over_by) == (Status.PAID, Method.CASH, officer)
    assert services.payout_run() == []
    assert not PayoutItem.objects.exists()
    assert Entry.objects.filter(target=f"claim:{claim.pk}", detail__contains="cash").exists()
    again = client.post(_cash_url(claim), {"amount_pence": "40.00", "note": "Again"})
    assert "not waiting to be paid: it is paid" in again.text
    assert claim.events.filter(action="cash paid on the day").count() == 1


def test_cash_is_refused_for_a_claim_already_in_a_batch_or_of_another_amount(cast):
    officer = finance_officer()
    claim = approved_claim(cast)
    with pytest.raises(ValidationError, match="whole amount"):
        services.claim_record_cash_on_the_day(
            claim=claim, by=officer, amount_pence=3999, note="Fred"
        )
    services.payout_run()
    with pytest.raises(ValidationError, match="already in a payout batch"):
        services.claim_record_cash_on_the_day(
            claim=claim, by=officer, amount_pence=4000, note="Fred"
        )


def test_nobody_records_cash_paid_to_themselves(cast):
    officer = finance_officer()
    add_member(cast.project, "carer", officer)
    claim = approved_claim(cast, claimant=officer)
    with pytest.raises(ValidationError, match="to yourself"):
        services.claim_record_cash_on_the_day(claim=claim, by=officer, amount_pence=4000, note="Me")
    with pytest.raises(ValidationError, match="Only a finance officer"):
        services.claim_record_cash_on_the_day(
            claim=claim, by=make_user(), amount_pence=4000, note="Me"
        )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_cash_recorded_while_a_payout_run_takes_the_claim_pays_it_once():
    require_postgres()
    cast = make_cast()
    officer = finance_officer()
    claim = approved_claim(cast)
    errors = race(
        lambda: services.claim_record_cash_on_the_day(
            claim=claim, by=officer, amount_pence=4000, note="Fred"
        ),
        services.payout_run,
    )
    claim.refresh_from_db()
    in_batch = PayoutItem.objects.filter(claim=claim).exists()
    # Either the run took it (and the cash was refused), or the cash was recorded first (and
    # the run found nothing): never both.
    if in_batch:
        assert claim.status == Status.SCHEDULED and len(errors) == 1
    else:
        assert (claim.status, claim.method, errors) == (Status.PAID, Method.CASH, [])
