"""Each kind of reminder: what is due now (computed from the data), and whether a reminder is
still useful when its turn to be sent comes.

A kind never asks "is today exactly 7 days before?": it asks "which occurrences are due by
now and not yet recorded?", so a planner that was down for an hour catches up, and one that runs
twice records nothing twice (the delivery's unique key).
"""

from collections import defaultdict
from datetime import UTC, datetime, timedelta

from django.db.models import Q
from django.db.models.base import ModelState
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.models import Attendance, Audience, Meeting, Membership, Role, Rsvp

from . import calendar, preferences
from .models import Delivery, Kind, Status

# Meetings that ended this long ago are still looked at, so that reminders missed while
# nothing ran are recorded as dropped rather than silently never existing.
LOOKBACK = timedelta(days=1)
MEETING_OFFSETS = {"7d": timedelta(days=7), "1d": timedelta(days=1)}
LONGEST_LEAD = timedelta(days=28)


def _outside_audience(meetings) -> set[tuple[int, int]]:
    """(meeting id, user id) for the members of each meeting's project whom the meeting is not
    for (Meeting.audience): they are not invited or reminded. No query when every meeting is
    for everyone; one for each other audience."""
    outside = set()
    for audience in {m.audience for m in meetings} - {Audience.EVERYONE}:
        narrow = [m for m in meetings if m.audience == audience]
        members = Membership.objects.active().filter(project_id__in={m.project_id for m in narrow})
        others = defaultdict(set)
        for project_id, user_id in members.exclude(
            pk__in=members.in_audience(audience).values("pk")
        ).values_list("project_id", "user_id"):
            others[project_id].add(user_id)
        outside |= {(m.pk, user_id) for m in narrow for user_id in others[m.project_id]}
    return outside


class MeetingSoon:
    """A meeting coming up: 7 days and 1 day before, plus the person's own notice period."""

    kind = Kind.MEETING_SOON
    urgent = False

    def plan(self, now: datetime, prefs_for) -> list[Delivery]:
        meetings = list(
            Meeting.objects.filter(
                starts_at__gt=now - LOOKBACK,
                starts_at__lte=now + LONGEST_LEAD,
                cancelled_at__isnull=True,
            ).only("id", "project_id", "starts_at", "ends_at", "audience")
        )
        if not meetings:
            return []
        project_ids = {m.project_id for m in meetings}
        members = defaultdict(set)
        for project_id, user_id in (
            Membership.objects.active()
            .filter(project_id__in=project_ids)
            .values_list("project_id", "user_id")
        ):
            members[project_id].add(user_id)
        not_coming = set(
            Attendance.objects.filter(meeting__in=meetings, rsvp=Rsvp.NO).values_list(
                "meeting_id", "user_id"
            )
        ) | _outside_audience(meetings)
        prefs = prefs_for({u for users in members.values() for u in users})
        rows = []
        for meeting in meetings:
            # The same occurrences for everyone but those who asked for extra notice.
            usual = _due(meeting.starts_at, MEETING_OFFSETS, now)
            subject = f"meeting:{meeting.pk}"
            for user_id in members[meeting.project_id]:
                if (meeting.pk, user_id) in not_coming:
                    continue
                due = usual
                lead = prefs[user_id].lead_days
                if lead and f"{lead}d" not in MEETING_OFFSETS:
                    offsets = {**MEETING_OFFSETS, f"{lead}d": timedelta(days=lead)}
                    due = _due(meeting.starts_at, offsets, now)
                rows += _occurrence_rows(self.kind, due, user_id, meeting.project_id, subject)
        return rows

    def still_useful(self, deliveries, now) -> dict[int, str]:
        meetings = Meeting.objects.in_bulk({d.subject_id for d in deliveries})
        not_coming = set(
            Attendance.objects.filter(meeting__in=meetings.keys(), rsvp=Rsvp.NO).values_list(
                "meeting_id", "user_id"
            )
        )
        reasons = {}
        for d in deliveries:
            meeting = meetings.get(d.subject_id)
            if meeting is None or meeting.starts_at <= now:
                reasons[d.pk] = _("the meeting has started or is over")
            elif meeting.cancelled_at:
                reasons[d.pk] = _("the meeting was cancelled")
            elif (d.subject_id, d.recipient_id) in not_coming:
                reasons[d.pk] = _("they said they are not coming")
        return reasons

    def context(self, deliveries) -> dict[int, dict]:
        meetings = Meeting.objects.select_related("project").in_bulk(
            {d.subject_id for d in deliveries}
        )
        return {d.pk: {"meeting": meetings[d.subject_id]} for d in deliveries}


class PapersDue:
    """To facilitators: the papers for a meeting are due to go out in 2 days."""

    kind = Kind.PAPERS_DUE
    urgent = False
    NOTICE = timedelta(days=2)

    def plan(self, now: datetime, prefs_for) -> list[Delivery]:
        soon = timezone.localdate(now) + self.NOTICE
        meetings = list(
            Meeting.objects.filter(
                papers_ready_at__isnull=True,
                papers_sent_on__isnull=False,
                papers_sent_on__lte=soon,
                papers_sent_on__gte=timezone.localdate(now) - LOOKBACK,
                cancelled_at__isnull=True,
            ).only("id", "project_id", "papers_sent_on")
        )
        facilitators = defaultdict(set)
        for project_id, user_id in (
            Membership.objects.active()
            .filter(project_id__in={m.project_id for m in meetings}, role=Role.FACILITATOR)
            .values_list("project_id", "user_id")
        ):
            facilitators[project_id].add(user_id)
        rows = []
        for meeting in meetings:
            due = datetime.combine(
                meeting.papers_sent_on - self.NOTICE, preferences.SUMMARY_TIME, preferences.LONDON
            )
            for user_id in facilitators[meeting.project_id]:
                rows += _due_occurrences(
                    self.kind,
                    due,
                    {"2d": timedelta(0)},
                    now,
                    user_id,
                    meeting,
                    f"meeting:{meeting.pk}",
                )
        return rows

    def still_useful(self, deliveries, now) -> dict[int, str]:
        meetings = Meeting.objects.in_bulk({d.subject_id for d in deliveries})
        today = timezone.localdate(now)
        return {
            d.pk: _("the date for sending the papers has passed")
            for d in deliveries
            if d.subject_id not in meetings
            or meetings[d.subject_id].papers_sent_on is None
            or meetings[d.subject_id].papers_sent_on < today
            or meetings[d.subject_id].cancelled_at is not None
        } | {
            d.pk: _("the papers have been sent")
            for d in deliveries
            if d.subject_id in meetings and meetings[d.subject_id].papers_ready_at
        }

    def context(self, deliveries) -> dict[int, dict]:
        return MeetingSoon().context(deliveries)


class MeetingInvitation:
    """To every member but the one who scheduled it: a new meeting, with its calendar file.
    Someone who joins a project later is invited to the meetings still ahead."""

    kind = Kind.MEETING_INVITATION
    urgent = False

    def plan(self, now: datetime, prefs_for) -> list[Delivery]:
        since = now - LOOKBACK
        joined = Membership.objects.active().filter(joined_at__gt=since)
        meetings = list(
            Meeting.objects.filter(starts_at__gt=now, cancelled_at__isnull=True)
            .filter(Q(created_at__gt=since) | Q(project__in=joined.values("project_id")))
            .only("id", "project_id", "created_at", "created_by_id", "audience")
        )
        # Everyone in a project with a new meeting; only those who joined lately elsewhere (the
        # old members of a project were invited to its old meetings when they were new).
        new_in = {m.project_id for m in meetings if m.created_at > since}
        members = defaultdict(list)
        for project_id, user_id, joined_at in (
            Membership.objects.active()
            .filter(project_id__in={m.project_id for m in meetings})
            .filter(Q(project_id__in=new_in) | Q(joined_at__gt=since))
            .values_list("project_id", "user_id", "joined_at")
        ):
            members[project_id].append((user_id, joined_at))
        outside = _outside_audience(meetings)
        return [
            planned(
                recipient_id=user_id,
                kind=self.kind,
                subject=f"meeting:{meeting.pk}",
                occurrence="invitation",
                project_id=meeting.project_id,
                due_at=max(meeting.created_at, joined_at),
            )
            for meeting in meetings
            for user_id, joined_at in members[meeting.project_id]
            if user_id != meeting.created_by_id
            and max(meeting.created_at, joined_at) > since
            and (meeting.pk, user_id) not in outside
        ]

    def still_useful(self, deliveries, now) -> dict[int, str]:
        return MeetingSoon().still_useful(deliveries, now)

    def context(self, deliveries) -> dict[int, dict]:
        contexts = MeetingSoon().context(deliveries)
        files = {}
        for context in contexts.values():
            meeting = context["meeting"]
            if meeting.pk not in files:
                files[meeting.pk] = calendar.calendar_for([meeting], meeting.title)
            context["attachments"] = [("meeting.ics", files[meeting.pk], "text/calendar")]
        return contexts


class PapersReady:
    """To members who are coming (or have not said): the papers for a meeting are ready."""

    kind = Kind.PAPERS_READY
    urgent = False

    def plan(self, now: datetime, prefs_for) -> list[Delivery]:
        meetings = list(
            Meeting.objects.filter(
                papers_ready_at__gt=now - LOOKBACK,
                papers_ready_at__lte=now,
                starts_at__gt=now,
                cancelled_at__isnull=True,
            ).only("id", "project_id", "papers_ready_at", "audience")
        )
        if not meetings:
            return []
        members = defaultdict(set)
        for project_id, user_id in (
            Membership.objects.active()
            .filter(project_id__in={m.project_id for m in meetings})
            .values_list("project_id", "user_id")
        ):
            members[project_id].add(user_id)
        not_coming = set(
            Attendance.objects.filter(meeting__in=meetings, rsvp=Rsvp.NO).values_list(
                "meeting_id", "user_id"
            )
        ) | _outside_audience(meetings)
        return [
            planned(
                recipient_id=user_id,
                kind=self.kind,
                subject=f"meeting:{meeting.pk}",
                occurrence="ready",
                project_id=meeting.project_id,
                due_at=meeting.papers_ready_at,
            )
            for meeting in meetings
            for user_id in members[meeting.project_id]
            if (meeting.pk, user_id) not in not_coming
        ]

    def still_useful(self, deliveries, now) -> dict[int, str]:
        return MeetingSoon().still_useful(deliveries, now)

    def context(self, deliveries) -> dict[int, dict]:
        return MeetingSoon().context(deliveries)


# Every column's default, except the creation time, which is taken when a row is planned.
_BLANK = {
    field.attname: field.get_default()
    for field in Delivery._meta.concrete_fields
    if field.attname != "created_at"
}


def planned(**fields) -> Delivery:
    """A Delivery built for planning, about seven times faster than Delivery(**fields).

    Planning builds a row for every occurrence due, and most were recorded by an earlier run
    and are then thrown away: on a council's data that is tens of thousands of rows a minute,
    and Model.__init__ (defaults, descriptors, signals) was most of the planner's time. The
    result is an ordinary unsaved Delivery: every column has its default unless given here.
    """
    row = Delivery.__new__(Delivery)
    row._state = ModelState()
    row.__dict__.update(_BLANK, created_at=datetime.now(UTC), **fields)  # USE_TZ is on
    return row


REPLACED = gettext_lazy("a later reminder replaced it")


def _due_occurrences(kind, anchor, offsets, now, user_id, meeting, subject) -> list[Delivery]:
    """Occurrences due by `now`; all but the latest are recorded as dropped, so a person who
    missed the 7-day reminder while nothing ran gets the 1-day one, not both at once."""
    return _occurrence_rows(kind, _due(anchor, offsets, now), user_id, meeting.project_id, subject)


def _due(anchor, offsets, now) -> list[tuple[datetime, str]]:
    """(due time, occurrence) of the occurrences due by `now`, the latest first."""
    return sorted(
        ((anchor - offset, key) for key, offset in offsets.items() if anchor - offset <= now),
        reverse=True,
    )


def _occurrence_rows(kind, due, user_id, project_id, subject) -> list[Delivery]:
    return [
        planned(
            recipient_id=user_id,
            kind=kind,
            subject=subject,
            occurrence=key,
            project_id=project_id,
            due_at=due_at,
            status=Status.PENDING if index == 0 else Status.DROPPED,
            outcome="" if index == 0 else REPLACED,
        )
        for index, (due_at, key) in enumerate(due)
    ]


# Every kind by its name. The apps whose data a reminder is about register their own kinds from
# a module `reminder_kinds.py`, found when reminders starts (see apps.py).
KINDS = {}


def register(source):
    KINDS[source.kind] = source
    return source


def is_stoppable(kind: str) -> bool:
    """Whether a person may stop this kind. Reminders may be stopped; a notice that reports a
    change they may not have made themselves (their role, their bank details) may not."""
    return getattr(KINDS[kind], "stoppable", True)


register(MeetingInvitation())
register(MeetingSoon())
register(PapersDue())
register(PapersReady())
