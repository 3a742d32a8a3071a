"""When money arrives: working days, the payout run's timetable and the Bacs three-day cycle.

A working day is a weekday that is not a bank holiday. Bacs itself closes on the bank holidays
of England and Wales, wherever the payer is; an organisation in Scotland or Northern Ireland
(settings.BANK_HOLIDAY_REGION) is also closed on its own, so there a day must be open in both.
The dates come from the maintained `holidays` package, which knows the one-off holidays (a
coronation, a state funeral) as well as the regular ones.
"""

from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils import timezone

# The payout task runs on weekdays at this time, UK time (CELERY_BEAT_SCHEDULE).
PAYOUT_TIME = time(6, 0)

# BANK_HOLIDAY_REGION: the `holidays` package's subdivisions of the United Kingdom whose bank
# holidays are not working days. England and Wales always, because Bacs does not run on them.
REGIONS = {
    "england-and-wales": ("ENG",),
    "scotland": ("ENG", "SCT"),
    "northern-ireland": ("ENG", "NIR"),
}


@lru_cache(maxsize=64)
def bank_holidays(year: int, region: str) -> frozenset[date]:
    days: set[date] = set()
    for subdivision in REGIONS[region]:
        days.update(holidays.country_holidays("GB", subdiv=subdivision, years=year))
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year, settings.BANK_HOLIDAY_REGION)


def add_working_days(day: date, count: int) -> date:
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def working_day_on_or_after(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def previous_working_day(day: date) -> date:
    day -= timedelta(days=1)
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def next_payout_day(now: datetime) -> date:
    """The day of the first payout run at or after `now` that counts: the beat job also runs on
    a weekday bank holiday, but a batch made then is sent the next working day, as if made
    that day (bacs_dates)."""
    local = timezone.localtime(now)
    day = local.date()
    if is_working_day(day) and local.time() <= PAYOUT_TIME:
        return day
    return working_day_on_or_after(day + timedelta(days=1))


def bacs_dates(created_on: date) -> tuple[date, date]:
    """A file made on `created_on` is sent that day, or the next working day if it was made on
    a bank holiday (Bacs day 1), processed the next working day (day 2) and in the person's
    account the working day after (day 3). Returns days 2 and 3."""
    processing = add_working_days(working_day_on_or_after(created_on), 1)
    return processing, add_working_days(processing, 1)


def expected_payment_date(now: datetime) -> date:
    """For a claim approved now and paid by bank transfer."""
    return bacs_dates(next_payout_day(now))[1]


def tax_year_start(day: date) -> date:
    """The UK tax year runs from 6 April to 5 April."""
    start = date(day.year, 4, 6)
    return start if day >= start else date(day.year - 1, 4, 6)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def local_day(moment: datetime) -> date:
    return moment.astimezone(timezone.get_default_timezone()).date()


def london_datetime(day: date, at: time) -> datetime:
    return datetime.combine(day, at, timezone.get_default_timezone())
