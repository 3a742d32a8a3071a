"""Reminders about reviews (registered with reminders/kinds.py when the app starts).

REVIEW_OPEN goes to each member who may answer (who belonged when it opened) and has not, once a
review is open; REVIEW_CLOSING two days before it closes, to those who still have not. Both are
planned from the data in three queries however many members there are, and are dropped at
sending time once the member has answered or the review has closed.

ACTION_DONE is a notice (reminders/notices.py), recorded by services.action_save when an action
is first marked done: every member hears what changed, once, on their channel and in their
format. Dropped if the action is reopened before it goes.
"""

from collections import defaultdict
from datetime import datetime, timedelta

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.access import Can, role_can
from reminders import preferences
from reminders.kinds import planned, register
from reminders.models import Delivery, Kind, Status
from reminders.notices import Notice

from .models import Action, ActionStatus, CycleStatus, EligibleMember, Response, ReviewCycle


def _at_nine(day) -> datetime:
    return datetime.combine(day, preferences.SUMMARY_TIME, preferences.LONDON)


def _waiting(cycles) -> dict[int, set[int]]:
    """{cycle id: members who may answer it and have not}: those who belonged when it opened
    (EligibleMember), are members still, in a role that rates reviews. People who joined since
    cannot answer, so they are not asked to."""
    rows = EligibleMember.objects.filter(
        cycle__in=cycles,
        user__memberships__project_id=F("cycle__project_id"),
        user__memberships__left_at__isnull=True,
    ).values_list("cycle_id", "user_id", "user__memberships__role")
    answered = set(Response.objects.filter(cycle__in=cycles).values_list("cycle_id", "user_id"))
    waiting = defaultdict(set)
    for cycle_id, user_id, role in rows:
        if role_can(role, Can.RATE_REVIEW) and (cycle_id, user_id) not in answered:
            waiting[cycle_id].add(user_id)
    return {c.pk: waiting[c.pk] for c in cycles}


class _ReviewReminder:
    urgent = False
    occurrence = ""

    def due_at(self, cycle: ReviewCycle) -> datetime | None:
        raise NotImplementedError

    def plan(self, now: datetime, prefs_for) -> list[Delivery]:
        cycles = list(
            ReviewCycle.objects.filter(
                status=CycleStatus.OPEN, closes_on__gte=timezone.localdate(now)
            ).only("id", "project_id", "opens_on", "closes_on")
        )
        due = {c.pk: self.due_at(c) for c in cycles}
        cycles = [c for c in cycles if due[c.pk] is not None and due[c.pk] <= now]
        if not cycles:
            return []
        waiting = _waiting(cycles)
        prefs = prefs_for({u for users in waiting.values() for u in users})
        return [
            planned(
                recipient_id=user_id,
                kind=self.kind,
                subject=f"review:{cycle.pk}",
                occurrence=self.occurrence,
                project_id=cycle.project_id,
                channel=prefs[user_id].channel,
                due_at=due[cycle.pk],
                status=Status.PENDING,
            )
            for cycle in cycles
            for user_id in sorted(waiting[cycle.pk])
        ]

    def still_useful(self, deliveries, now) -> dict[int, str]:
        cycles = ReviewCycle.objects.only("id", "status").in_bulk(
            {d.subject_id for d in deliveries}
        )
        answered = set(
            Response.objects.filter(cycle__in=cycles.keys()).values_list("cycle_id", "user_id")
        )
        reasons = {}
        for d in deliveries:
            cycle = cycles.get(d.subject_id)
            if cycle is None or not cycle.is_open:
                reasons[d.pk] = _("the review is no longer open")
            elif (d.subject_id, d.recipient_id) in answered:
                reasons[d.pk] = _("they have answered")
        return reasons

    def context(self, deliveries) -> dict[int, dict]:
        cycles = ReviewCycle.objects.select_related("project").in_bulk(
            {d.subject_id for d in deliveries}
        )
        return {d.pk: {"cycle": cycles[d.subject_id]} for d in deliveries}


class ReviewOpen(_ReviewReminder):
    """A review has opened: at 9:00 on its opening day, or at once if opened later that day."""

    kind = Kind.REVIEW_OPEN
    occurrence = "open"

    def due_at(self, cycle):
        return _at_nine(cycle.opens_on)


class ReviewClosing(_ReviewReminder):
    """Two days before a review closes, to those who have not answered. Not for a review open
    for so short a time that it would arrive with the opening reminder."""

    kind = Kind.REVIEW_CLOSING
    occurrence = "2d"
    NOTICE = timedelta(days=2)

    def due_at(self, cycle):
        day = cycle.closes_on - self.NOTICE
        return _at_nine(day) if day > cycle.opens_on else None


class ActionDone(Notice):
    """To every member: an action agreed after a review is done, and what changed."""

    kind = Kind.ACTION_DONE

    def still_useful(self, deliveries, now) -> dict[int, str]:
        done = set(
            Action.objects.filter(
                pk__in={d.subject_id for d in deliveries}, status=ActionStatus.DONE
            ).values_list("pk", flat=True)
        )
        return {
            d.pk: _("the action is no longer done") for d in deliveries if d.subject_id not in done
        }

    def context(self, deliveries) -> dict[int, dict]:
        actions = Action.objects.select_related("cycle__project").in_bulk(
            {d.subject_id for d in deliveries}
        )
        return {d.pk: {"action": actions[d.subject_id]} for d in deliveries}


register(ReviewOpen())
register(ReviewClosing())
register(ActionDone())
