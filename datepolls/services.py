"""Every write to date polls."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import Meeting, Membership
from projects.services import meeting_save
from reminders.notices import notice_record

from .models import DateAnswer, DateOption, DatePoll
from .reminder_kinds import DATE_POLL_OPEN


@transaction.atomic
def date_poll_open(
    *, project, by, title: str, note: str, dates: list[tuple[datetime, datetime]]
) -> DatePoll:
    """Start a poll with the proposed dates (at least two, each in the future) and tell every
    other member of the project, once, on their own channel (the notice's unique key)."""
    if len(dates) < 2:
        raise ValidationError(_("Give at least two dates to choose from."))
    if any(starts_at <= timezone.now() for starts_at, _ends_at in dates):
        raise ValidationError(_("Give dates in the future."))
    poll = DatePoll.objects.create(project=project, title=title, note=note, created_by=by)
    DateOption.objects.bulk_create(
        [DateOption(poll=poll, starts_at=s, ends_at=e) for s, e in sorted(dates)]
    )
    notice_record(
        kind=DATE_POLL_OPEN,
        recipient_ids=Membership.objects.active()
        .filter(project=project)
        .exclude(user=by)
        .values_list("user_id", flat=True),
        subject=f"date_poll:{poll.pk}",
        occurrence="open",
        project_id=project.pk,
    )
    return poll


@transaction.atomic
def date_answer_save(*, option: DateOption, user, answer: str) -> DateAnswer:
    """A member's answer for one date, made or changed; refused once the poll has closed."""
    poll = DatePoll.objects.select_for_update().get(pk=option.poll_id)
    if not poll.is_open:
        raise ValidationError(_("This poll has closed: the date has been chosen."))
    row, _created = DateAnswer.objects.update_or_create(
        option=option,
        user=user,
        defaults={"answer": answer, "answered_at": timezone.now()},
    )
    return row


@transaction.atomic
def date_poll_schedule(*, poll: DatePoll, meeting: Meeting) -> Meeting:
    """Turn the chosen date into a meeting (a validated, unsaved Meeting of the poll's
    project) and close the poll, once: the poll is locked, and a second attempt is refused.
    The meeting then goes the way every new meeting goes (invitations, reminders)."""
    poll = DatePoll.objects.select_for_update().get(pk=poll.pk)
    if not poll.is_open:
        raise ValidationError(_("This poll has already been turned into a meeting."))
    meeting = meeting_save(meeting=meeting)
    poll.meeting, poll.closed_at = meeting, timezone.now()
    poll.save(update_fields=["meeting", "closed_at"])
    return meeting
