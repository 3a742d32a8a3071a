"""Meeting access plans, computed from current consent every time (never copied), so a change
or withdrawal of consent shows in every plan at once.

A plan lists, for every member invited (the project's members, but those who said they cannot
come) who shares their needs with the project, what to arrange, need by need, essential first,
and how many of them said they are coming and how many have not answered yet: a need is
arranged before people answer, not after. Names and own words appear only for people who share
everything. Whatever the number of meetings or members, building plans costs five queries.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from accounts.models import DISPLAY_NAME_FIELDS, display_name_of
from projects.models import Attendance, Meeting, Rsvp

from .models import (
    SHARED_LEVELS,
    Arrangement,
    ArrangementStatus,
    Importance,
    Need,
    ProfileNeed,
    ShareLevel,
    SharingConsent,
)


def person_ref(meeting_id: int, user_id: int) -> str:
    """An opaque name for a person in one meeting's plan, for links: a facilitator sees which
    item they are arranging without learning who shared only a summary."""
    return salted_hmac("accessibility.plan", f"{meeting_id}:{user_id}").hexdigest()[:16]


@dataclass
class Entry:
    """One person's need at one meeting."""

    meeting_id: int
    user_id: int
    importance: str
    name: str = ""  # only when they share everything
    own_words: str = ""  # likewise
    arrangement: Arrangement | None = None
    # They said they are coming; otherwise they have not answered (or do not know yet).
    coming: bool = True

    @property
    def ref(self) -> str:
        # Worked out when a link needs it: a big plan has hundreds of entries and shows few.
        return person_ref(self.meeting_id, self.user_id)

    @property
    def who(self) -> str:
        return self.name or _("Someone who shared a summary")

    @property
    def essential(self) -> bool:
        return self.importance == Importance.ESSENTIAL

    @property
    def open(self) -> bool:
        """Nobody has said yet whether it is arranged."""
        return self.arrangement is None

    @property
    def arranged(self) -> bool:
        return (
            self.arrangement is not None and self.arrangement.status == ArrangementStatus.ARRANGED
        )


@dataclass
class Item:
    need: Need
    entries: list[Entry] = field(default_factory=list)

    @property
    def essential_count(self) -> int:
        return sum(1 for e in self.entries if e.essential)

    @property
    def open_essential_count(self) -> int:
        return sum(1 for e in self.entries if e.essential and e.open)

    @property
    def coming_count(self) -> int:
        return sum(1 for e in self.entries if e.coming)

    @property
    def unanswered_count(self) -> int:
        return len(self.entries) - self.coming_count


@dataclass
class Plan:
    meeting: Meeting
    items: list[Item] = field(default_factory=list)
    people: set[int] = field(default_factory=set)
    # {need id: its item}, while the plan is built.
    _by_need: dict[int, Item] = field(default_factory=dict, repr=False)

    @property
    def open_essential_count(self) -> int:
        return sum(item.open_essential_count for item in self.items)

    def entry(self, need_id: int, ref: str) -> tuple[Item, Entry] | None:
        for item in self.items:
            if item.need.pk == need_id:
                for entry in item.entries:
                    if entry.ref == ref:
                        return item, entry
        return None


def _invited(meetings, consents) -> dict[tuple[int, int], bool]:
    """{(meeting id, user id): whether they said they are coming} for each sharer (of
    `consents`, keyed by (project id, user id)) invited to each meeting: the meeting's
    project's sharers, but those who said they cannot come."""
    answers = {
        (meeting_id, user_id): rsvp
        for meeting_id, user_id, rsvp in Attendance.objects.filter(
            meeting__in=meetings, user_id__in={user_id for _project, user_id in consents}
        ).values_list("meeting_id", "user_id", "rsvp")
    }
    return {
        (meeting.pk, user_id): answers.get((meeting.pk, user_id)) == Rsvp.YES
        for meeting in meetings
        for project_id, user_id in consents
        if project_id == meeting.project_id and answers.get((meeting.pk, user_id)) != Rsvp.NO
    }


def _sharers(meetings):
    """Everyone who shares with the project of one of the meetings and is still a member."""
    return SharingConsent.objects.filter(
        project_id__in={m.project_id for m in meetings},
        level__in=SHARED_LEVELS,
        user__memberships__project_id=F("project_id"),
        user__memberships__left_at__isnull=True,
    )


def _essential_needs(meetings: list) -> tuple[list[tuple[int, int, int]], dict]:
    """(meeting id, user id, need id) of each essential need of the people invited to each
    meeting, which the meetings' plans list as essential entries, and {that key: the status of
    its arrangement} where one was made: in four queries whatever the numbers, without
    building the plans."""
    consents = set(_sharers(meetings).values_list("project_id", "user_id")) if meetings else ()
    if not consents:
        return [], {}
    coming = _invited(meetings, consents)
    user_ids = {user_id for _meeting, user_id in coming}
    essential = defaultdict(list)
    for user_id, need_id in ProfileNeed.objects.filter(
        profile__user_id__in=user_ids, need__is_active=True, importance=Importance.ESSENTIAL
    ).values_list("profile__user_id", "need_id"):
        essential[user_id].append(need_id)
    answered = {
        (meeting_id, user_id, need_id): status
        for meeting_id, user_id, need_id, status in Arrangement.objects.filter(
            meeting__in=meetings, person_id__in=user_ids
        ).values_list("meeting_id", "person_id", "need_id", "status")
    }
    needs = [(m, u, need_id) for m, u in coming for need_id in essential[u]]
    return needs, answered


def essential_readiness(meetings) -> dict[int, tuple[int, int]]:
    """{meeting id: (essential needs arranged, essential needs)} of the people invited, as
    the plans count them (for the portfolio and the impact report)."""
    meetings = list(meetings)
    readiness = {m.pk: (0, 0) for m in meetings}
    needs, answered = _essential_needs(meetings)
    for key in needs:
        done, total = readiness[key[0]]
        readiness[key[0]] = (done + (answered.get(key) == ArrangementStatus.ARRANGED), total + 1)
    return readiness


def open_essential_counts(meetings) -> dict[int, int]:
    """{meeting id: essential needs nobody has answered yet}: Plan.open_essential_count, for
    the meeting pages' summaries, which show the count and not the needs."""
    meetings = list(meetings)
    counts = dict.fromkeys((m.pk for m in meetings), 0)
    needs, answered = _essential_needs(meetings)
    for key in needs:
        counts[key[0]] += key not in answered
    return counts


def plans_for(meetings) -> dict[int, Plan]:
    """The access plan of each meeting, in five queries whatever the numbers."""
    meetings = list(meetings)
    plans = {m.pk: Plan(meeting=m) for m in meetings}
    if not meetings:
        return plans
    # Only the columns a plan shows, as tuples: a big meeting's plan has hundreds of rows, and
    # whole rows (every date, every encrypted field of a profile) or model instances cost more
    # to load than the page to draw. {(project id, user id): (shares everything, name)}.
    consents = {
        (project_id, user_id): (level == ShareLevel.EVERYTHING, display_name_of(*names))
        for project_id, user_id, level, *names in _sharers(meetings).values_list(
            "project_id", "user_id", "level", *(f"user__{f}" for f in DISPLAY_NAME_FIELDS)
        )
    }
    if not consents:
        return plans
    coming = _invited(meetings, consents)
    user_ids = {user_id for _meeting, user_id in coming}
    needs = defaultdict(list)
    for user_id, *row in (
        ProfileNeed.objects.filter(profile__user_id__in=user_ids, need__is_active=True)
        .order_by("need__group__order", "need__order", "need_id")
        .values_list(
            "profile__user_id", "profile__name_to_use", "need_id", "importance", "own_words"
        )
    ):
        needs[user_id].append(row)
    # Each need once, not once for each person who has it.
    catalogue = Need.objects.select_related("group").in_bulk(
        {need_id for rows in needs.values() for _name, need_id, *_rest in rows}
    )
    arrangements = {
        (a.meeting_id, a.person_id, a.need_id): a
        for a in Arrangement.objects.filter(meeting__in=meetings, person_id__in=user_ids)
    }
    by_id = {m.pk: m for m in meetings}
    for (meeting_id, user_id), yes in coming.items():
        meeting = by_id[meeting_id]
        everything, display_name = consents[(meeting.project_id, user_id)]
        plan = plans[meeting_id]
        items = plan._by_need
        for name_to_use, need_id, importance, own_words in needs[user_id]:
            plan.people.add(user_id)
            item = items.get(need_id)
            if item is None:
                item = items[need_id] = Item(need=catalogue[need_id])
                plan.items.append(item)
            item.entries.append(
                Entry(
                    meeting_id=meeting_id,
                    user_id=user_id,
                    importance=importance,
                    name=(name_to_use or display_name) if everything else "",
                    own_words=own_words if everything else "",
                    arrangement=arrangements.get((meeting_id, user_id, need_id)),
                    coming=yes,
                )
            )
    for plan in plans.values():
        for item in plan.items:
            item.entries.sort(key=lambda e: (not e.essential, not e.coming, e.name == "", e.name))
        # Essential first (the most people first), then the catalogue's order.
        plan.items.sort(
            key=lambda i: (
                i.essential_count == 0,
                -i.essential_count,
                i.need.group.order,
                i.need.order,
                i.need.pk,
            )
        )
    return plans


def plan_for(meeting: Meeting) -> Plan:
    return plans_for([meeting])[meeting.pk]
