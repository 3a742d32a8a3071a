"""A commissioner's portfolio: one row per project they commission, with what tells them whether
co-production is real there (issue 15): the charter, access for the next meeting, money, the
latest review, the actions agreed and the ladder.

A fixed number of queries for a page of projects, however many projects, members, claims or
answers there are: the counts are subqueries of the one query that loads the page, and the rest
is loaded for the whole page at once. Nothing here names anyone or shows anyone's access needs:
access readiness is counts only.
"""

from dataclasses import dataclass, field, fields
from datetime import date, datetime, time

from django.core.cache import cache
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accessibility.plans import essential_readiness
from charters.models import Signature
from coproduce.generations import generations
from expenses.models import Claim, Status
from projects.models import Meeting, Membership, Project, ProjectStatus, Role
from reviews.models import OPEN_ACTION_STATUSES, Action, CycleStatus, Piece, ReviewCycle
from reviews.results import (
    DIRECTION_WORDS,
    GROUPS,
    Gap,
    gap_between_means,
    gap_direction,
    ladder_steps,
    piece_means,
    rung_name,
)
from reviews.results_cache import GENERATIONS as RESULTS_GENERATIONS

from . import figures_cache
from .pay_speed import WINDOW, PaySpeed, pay_speed

PER_PAGE = 25
PIECE_LABELS = dict(Piece.choices)
# A project's figures are worked out for a day (the next meeting and reviews are in the key).
FIGURES_TIMEOUT = 60 * 60 * 24
# In the figures' keys: change it whenever Figures (or what it holds) changes shape, so a new
# release never reads what an older one kept.
FIGURES_SHAPE = 1

# ?sort= values: the column, and its ordering (most needing attention first, except names).
SORTS = {
    "title": ("title", "id"),
    "status": ("status", "title", "id"),
    "claims": ("-claims_waiting", "title", "id"),
    "overdue": ("-actions_overdue", "title", "id"),
    "unsigned": ("-charter_unsigned", "title", "id"),
}
SORT_LABELS = {
    "title": _("Project"),
    "status": _("Status"),
    "claims": _("Claims waiting"),
    "overdue": _("Overdue actions"),
    "unsigned": _("Members yet to sign the charter"),
}


def _count(queryset) -> Coalesce:
    """A correlated COUNT(*) of `queryset` (already filtered on OuterRef), 0 when none."""
    counted = queryset.order_by().values(one=Value(1)).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _closed_cycle(offset: int) -> Subquery:
    """The id of the project's latest closed review (offset 0) or the one before (1)."""
    closed = ReviewCycle.objects.filter(project=OuterRef("pk"), status=CycleStatus.CLOSED)
    return Subquery(closed.order_by("-closes_on", "-id").values("id")[offset : offset + 1])


def commissioned_by(user, *, today: date, status: str = "", overdue_only: bool = False):
    """The projects `user` commissions, with the counts each row shows, unordered."""
    projects = Project.objects.filter(
        pk__in=Membership.objects.active()
        .filter(user=user, role=Role.COMMISSIONER)
        .values("project_id")
    ).with_member_count()
    members = Membership.objects.active().filter(project=OuterRef("pk"))
    actions = Action.objects.filter(cycle__project=OuterRef("pk"), status__in=OPEN_ACTION_STATUSES)
    waiting = Claim.objects.filter(project=OuterRef("pk"), status=Status.SUBMITTED)
    # A current member's valid signature on the version in force now.
    signed = Signature.objects.filter(
        version_id=OuterRef(OuterRef("charter__current_version_id")),
        member_id=OuterRef("user_id"),
        withdrawal__isnull=True,
    )
    projects = projects.annotate(
        version_id=Coalesce("charter__current_version_id", Value(0)),
        charter_signed=_count(members.filter(Exists(signed))),
        claims_waiting=_count(waiting),
        actions_open=_count(actions),
        actions_overdue=_count(actions.filter(due_on__lt=today)),
        latest_cycle_id=_closed_cycle(0),
        previous_cycle_id=_closed_cycle(1),
        next_meeting_id=Subquery(
            Meeting.objects.filter(
                project=OuterRef("pk"), starts_at__gte=timezone.now(), cancelled_at__isnull=True
            )
            .order_by("starts_at", "id")
            .values("id")[:1]
        ),
    )
    if status in ProjectStatus.values:
        projects = projects.filter(status=status)
    if overdue_only:
        projects = projects.filter(actions_overdue__gt=0)
    return projects


def ordered(projects, sort: str):
    if sort == "unsigned":
        # Only for this order: PostgreSQL works out each count again for the difference,
        # which cost a page of 25 projects about 5 ms.
        projects = projects.annotate(charter_unsigned=F("member_count") - F("charter_signed"))
    return projects.order_by(*SORTS.get(sort, SORTS["title"]))


@dataclass
class PieceGap:
    # The piece's value, not its label: a translatable label costs far more to keep in the
    # cache and read back than to look up.
    piece: str
    gap: Gap | None
    direction: str | None

    @property
    def label(self) -> str:
        return PIECE_LABELS[self.piece]

    @property
    def direction_words(self) -> str:
        return DIRECTION_WORDS[self.direction] if self.direction else ""


@dataclass
class Figures:
    """What a row shows beyond its page's counts, which is kept in the cache
    (figures_cache.py)."""

    next_meeting: Meeting | None = None
    access_arranged: int = 0
    access_essential: int = 0
    pay: PaySpeed = field(default_factory=PaySpeed)
    cycle: ReviewCycle | None = None
    pieces: list[PieceGap] = field(default_factory=list)
    ladder: list[int | None] = field(default_factory=list)  # a rung per group


@dataclass(kw_only=True)
class PortfolioRow(Figures):
    project: Project

    @property
    def charter_in_force(self) -> bool:
        p = self.project
        return bool(p.version_id) and p.member_count > 0 and p.charter_signed == p.member_count

    @property
    def ladder_labels(self) -> list[str | None]:
        return [rung_name(rung) for rung in self.ladder]

    @property
    def ladder_by_group(self) -> list[tuple[str, str | None]]:
        return list(zip([g.label for g in GROUPS], self.ladder_labels, strict=True))


def _access(meeting_ids) -> dict[int, tuple[int, int]]:
    """{meeting id: (essential needs arranged, essential needs)} for the people coming."""
    return essential_readiness(Meeting.objects.filter(pk__in=meeting_ids).only("id", "project_id"))


def _pay(project_ids, today: date) -> dict[int, PaySpeed]:
    # From the start of a day, so the figures hold for the whole day they are kept for.
    since = timezone.make_aware(datetime.combine(today - WINDOW, time()))
    claims = {pk: [] for pk in project_ids}
    for project_id, submitted_at, paid_at in Claim.objects.filter(
        project_id__in=project_ids, status=Status.PAID, paid_at__gte=since
    ).values_list("project_id", "submitted_at", "paid_at"):
        claims[project_id].append((submitted_at, paid_at))
    return {pk: pay_speed(rows) for pk, rows in claims.items()}


def portfolio_rows(projects, *, today: date, cached: bool = True) -> list[PortfolioRow]:
    """The rows for a page of `projects` (from commissioned_by), in a fixed number of queries:
    each project's figures from the cache, the rest worked out together (and kept)."""
    projects = list(projects)
    keys = _figures_keys(projects, today) if cached else {}
    kept = cache.get_many(keys.values()) if cached else {}
    missing = [p for p in projects if keys.get(p.pk) not in kept]
    figures = _figures(missing, today=today)
    if cached and figures:
        cache.set_many({keys[pk]: f for pk, f in figures.items()}, FIGURES_TIMEOUT)
    rows = []
    for project in projects:
        found = figures[project.pk] if project.pk in figures else kept[keys[project.pk]]
        shown = {f.name: getattr(found, f.name) for f in fields(Figures)}
        rows.append(PortfolioRow(project=project, **shown))
    return rows


def _figures_keys(projects, today: date) -> dict[int, str]:
    ids = [p.pk for p in projects]
    ours = generations(figures_cache.GENERATIONS, ids)
    reviews = generations(RESULTS_GENERATIONS, ids)
    return {
        p.pk: (
            f"outcomes:figures:{FIGURES_SHAPE}:{p.pk}:{ours[p.pk]}:{reviews[p.pk]}:{today.isoformat()}:"
            f"{p.next_meeting_id}:{p.latest_cycle_id}:{p.previous_cycle_id}"
        )
        for p in projects
    }


def _figures(projects, *, today: date) -> dict[int, Figures]:
    """{project id: its Figures} for `projects` (from commissioned_by)."""
    if not projects:
        return {}
    meetings = Meeting.objects.only("id", "title", "starts_at").in_bulk(
        [p.next_meeting_id for p in projects if p.next_meeting_id]
    )
    access = _access(meetings.keys())
    pay = _pay([p.pk for p in projects], today)
    cycle_ids = [c for p in projects for c in (p.latest_cycle_id, p.previous_cycle_id) if c]
    cycles = ReviewCycle.objects.only("id", "title", "closes_on").in_bulk(cycle_ids)
    means = piece_means(cycle_ids)
    ladder = ladder_steps(cycle_ids)
    found = {}
    for project in projects:
        row = found[project.pk] = Figures(pay=pay[project.pk])
        if project.next_meeting_id:
            row.next_meeting = meetings[project.next_meeting_id]
            row.access_arranged, row.access_essential = access[project.next_meeting_id]
        if project.latest_cycle_id:
            row.cycle = cycles[project.latest_cycle_id]
            row.ladder = [ladder[row.cycle.pk][g] for g in GROUPS]
            for piece in Piece.values:
                gap = _gap(means[row.cycle.pk][piece])
                before = None
                if project.previous_cycle_id:
                    before = _gap(means[project.previous_cycle_id][piece])
                row.pieces.append(PieceGap(piece, gap, gap_direction(before, gap)))
    return found


def _gap(by_group: dict) -> Gap | None:
    return gap_between_means(by_group[GROUPS[0]], by_group[GROUPS[1]])
