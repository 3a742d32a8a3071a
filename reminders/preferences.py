"""What each recipient wants, loaded for a whole batch of people in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from .models import Channel, ReminderSettings, StoppedKind

LONDON = ZoneInfo(settings.TIME_ZONE)
SUMMARY_TIME = time(9, 0)


@dataclass
class Preferences:
    channel: str = Channel.EMAIL
    # "standard", "large_print" or "easy_read": which version of the email they get.
    format: str = "standard"
    phone: str = ""
    # Extra notice before a meeting, in days, on top of the usual 7 days and 1 day.
    lead_days: int | None = None
    quiet_from: time = time(21, 0)
    quiet_until: time = time(8, 0)
    daily_summary: bool = False
    stopped: set[str] = field(default_factory=set)

    def in_quiet_hours(self, moment: datetime) -> bool:
        local = moment.astimezone(LONDON).time()
        if self.quiet_from <= self.quiet_until:
            return self.quiet_from <= local < self.quiet_until
        return local >= self.quiet_from or local < self.quiet_until

    def quiet_hours_end(self, moment: datetime) -> datetime:
        """The first moment at or after `moment` outside quiet hours."""
        local = moment.astimezone(LONDON)
        end = datetime.combine(local.date(), self.quiet_until, LONDON)
        if end <= moment:
            end = datetime.combine(local.date() + timedelta(days=1), self.quiet_until, LONDON)
        return end


def next_summary_time(moment: datetime) -> datetime:
    """09:00 UK time on the day of `moment`, or the next day if that has passed.

    Built from the wall-clock time in Europe/London, so it is 09:00 local on the days the
    clocks change too (08:00 UTC in summer, 09:00 UTC in winter).
    """
    local_day = moment.astimezone(LONDON).date()
    at = datetime.combine(local_day, SUMMARY_TIME, LONDON)
    if at < moment:
        at = datetime.combine(local_day + timedelta(days=1), SUMMARY_TIME, LONDON)
    return at


def load(user_ids) -> dict[int, Preferences]:
    """Preferences for these people: three queries whatever their number."""
    from accessibility.contact import contact_preferences_for

    user_ids = set(user_ids)
    prefs = {user_id: Preferences() for user_id in user_ids}
    # Channel, format, phone and notice come from the person's access profile.
    for user_id, contact in contact_preferences_for(user_ids).items():
        p = prefs[user_id]
        p.channel, p.format, p.phone, p.lead_days = (
            contact.channel,
            contact.format,
            contact.phone,
            contact.lead_days,
        )
    for row in ReminderSettings.objects.filter(user_id__any_of=user_ids):
        p = prefs[row.user_id]
        p.quiet_from, p.quiet_until, p.daily_summary = (
            row.quiet_from,
            row.quiet_until,
            row.daily_summary,
        )
    for user_id, kind in StoppedKind.objects.filter(user_id__any_of=user_ids).values_list(
        "user_id", "kind"
    ):
        prefs[user_id].stopped.add(kind)
    return prefs
