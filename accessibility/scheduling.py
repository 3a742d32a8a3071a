"""Scheduling that listens: what members who share their access needs with a project asked for
that a meeting does not give, for the facilitator who schedules it. Counts only, never names;
every member sharing with the project counts, whether or not they have said they are coming,
since a meeting that does not fit them is one they may not be able to say yes to.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import ngettext

from projects.models import Meeting, MeetingFormat, Membership

from .models import SHARED_LEVELS, AccessProfile, ProfileNeed, SharingConsent

PAPERS_EARLY = timedelta(days=7)
LONGEST_SESSION = timedelta(hours=2)
LONGEST_CALL = timedelta(hours=1)


@dataclass(frozen=True)
class Mismatch:
    count: int
    text: str


def _sharers(meeting: Meeting):
    members = (
        Membership.objects.active()
        .filter(project_id=meeting.project_id)
        .in_audience(meeting.audience)
    )
    return SharingConsent.objects.filter(
        project_id=meeting.project_id,
        level__in=SHARED_LEVELS,
        user_id__in=members.values("user_id"),
    ).values("user_id")


def mismatches(meeting: Meeting) -> list[Mismatch]:
    """Two queries whatever the number of members."""
    sharers = _sharers(meeting)
    days_ahead = (timezone.localtime(meeting.starts_at).date() - timezone.localdate()).days
    short_notice = AccessProfile.objects.filter(
        user_id__in=sharers, notice_days__gt=max(days_ahead, 0)
    ).count()
    needs = dict(
        ProfileNeed.objects.filter(profile__user_id__in=sharers, need__is_active=True)
        .values_list("need__code")
        .annotate(people=Count("profile", distinct=True))
    )
    length = meeting.ends_at - meeting.starts_at
    meeting_day = timezone.localtime(meeting.starts_at).date()
    papers_late = (
        meeting.papers_sent_on is None or meeting_day - meeting.papers_sent_on < PAPERS_EARLY
    )
    found = []

    def add(count, singular, plural):
        if count:
            found.append(Mismatch(count, ngettext(singular, plural, count) % {"count": count}))

    add(
        short_notice,
        "%(count)d member asked for more notice than this meeting gives.",
        "%(count)d members asked for more notice than this meeting gives.",
    )
    add(
        needs.get("breaks", 0) if not meeting.planned_breaks else 0,
        "%(count)d member needs regular breaks, and no breaks are planned.",
        "%(count)d members need regular breaks, and no breaks are planned.",
    )
    add(
        needs.get("shorter-sessions", 0) if length > LONGEST_SESSION else 0,
        "%(count)d member needs sessions of two hours at most; this one is longer.",
        "%(count)d members need sessions of two hours at most; this one is longer.",
    )
    online = meeting.format in (MeetingFormat.ONLINE, MeetingFormat.PHONE, MeetingFormat.HYBRID)
    add(
        needs.get("shorter-calls", 0) if online and length > LONGEST_CALL else 0,
        "%(count)d member needs calls of an hour at most; this one is longer.",
        "%(count)d members need calls of an hour at most; this one is longer.",
    )
    add(
        needs.get("papers-early", 0) if papers_late else 0,
        "%(count)d member needs papers at least 7 days before; set an earlier date for them.",
        "%(count)d members need papers at least 7 days before; set an earlier date for them.",
    )
    add(
        needs.get("time-of-day", 0),
        "%(count)d member needs meetings at a certain time of day: check the access plan.",
        "%(count)d members need meetings at a certain time of day: check the access plan.",
    )
    return found
