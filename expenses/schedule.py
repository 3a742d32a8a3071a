"""When money arrives: working days, the payout run's timetable and the Bacs three-day cycle.

UK weekends are skipped; bank holidays are not known here (the bank moves a file that falls
on one), so a date shown to a person is "by", never "on".
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

# The payout task runs on weekdays at this time, UK time (CELERY_BEAT_SCHEDULE).
PAYOUT_TIME = time(6, 0)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5


def add_working_days(day: date, count: int) -> date:
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def next_payout_day(now: datetime) -> date:
    """The day of the first payout run at or after `now`."""
    local = timezone.localtime(now)
    day = local.date()
    if is_working_day(day) and local.time() <= PAYOUT_TIME:
        return day
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def bacs_dates(created_on: date) -> tuple[date, date]:
    """A file made on `created_on` is sent that day (Bacs day 1), processed the next working
    day (day 2) and in the person's account the working day after (day 3)."""
    processing = add_working_days(created_on, 1)
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
