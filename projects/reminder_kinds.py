"""Notices about project membership and meetings (see reminders/notices.py)."""

from django.utils.translation import gettext as _

from audit.models import Entry
from reminders.kinds import MeetingSoon, register
from reminders.models import Kind
from reminders.notices import Notice, SecurityNotice

from .models import Role


class RoleChanged(SecurityNotice):
    """To the member whose role changed and to the project's commissioners, from the audit
    entry of the change (subject `audit:<id>`; occurrence `<role before>><role after>`)."""

    kind = Kind.ROLE_CHANGED

    def still_useful(self, deliveries, now) -> dict[int, str]:
        kept = set(
            Entry.objects.filter(pk__in={d.subject_id for d in deliveries}).values_list(
                "pk", flat=True
            )
        )
        return {
            d.pk: _("the record of the change has been deleted")
            for d in deliveries
            if d.subject_id not in kept
        }

    def context(self, deliveries) -> dict[int, dict]:
        entries = Entry.objects.select_related("actor", "subject", "project").in_bulk(
            {d.subject_id for d in deliveries}
        )
        context = {}
        for d in deliveries:
            entry = entries[d.subject_id]
            before, after = d.occurrence.split(">")
            context[d.pk] = {
                "entry": entry,
                "own": entry.subject_id == d.recipient_id,
                "before": _role_label(before),
                "after": _role_label(after),
            }
        return context


def _role_label(occurrence_part: str) -> str:
    """ "person" or "person+co_chair" (services.CO_CHAIR_MARK) in words."""
    role, _mark, co_chair = occurrence_part.partition("+")
    if co_chair:
        return _("%(role)s and co-chair") % {"role": Role(role).label}
    return Role(role).label


class MeetingChanged(Notice):
    """To the members: a meeting's time, place or format changed (occurrence
    `<t, p and/or f>:<timestamp>`). Their answer may have been cleared, so they are asked to
    answer again. Dropped once the meeting has started or was cancelled."""

    kind = Kind.MEETING_CHANGED

    def still_useful(self, deliveries, now) -> dict[int, str]:
        return MeetingSoon().still_useful(deliveries, now)

    def context(self, deliveries) -> dict[int, dict]:
        meetings = MeetingSoon().context(deliveries)
        return {
            d.pk: {**meetings[d.pk], "changed": set(d.occurrence.split(":")[0])} for d in deliveries
        }


class MeetingCancelled(Notice):
    """To the members: a meeting was cancelled, and why."""

    kind = Kind.MEETING_CANCELLED

    def context(self, deliveries) -> dict[int, dict]:
        return MeetingSoon().context(deliveries)


register(RoleChanged())
register(MeetingChanged())
register(MeetingCancelled())
