"""Notices: one-off messages about something that has just happened (a role changed, bank
details changed, a claim sent back), as opposed to reminders, which are planned from the data.

A notice is recorded in the same transaction as the change it reports: if the change rolls
back, so does the notice; once it commits, the next sending run sends it on each person's
channel and in their format, once (the delivery's unique key), exactly like a reminder.
A kind of notice registers with `plan` returning nothing, since its rows are recorded here.
"""

from collections.abc import Iterable

from django.utils import timezone

from . import preferences
from .models import Delivery


def notice_record(
    *,
    kind: str,
    recipient_ids: Iterable[int],
    subject: str,
    occurrence: str,
    project_id: int | None = None,
) -> None:
    """Record one notice for each recipient, due now. Recording the same (recipient, kind,
    subject, occurrence) twice records it once. One query for preferences, one insert."""
    recipient_ids = set(recipient_ids)
    if not recipient_ids:
        return
    prefs = preferences.load(recipient_ids)
    now = timezone.now()
    Delivery.objects.bulk_create(
        [
            Delivery(
                recipient_id=recipient_id,
                kind=kind,
                subject=subject,
                occurrence=occurrence,
                project_id=project_id,
                channel=prefs[recipient_id].channel,
                due_at=now,
            )
            for recipient_id in recipient_ids
        ],
        ignore_conflicts=True,
    )


class Notice:
    """What every kind of notice shares: nothing to plan, and always worth sending (it
    reports a change that has happened)."""

    urgent = False
    stoppable = True


class SecurityNotice(Notice):
    """A change the person may not have made themselves (their role, their bank details):
    sent at once, neither held for quiet hours or the daily summary, and it cannot be stopped,
    so that someone who did not make the change learns of it."""

    urgent = True
    stoppable = False

    def plan(self, now, prefs_for) -> list[Delivery]:
        return []

    def still_useful(self, deliveries, now) -> dict[int, str]:
        return {}
