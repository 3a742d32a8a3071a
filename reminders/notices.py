"""Notices: one-off messages about something that has just happened (a role changed, bank
details changed, a claim sent back), as opposed to reminders, which are planned from the data.

A notice is recorded in the same transaction as the change it reports: if the change rolls
back, so does the notice; once it commits, the next sending run sends it on each person's
channel and in their format, once (the delivery's unique key), exactly like a reminder.
A kind of notice registers with `plan` returning nothing, since its rows are recorded here.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from . import preferences
from .models import Delivery


@dataclass(frozen=True)
class NoticeTo:
    recipient_id: int
    subject: str
    occurrence: str
    project_id: int | None = None


def notices_record(*, kind: str, notices: Iterable[NoticeTo]) -> None:
    """Record notices of one kind, due now, in a fixed number of queries whatever their number
    (a payout run may tell hundreds of people at once). Recording the same (recipient, kind,
    subject, occurrence) twice records it once."""
    notices = list(notices)
    if not notices:
        return
    prefs = preferences.load({n.recipient_id for n in notices})
    now = timezone.now()
    Delivery.objects.bulk_create(
        [
            Delivery(
                recipient_id=n.recipient_id,
                kind=kind,
                subject=n.subject,
                occurrence=n.occurrence,
                project_id=n.project_id,
                channel=prefs[n.recipient_id].channel,
                due_at=now,
            )
            for n in notices
        ],
        ignore_conflicts=True,
    )


def notice_record(
    *,
    kind: str,
    recipient_ids: Iterable[int],
    subject: str,
    occurrence: str,
    project_id: int | None = None,
) -> None:
    """One notice about one thing, for each of `recipient_ids`."""
    notices_record(
        kind=kind,
        notices=[NoticeTo(r, subject, occurrence, project_id) for r in set(recipient_ids)],
    )


class Notice:
    """What every kind of notice shares: nothing to plan, and always worth sending (it
    reports a change that has happened)."""

    urgent = False
    stoppable = True

    def plan(self, now, prefs_for) -> list[Delivery]:
        return []

    def still_useful(self, deliveries, now) -> dict[int, str]:
        return {}


class SecurityNotice(Notice):
    """A change the person may not have made themselves (their role, their bank details):
    sent at once, neither held for quiet hours or the daily summary, and it cannot be stopped,
    so that someone who did not make the change learns of it."""

    urgent = True
    stoppable = False
