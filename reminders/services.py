"""Planning and sending reminders, exactly once.

Planning records what is due (the unique key on Delivery stops a second row). Sending claims
rows with a conditional update tagged with a claim token before it sends anything, so two beat
processes, or one task delivered twice, never send the same row twice. Every step works on a
batch of rows in a fixed number of queries.
"""

import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import changes, channels, preferences
from .kinds import KINDS, is_stoppable
from .models import (
    CalendarFeed,
    Channel,
    Delivery,
    Kind,
    Status,
    StoppedKind,
    new_feed_token,
)

log = logging.getLogger(__name__)

BATCH_SIZE = 500
MAX_ATTEMPTS = 5
# A row claimed this long ago by a worker that never finished (it crashed) is sent again.
# This is the one place a reminder could go twice: a crash after the mail server accepted the
# batch but before the rows were marked sent. We prefer that to losing reminders.
STALE_CLAIM = timedelta(minutes=15)


def reminders_plan(*, now: datetime) -> int:
    """Record every reminder that is due by `now` and not yet recorded. Returns how many.

    Idempotent: existing keys are skipped, and a concurrent planner's rows are ignored by
    the unique constraint. A kind whose data has not changed since its last plan is skipped, or
    only records the occurrences of that plan's look-ahead that have come due
    (reminders/changes.py).
    """
    created = 0
    version = changes.data_version()
    for source in KINDS.values():
        if changes.may_skip(source.kind, version, now):
            continue
        due = changes.came_due(source.kind, version, now)
        if due is not None:
            created += _record(source.kind, due)
            changes.forget_due(source.kind, now)
            continue
        created += _record(source.kind, source.plan(now, preferences.load))
        # Only once recorded: a run that fails on the way leaves the kind to be planned again.
        ahead = source.plan(now + changes.LOOKAHEAD, preferences.load)
        changes.remember(source.kind, version, now, ahead)
    return created


def _record(kind: str, rows: list[Delivery]) -> int:
    """Insert the rows not recorded yet; how many."""
    if not rows:
        return 0
    existing = set(
        Delivery.objects.filter(kind=kind, subject__any_of={r.subject for r in rows}).values_list(
            "recipient_id", "subject", "occurrence"
        )
    )
    new = [r for r in rows if (r.recipient_id, r.subject, r.occurrence) not in existing]
    # Each person's channel (from their access profile) is fixed when the row is recorded.
    prefs = preferences.load({r.recipient_id for r in new})
    for row in new:
        row.channel = prefs[row.recipient_id].channel
    Delivery.objects.bulk_create(new, ignore_conflicts=True, batch_size=1000)
    return len(new)


def _claim_batch(now: datetime, size: int) -> str | None:
    token = uuid.uuid4().hex
    with transaction.atomic():
        ids = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(status=Status.PENDING, due_at__lte=now)
            .order_by("due_at", "id")
            .values_list("id", flat=True)[:size]
        )
        if not ids:
            return None
        # The status guard makes the claim safe on databases without SKIP LOCKED too.
        claimed = Delivery.objects.filter(id__in=ids, status=Status.PENDING).update(
            status=Status.SENDING, claimed_at=now, claim=token
        )
    return token if claimed else ""


def reminders_send(*, now: datetime, batch_size: int = BATCH_SIZE) -> int:
    """Send every claimed-and-due reminder, batch by batch. Returns how many went out."""
    Delivery.objects.filter(status=Status.SENDING, claimed_at__lt=now - STALE_CLAIM).update(
        status=Status.PENDING
    )
    sent = 0
    while (token := _claim_batch(now, batch_size)) is not None:
        if token:
            sent += _deliver(token, now)
    return sent


def reminder_kind_stop(*, user_id: int, kind: str) -> None:
    """Stop one kind of reminder for a person (from a signed link). Twice is the same as once.
    Kinds that may not be stopped are left alone."""
    if not is_stoppable(kind):
        return
    StoppedKind.objects.get_or_create(user_id=user_id, kind=kind)


def reminder_todo_done(*, delivery: Delivery, done_by) -> None:
    """A facilitator phoned or wrote to the person. Only a to-do that is still open changes."""
    Delivery.objects.filter(pk=delivery.pk, status=Status.TODO).update(
        status=Status.DONE, done_by=done_by, sent_at=timezone.now()
    )


def calendar_feed_reset(*, user) -> CalendarFeed:
    """Give the person a new secret calendar address; the old one stops working at once."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    feed.token = new_feed_token()
    feed.reset_at = timezone.now()
    feed.save(update_fields=["token", "reset_at"])
    return feed


def reminders_tick(*, now: datetime | None = None) -> tuple[int, int]:
    """One run of the every-minute job: plan, then send."""
    now = now or timezone.now()
    return reminders_plan(now=now), reminders_send(now=now)


@dataclass
class _Outgoing:
    message: object
    rows: list  # the deliveries this email carries: one, or a day's worth in a summary
    summary: bool = False


class _Batch:
    """The outcome of one claimed batch, written back in one bulk update."""

    def __init__(self, rows, now, token):
        self.rows, self.now, self.token = rows, now, token
        self.emails: list[_Outgoing] = []
        self.summaries = defaultdict(list)  # recipient -> [(delivery, extra)]

    def finish(self, row, status, outcome=""):
        row.status, row.outcome = status, str(outcome)
        if status in (Status.SENT, Status.IN_SUMMARY):
            row.sent_at = self.now

    def postpone(self, row, until):
        row.status, row.due_at = Status.PENDING, until

    def retry(self, row, error):
        row.attempts += 1
        if row.attempts >= MAX_ATTEMPTS:
            self.finish(row, Status.FAILED, error)
        else:
            # Back off: 2, 4, 8, 16 minutes. Short, so Redis never holds a long countdown.
            self.postpone(row, self.now + timedelta(minutes=2**row.attempts))
            row.outcome = str(error)


def _deliver(token: str, now: datetime) -> int:
    rows = list(Delivery.objects.filter(claim=token).select_related("recipient"))
    prefs = preferences.load(row.recipient_id for row in rows)
    batch = _Batch(rows, now, token)
    by_kind = defaultdict(list)
    for row in rows:
        by_kind[row.kind].append(row)
    useless = {}
    for kind, group in by_kind.items():
        useless.update(KINDS[kind].still_useful(group, now))

    to_send = []
    for row in rows:
        p = prefs[row.recipient_id]
        urgent = KINDS[row.kind].urgent
        if row.pk in useless:
            batch.finish(row, Status.DROPPED, useless[row.pk])
        elif row.kind in p.stopped and is_stoppable(row.kind):
            batch.finish(row, Status.DROPPED, _("they asked not to get these"))
        elif row.channel == Channel.TODO:
            batch.finish(row, Status.TODO)
        elif p.daily_summary and not urgent:
            # Held until the day's summary time; quiet hours do not apply to the summary,
            # whose time the person chose.
            if row.due_at != preferences.next_summary_time(row.due_at):
                batch.postpone(row, preferences.next_summary_time(now))
            else:
                to_send.append(row)
        elif not urgent and p.in_quiet_hours(now):
            batch.postpone(row, p.quiet_hours_end(now))
        else:
            to_send.append(row)

    extra = {}
    for kind in {row.kind for row in to_send}:
        extra.update(KINDS[kind].context([row for row in to_send if row.kind == kind]))
    for row in to_send:
        p = prefs[row.recipient_id]
        if p.daily_summary and not KINDS[row.kind].urgent:
            batch.summaries[row.recipient].append((row, extra[row.pk]))
        elif row.channel == Channel.SMS:
            _send_sms(batch, row, extra[row.pk], p)
        else:
            batch.emails.append(_Outgoing(channels.build_email(row, extra[row.pk], p), [row]))
    _add_summaries(batch, prefs)
    _send_emails(batch)
    _write_back(rows)
    return sum(1 for row in rows if row.status in (Status.SENT, Status.IN_SUMMARY))


_WRITTEN_BACK = ["status", "outcome", "sent_at", "due_at", "attempts"]


def _write_back(rows) -> None:
    """Each row's outcome, in one statement.

    On PostgreSQL the new values go as one array per column into UPDATE ... FROM unnest():
    bulk_update's CASE WHEN per row and column took about a third of the whole sending time
    (building the expressions in Python) on 10,000 reminders. Elsewhere, bulk_update.
    """
    if connection.vendor != "postgresql":
        Delivery.objects.bulk_update(rows, _WRITTEN_BACK, batch_size=BATCH_SIZE)
        return
    columns = [[row.pk for row in rows]] + [
        [getattr(row, name) for row in rows] for name in _WRITTEN_BACK
    ]
    columns[2] = [str(outcome) for outcome in columns[2]]  # may be a lazy translation
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE reminders_delivery AS d SET status = v.status, "
            "outcome = v.outcome, sent_at = v.sent_at, due_at = v.due_at, attempts = v.attempts "
            "FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::timestamptz[], "
            "%s::timestamptz[], %s::smallint[]) AS v(id, status, outcome, sent_at, due_at, "
            "attempts) WHERE d.id = v.id",
            columns,
        )


def _send_sms(batch, row, extra, prefs):
    phone = channels.normalise_uk_mobile(prefs.phone)
    if phone is None or not settings.NOTIFY_API_KEY:
        # No usable number, or text messages are not set up: email instead, never nothing.
        batch.emails.append(_Outgoing(channels.build_email(row, extra, prefs), [row]))
        return
    try:
        channels.send_sms(phone, channels.sms_text(row, extra, prefs))
    except Exception as error:  # noqa: BLE001 - any provider error is retried, then failed
        log.warning("Text message for delivery %s failed: %s", row.pk, type(error).__name__)
        batch.retry(row, _("the text message service did not accept it"))
    else:
        batch.finish(row, Status.SENT)


def _summary_claim(batch) -> str:
    return f"{batch.token}-summary"


def _add_summaries(batch, prefs):
    """One summary email per person, at most one a day: the summary's own Delivery row (unique
    per person and day) is inserted first, and only the rows this batch managed to insert get
    a summary; anything else goes on its own."""
    if not batch.summaries:
        return
    day = timezone.localdate(batch.now).isoformat()
    Delivery.objects.bulk_create(
        [
            Delivery(
                recipient=recipient,
                kind=Kind.DAILY_SUMMARY,
                subject=f"user:{recipient.pk}",
                occurrence=day,
                due_at=batch.now,
                status=Status.SENDING,
                claim=_summary_claim(batch),
            )
            for recipient in batch.summaries
        ],
        ignore_conflicts=True,
    )
    ours = set(
        Delivery.objects.filter(claim=_summary_claim(batch)).values_list("recipient_id", flat=True)
    )
    for recipient, items in batch.summaries.items():
        p = prefs[recipient.pk]
        if recipient.pk in ours:
            message = channels.build_summary_email(recipient, items, p)
            batch.emails.append(_Outgoing(message, [row for row, _extra in items], summary=True))
        else:
            for row, extra in items:
                batch.emails.append(_Outgoing(channels.build_email(row, extra, p), [row]))


def _send_emails(batch):
    """Send on one connection. On a mail server error, what was not sent is retried later."""
    if not batch.emails:
        return
    summaries = Delivery.objects.filter(claim=_summary_claim(batch))
    connection = get_connection()
    try:
        connection.open()
        for outgoing in batch.emails:
            outgoing.message.connection = connection
            outgoing.message.send()
            status = Status.IN_SUMMARY if outgoing.summary else Status.SENT
            for row in outgoing.rows:
                batch.finish(row, status)
    except Exception as error:  # noqa: BLE001 - retried with back-off, then marked failed
        log.warning("Sending reminder emails failed: %s", type(error).__name__)
        for outgoing in batch.emails:
            for row in outgoing.rows:
                if row.status == Status.SENDING:
                    batch.retry(row, _("the mail server did not accept it"))
        # The held rows go in the next summary, which must be allowed to happen.
        summaries.delete()
    else:
        summaries.update(status=Status.SENT, sent_at=batch.now)
    finally:
        connection.close()
