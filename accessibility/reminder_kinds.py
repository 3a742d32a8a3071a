"""Reminders about access needs (registered with reminders.kinds when the app starts).

Both are computed from the data each time, never from a date being "exactly" so many days
away, and say nothing about anyone's needs beyond a count: an email can be forwarded.
"""

from collections import defaultdict
from datetime import datetime, timedelta

from django.utils.translation import gettext as _

from projects.models import Meeting, Membership, Role
from reminders.kinds import LOOKBACK, _due_occurrences, planned, register
from reminders.models import Delivery, Kind, Status

from .models import AccessProfile
from .plans import plans_for


class AccessUnarranged:
    """To the project's facilitators, 3 days before a meeting where an essential need of
    someone coming, who shares it, has not been dealt with. Dropped once it has, or once
    the person stops sharing or is not coming."""

    kind = Kind.ACCESS_UNARRANGED
    urgent = False
    NOTICE = timedelta(days=3)

    def plan(self, now: datetime, prefs_for) -> list[Delivery]:
        meetings = Meeting.objects.filter(
            starts_at__gt=now - LOOKBACK,
            starts_at__lte=now + self.NOTICE,
            cancelled_at__isnull=True,
        ).only("id", "project_id", "starts_at")
        flagged = [p.meeting for p in plans_for(meetings).values() if p.open_essential_count]
        if not flagged:
            return []
        facilitators = defaultdict(set)
        for project_id, user_id in (
            Membership.objects.active()
            .filter(project_id__in={m.project_id for m in flagged}, role=Role.FACILITATOR)
            .values_list("project_id", "user_id")
        ):
            facilitators[project_id].add(user_id)
        rows = []
        for meeting in flagged:
            for user_id in facilitators[meeting.project_id]:
                rows += _due_occurrences(
                    self.kind,
                    meeting.starts_at,
                    {"3d": self.NOTICE},
                    now,
                    user_id,
                    meeting,
                    f"meeting:{meeting.pk}",
                )
        return rows

    def _open_counts(self, deliveries) -> tuple[dict, dict]:
        meetings = Meeting.objects.select_related("project").in_bulk(
            {d.subject_id for d in deliveries}
        )
        plans = plans_for(meetings.values())
        return meetings, {pk: plan.open_essential_count for pk, plan in plans.items()}

    def still_useful(self, deliveries, now) -> dict[int, str]:
        meetings, open_counts = self._open_counts(deliveries)
        reasons = {}
        for d in deliveries:
            meeting = meetings.get(d.subject_id)
            if meeting is None or meeting.starts_at <= now:
                reasons[d.pk] = _("the meeting has started or is over")
            elif meeting.cancelled_at:
                reasons[d.pk] = _("the meeting was cancelled")
            elif not open_counts.get(d.subject_id):
                reasons[d.pk] = _("every essential access need is dealt with")
        return reasons

    def context(self, deliveries) -> dict[int, dict]:
        meetings, open_counts = self._open_counts(deliveries)
        return {
            d.pk: {"meeting": meetings[d.subject_id], "open_count": open_counts[d.subject_id]}
            for d in deliveries
        }


class ProfileCheck:
    """To the person, 6 months after they last changed or confirmed their access profile."""

    kind = Kind.PROFILE_CHECK
    urgent = False
    AFTER = timedelta(days=182)

    def plan(self, now: datetime, prefs_for) -> list[Delivery]:
        profiles = AccessProfile.objects.filter(checked_at__lte=now - self.AFTER).only(
            "id", "user_id", "checked_at"
        )
        # Keyed by the date last checked: confirming starts a new cycle with a new key.
        return [
            planned(
                recipient_id=profile.user_id,
                kind=self.kind,
                subject=f"profile:{profile.pk}",
                occurrence=profile.checked_at.date().isoformat(),
                due_at=profile.checked_at + self.AFTER,
                status=Status.PENDING,
            )
            for profile in profiles
        ]

    def still_useful(self, deliveries, now) -> dict[int, str]:
        checked = dict(
            AccessProfile.objects.filter(pk__in={d.subject_id for d in deliveries}).values_list(
                "pk", "checked_at"
            )
        )
        return {
            d.pk: _("they have checked their profile since")
            for d in deliveries
            if d.subject_id not in checked
            or checked[d.subject_id].date().isoformat() != d.occurrence
        }

    def context(self, deliveries) -> dict[int, dict]:
        return {d.pk: {} for d in deliveries}


register(AccessUnarranged())
register(ProfileCheck())
