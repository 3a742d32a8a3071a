"""How fast people are paid: working days from a claim's submission to the day the money is
due in their account, and whether that was by the date they were promised (DESIGN.md, section
8). Weekends and UK bank holidays are not working days (expenses/schedule.py).

Claims do not store the date promised when they were submitted, so it is worked out the way the
portal promises it: a facilitator decides within WAITING_WORKING_DAYS (after which they are
reminded), and an approved claim is paid by the next payout run and the Bacs cycle
(expected_payment_date).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from django.utils import timezone

from expenses.reminder_kinds import waiting_due_at
from expenses.schedule import PAYOUT_TIME, expected_payment_date, is_working_day, local_day

# The portfolio's window: claims paid in the last 90 days.
WINDOW = timedelta(days=90)


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 if paid the same day)."""
    days, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            days += 1
    return days


def promised_on(submitted_at: datetime) -> date:
    """The day a claim submitted at `submitted_at` was promised to be in the person's account."""
    return expected_payment_date(waiting_due_at(submitted_at))


@dataclass
class PaySpeed:
    """The speed of a set of paid claims."""

    paid: int = 0
    median_working_days: Decimal | None = None
    on_time: int = 0

    @property
    def on_time_percent(self) -> int | None:
        """The share paid by the promised date, as a whole percentage."""
        if not self.paid:
            return None
        share = Decimal(100 * self.on_time) / self.paid
        return int(share.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def pay_speed(claims) -> PaySpeed:
    """The speed of `claims`: (submitted_at, paid_at) pairs of paid claims."""
    days, on_time = [], 0
    # Thousands of claims fall on far fewer days: each day's sums are worked out once. The
    # promised date depends only on the UK day of submission and on whether it was before
    # the payout run's time (the wait keeps the time of day; next_payout_day compares it).
    between, promised = {}, {}
    for submitted_at, paid_at in claims:
        paid_on = local_day(paid_at)
        span = (local_day(submitted_at), paid_on)
        if span not in between:
            between[span] = working_days_between(*span)
        days.append(between[span])
        local = timezone.localtime(submitted_at)  # as waiting_due_at reads it
        when = (local.date(), local.time() <= PAYOUT_TIME)
        if when not in promised:
            promised[when] = promised_on(submitted_at)
        on_time += paid_on <= promised[when]
    if not days:
        return PaySpeed()
    middle = Decimal(median(days)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return PaySpeed(paid=len(days), median_working_days=middle, on_time=on_time)
