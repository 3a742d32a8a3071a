"""Working days skip weekends and bank holidays (issue 17, part 4): those of England and Wales,
when Bacs does not run, and the organisation's own in Scotland or Northern Ireland; the
promised "paid by" day, each batch's dates and the finance pages follow."""

from datetime import date, datetime

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.urls import reverse

from expenses import services
from expenses.models import PayoutBatch
from expenses.schedule import (
    bacs_dates,
    expected_payment_date,
    is_working_day,
    next_payout_day,
)
from tests.base import LONDON, give_second_factor
from tests.expenses.helpers import approved_claim, attended_meeting

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "region, day, working",
    [
        ("england-and-wales", date(2026, 4, 3), False),  # Good Friday
        ("england-and-wales", date(2026, 4, 6), False),  # Easter Monday
        ("england-and-wales", date(2026, 12, 28), False),  # Boxing Day, moved to the Monday
        ("england-and-wales", date(2023, 5, 8), False),  # the coronation: a one-off
        ("england-and-wales", date(2026, 11, 30), True),  # St Andrew's Day is Scotland's
        ("scotland", date(2026, 11, 30), False),
        ("scotland", date(2026, 1, 2), False),
        # Bacs does not run on Easter Monday, though it is no holiday in Scotland.
        ("scotland", date(2026, 4, 6), False),
        ("northern-ireland", date(2026, 3, 17), False),  # St Patrick's Day
        ("northern-ireland", date(2026, 7, 13), False),  # the Battle of the Boyne, moved
        ("england-and-wales", date(2026, 3, 17), True),
        ("england-and-wales", date(2026, 12, 5), False),  # a Saturday
    ],
)
def test_working_days_skip_the_bank_holidays_of_the_region(settings, region, day, working):
    settings.BANK_HOLIDAY_REGION = region
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    "region, now, payout_day, paid_by",
    [
        # Thursday before Easter: Good Friday and Easter Monday are skipped.
        ("england-and-wales", datetime(2026, 4, 2, 9, 0), date(2026, 4, 7), date(2026, 4, 9)),
        # Christmas Eve: Christmas Day, the weekend and Boxing Day on the Monday skipped.
        ("england-and-wales", datetime(2026, 12, 24, 9, 0), date(2026, 12, 29), date(2026, 12, 31)),
        # A batch before Christmas: made Wednesday, day 2 Thursday, day 3 after four days off.
        ("england-and-wales", datetime(2026, 12, 23, 5, 0), date(2026, 12, 23), date(2026, 12, 29)),
        # Friday before St Andrew's Day: Monday is a working day in England, not in Scotland.
        ("england-and-wales", datetime(2026, 11, 27, 9, 0), date(2026, 11, 30), date(2026, 12, 2)),
        ("scotland", datetime(2026, 11, 27, 9, 0), date(2026, 12, 1), date(2026, 12, 3)),
    ],
)
def test_the_paid_by_day_skips_weekends_and_bank_holidays(
    settings, region, now, payout_day, paid_by
):
    settings.BANK_HOLIDAY_REGION = region
    now = now.replace(tzinfo=LONDON)
    assert next_payout_day(now) == payout_day
    assert expected_payment_date(now) == paid_by


def test_a_batch_made_on_a_bank_holiday_is_sent_the_next_working_day():
    # The beat job runs on weekdays, Easter Monday too: that batch is sent on Tuesday (day 1),
    # processed on Wednesday and in people's accounts on Thursday.
    assert bacs_dates(date(2026, 4, 6)) == (date(2026, 4, 8), date(2026, 4, 9))
    # Made on an ordinary Thursday before Good Friday: processed the Tuesday after Easter.
    assert bacs_dates(date(2026, 4, 2)) == (date(2026, 4, 7), date(2026, 4, 8))


def test_the_claimant_is_promised_a_day_after_the_easter_holidays(client, cast):
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=LONDON), tick=False):
        claim = approved_claim(cast, meeting=attended_meeting(cast, days_ago=3))
        client.force_login(cast.person)
        page = client.get(reverse("claim-detail", args=[cast.project.pk, claim.pk])).text
    assert "Paid by Thursday 9 April" in page


def test_the_finance_officer_sees_when_to_send_the_file_and_when_the_money_arrives(client, cast):
    approved_claim(cast)
    [batch_id] = services.payout_run(now=datetime(2026, 4, 2, 6, 0, tzinfo=LONDON))
    batch = PayoutBatch.objects.get(pk=batch_id)
    assert (batch.created_on, batch.processing_date, batch.value_date) == (
        date(2026, 4, 2),
        date(2026, 4, 7),
        date(2026, 4, 8),
    )
    assert batch.send_by == date(2026, 4, 2)
    officer = cast.outsider
    officer.user_permissions.add(Permission.objects.get(codename="process_payouts"))
    give_second_factor(officer)
    client.force_login(officer)
    listing = client.get(reverse("finance-batch-list")).text
    assert "Money arrives" in listing and "Wed 8 Apr 2026" in listing
    detail = client.get(reverse("finance-batch-detail", args=[batch_id])).text
    assert "By Thursday 2 April 2026, before your bank" in detail
    assert "Tuesday 7 April 2026" in detail  # processing day, after Easter
    assert "Money arrives in people's accounts" in detail
    assert "Wednesday 8 April 2026" in detail
