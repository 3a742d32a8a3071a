from datetime import datetime, time, timedelta

from django.utils import timezone

from datepolls import services
from tests.base import LONDON


def day(days_from_now: int):
    return timezone.localdate() + timedelta(days=days_from_now)


def slot(days_from_now: int, start=10, end=12):
    d = day(days_from_now)
    return (datetime.combine(d, time(start), LONDON), datetime.combine(d, time(end), LONDON))


def open_poll(cast, title="Summer events", days=(10, 12, 14)):
    return services.date_poll_open(
        project=cast.project,
        by=cast.facilitator,
        title=title,
        note="",
        dates=[slot(d) for d in days],
    )
