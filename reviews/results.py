"""Results of review cycles, aggregated in SQL: a fixed number of queries whatever the number of
answers.

Lived experience and professionals are always shown side by side and never combined: with one
group hidden for being small, an "everyone" figure minus the other group would give it away.
Whether a group is shown is decided in one place, group_is_shown(), for the pages, the charts,
the portfolio and the export alike; a hidden group's comments are held back with its figures.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Answer, CycleStatus, Piece, Placement, Rating, ReviewCycle, RoleGroup, Rung

# A group with fewer answers than this is not shown on its own, to protect anonymity.
MIN_GROUP_SIZE = 3
GROUPS = (RoleGroup.LIVED, RoleGroup.PROFESSIONAL)
SCALE = (Rating.NOT_YET, Rating.A_LITTLE, Rating.MOSTLY, Rating.FULLY, Rating.DONT_KNOW)
# A difference in mean score (on the 1 to 4 scale) at least this big is called a gap.
GAP_THRESHOLD = Decimal("0.5")
LARGE_GAP = Decimal("1.0")


def group_is_shown(answered: int, named: int) -> bool:
    """The anonymity rule: a group's figures and comments are shown only when at least
    MIN_GROUP_SIZE of its members answered, or when every one who answered gave their name
    (then there is no anonymous answer to protect, however small the group)."""
    return answered >= MIN_GROUP_SIZE or 0 < answered == named


@dataclass
class Turnout:
    """How many members of a group answered a cycle, and how many of them by name."""

    answered: int = 0
    named: int = 0

    @property
    def shown(self) -> bool:
        return group_is_shown(self.answered, self.named)

    @property
    def named_only(self) -> bool:
        """Shown only because everyone in the group gave their name."""
        return self.shown and self.answered < MIN_GROUP_SIZE


def _mean(total: int, count: int) -> Decimal | None:
    if not count:
        return None
    return (Decimal(total) / count).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class GroupSpread:
    group: str
    label: str
    counts: dict = field(default_factory=dict)  # Rating value -> number of answers
    suppressed: bool = False
    # Fewer than MIN_GROUP_SIZE answered, all by name: shown, and the page says why.
    named_only: bool = False

    @property
    def answers(self) -> int:
        return sum(self.counts.values())

    @property
    def mean(self) -> Decimal | None:
        rated = {v: n for v, n in self.counts.items() if v != Rating.DONT_KNOW}
        return _mean(sum(v * n for v, n in rated.items()), sum(rated.values()))


def scale_choices():
    labels = dict(Rating.choices)
    return [(value, labels[value]) for value in SCALE]


@dataclass
class Gap:
    """Lived experience's mean minus professionals', with words, so it is not shown by colour.
    Taken between the rounded means people see, so the numbers on the page add up."""

    difference: Decimal

    @property
    def size(self) -> str:
        size = abs(self.difference)
        if size >= LARGE_GAP:
            return "large"
        return "some" if size >= GAP_THRESHOLD else "close"

    @property
    def label(self) -> str:
        return {"large": _("Large gap"), "some": _("Some gap"), "close": _("Close")}[self.size]

    @property
    def words(self) -> str:
        if self.size == "close":
            return _("Lived experience and professionals rate this about the same.")
        args = {"points": abs(self.difference)}
        if self.difference < 0:
            return (
                _("Lived experience rate this %(points)s points lower than professionals.") % args
            )
        return _("Lived experience rate this %(points)s points higher than professionals.") % args


def gap_between_means(lived: Decimal | None, professional: Decimal | None) -> Gap | None:
    if lived is None or professional is None:
        return None
    return Gap(lived - professional)


def gap_between(spreads: list[GroupSpread]) -> Gap | None:
    lived, professional = spreads
    if lived.suppressed or professional.suppressed:
        return None
    return gap_between_means(lived.mean, professional.mean)


class _SideBySide:
    """Lived experience beside professionals: `spreads` holds one GroupSpread per group."""

    spreads: list[GroupSpread]

    @property
    def gap(self) -> Gap | None:
        return gap_between(self.spreads)

    @property
    def table(self) -> list[tuple[str, list[int | None]]]:
        """(answer, [count per group, None where hidden]) for each point of the scale."""
        return [
            (label, [None if s.suppressed else s.counts.get(value, 0) for s in self.spreads])
            for value, label in scale_choices()
        ]


@dataclass
class StatementResult(_SideBySide):
    statement: dict
    spreads: list[GroupSpread]
    comments: list[dict]


@dataclass
class PieceResult(_SideBySide):
    piece: str
    label: str
    spreads: list[GroupSpread]
    statements: list[StatementResult]


@dataclass
class CycleResults:
    cycle: ReviewCycle
    respondents: dict  # group -> number of members who answered
    pieces: list[PieceResult]
    ladder: list[GroupSpread]  # counts keyed by rung
    min_group_size: int = MIN_GROUP_SIZE

    @property
    def total_respondents(self) -> int:
        return sum(self.respondents.values())

    @property
    def ladder_rows(self) -> list[tuple[str, list[int]]]:
        return [
            (label, [None if s.suppressed else s.counts.get(rung, 0) for s in self.ladder])
            for rung, label in Rung.choices
        ]


def _spreads(counts_by_group: dict, turnout: dict) -> list[GroupSpread]:
    labels = dict(RoleGroup.choices)
    spreads = []
    for group in GROUPS:
        group_turnout = turnout.get(group, Turnout())
        hidden = not group_turnout.shown
        # A hidden group's numbers never reach a template or an export.
        counts = {} if hidden else dict(counts_by_group.get(group, {}))
        spreads.append(
            GroupSpread(
                group,
                labels[group],
                counts,
                suppressed=hidden,
                named_only=group_turnout.named_only,
            )
        )
    return spreads


def turnout_by_cycle(cycle_ids) -> dict:
    """{cycle id: {group: Turnout}}, from the one placement each member who answered made."""
    result = defaultdict(lambda: defaultdict(Turnout))
    rows = (
        Placement.objects.filter(cycle_id__in=cycle_ids)
        .values("cycle_id", "role_group")
        .annotate(n=Count("id"), named=Count("user"))
    )
    for row in rows:
        result[row["cycle_id"]][row["role_group"]] = Turnout(row["n"], row["named"])
    return result


def cycle_results(cycle: ReviewCycle) -> CycleResults:
    """Everything the results page and the export show, in four queries."""
    counts = defaultdict(lambda: defaultdict(dict))  # key -> group -> value -> n
    rows = (
        Answer.objects.filter(cycle=cycle)
        .values("statement_key", "role_group", "value")
        .annotate(n=Count("id"))
    )
    for row in rows:
        counts[row["statement_key"]][row["role_group"]][row["value"]] = row["n"]

    ladder_counts = defaultdict(dict)
    turnout = defaultdict(Turnout)
    rows = (
        Placement.objects.filter(cycle=cycle)
        .values("role_group", "rung")
        .annotate(n=Count("id"), named=Count("user"))
    )
    for row in rows:
        ladder_counts[row["role_group"]][row["rung"]] = row["n"]
        turnout[row["role_group"]].answered += row["n"]
        turnout[row["role_group"]].named += row["named"]

    comments = defaultdict(list)
    # Ordered by the words, not by when or by whom, so the order gives nobody away. A hidden
    # group's comments are left out with its figures: words can give a person away too.
    rows = (
        Answer.objects.filter(cycle=cycle)
        .exclude(comment="")
        .order_by("statement_key", "comment")
        .values("statement_key", "role_group", "comment", "user__preferred_name")
    )
    for row in rows:
        if turnout[row["role_group"]].shown:
            comments[row["statement_key"]].append(
                {"text": row["comment"], "name": row["user__preferred_name"]}
            )

    pieces = []
    for piece, label in Piece.choices:
        statements = [s for s in cycle.statements if s["piece"] == piece]
        piece_counts = defaultdict(lambda: defaultdict(int))
        results = []
        for statement in statements:
            by_group = counts.get(statement["key"], {})
            for group, values in by_group.items():
                for value, n in values.items():
                    piece_counts[group][value] += n
            results.append(
                StatementResult(
                    statement=statement,
                    spreads=_spreads(by_group, turnout),
                    comments=comments.get(statement["key"], []),
                )
            )
        if statements:
            pieces.append(PieceResult(piece, label, _spreads(piece_counts, turnout), results))
    return CycleResults(
        cycle=cycle,
        respondents={group: t.answered for group, t in turnout.items() if t.answered},
        pieces=pieces,
        ladder=_spreads(ladder_counts, turnout),
    )


def piece_means(cycle_ids) -> dict:
    """{cycle id: {piece: {group: mean score or None}}} in two queries; None where the group
    is not shown (group_is_shown) or rated nothing (all "don't know")."""
    turnout = turnout_by_cycle(cycle_ids)
    sums = defaultdict(dict)
    rows = (
        Answer.objects.filter(cycle_id__in=cycle_ids)
        .exclude(value=Rating.DONT_KNOW)
        .values("cycle_id", "piece", "role_group")
        .annotate(total=Sum("value"), n=Count("id"))
    )
    for row in rows:
        sums[row["cycle_id"]][(row["piece"], row["role_group"])] = (row["total"], row["n"])
    result = {}
    for cycle_id in cycle_ids:
        result[cycle_id] = {}
        for piece in Piece.values:
            result[cycle_id][piece] = {}
            for group in GROUPS:
                total, n = sums[cycle_id].get((piece, group), (0, 0))
                shown = turnout[cycle_id][group].shown
                result[cycle_id][piece][group] = _mean(total, n) if shown else None
    return result


@dataclass
class TrendPoint:
    cycle: ReviewCycle
    means: dict  # piece -> group -> mean score or None


def trend(project_id: int, up_to: ReviewCycle | None = None) -> list[TrendPoint]:
    """Mean score per piece and group for each closed cycle, oldest first, in three queries."""
    cycles = ReviewCycle.objects.filter(project_id=project_id, status=CycleStatus.CLOSED)
    if up_to is not None:
        cycles = cycles.filter(Q(closes_on__lt=up_to.closes_on) | Q(pk=up_to.pk))
    cycles = list(cycles.order_by("closes_on", "id").only("id", "title", "closes_on"))
    means = piece_means([c.pk for c in cycles])
    return [TrendPoint(cycle, means[cycle.pk]) for cycle in cycles]


def trend_table(points: list[TrendPoint]) -> list[dict]:
    """The chart's numbers as table rows: one per cycle and group, a mean per piece."""
    labels = dict(RoleGroup.choices)
    return [
        {
            "cycle": point.cycle,
            "group": labels[group],
            "means": [point.means[piece][group] for piece in Piece.values],
        }
        for point in points
        for group in GROUPS
    ]


def ladder_steps(cycle_ids) -> dict:
    """{cycle id: {group: the middle rung its members chose, or None}} in one query: where each
    group places the project on the ladder (the median, so one outlier does not move it). None
    where the group is not shown (group_is_shown) or nobody in it answered."""
    counts = defaultdict(lambda: defaultdict(dict))
    turnout = defaultdict(lambda: defaultdict(Turnout))
    rows = (
        Placement.objects.filter(cycle_id__in=cycle_ids)
        .values("cycle_id", "role_group", "rung")
        .annotate(n=Count("id"), named=Count("user"))
    )
    for row in rows:
        counts[row["cycle_id"]][row["role_group"]][row["rung"]] = row["n"]
        group_turnout = turnout[row["cycle_id"]][row["role_group"]]
        group_turnout.answered += row["n"]
        group_turnout.named += row["named"]
    return {
        cycle_id: {
            group: _median_rung(counts[cycle_id][group]) if turnout[cycle_id][group].shown else None
            for group in GROUPS
        }
        for cycle_id in cycle_ids
    }


def rung_name(rung: int | None) -> str | None:
    """The rung's short name ("Co-design"), without its explanation."""
    return str(dict(Rung.choices)[rung]).split(":")[0] if rung else None


def _median_rung(counts: dict) -> int | None:
    """The lower middle of the rungs chosen, so the step is always a rung of the ladder."""
    rungs = sorted(rung for rung, n in counts.items() for _i in range(n))
    return rungs[(len(rungs) - 1) // 2] if rungs else None


def gap_direction(before: Gap | None, after: Gap | None) -> str | None:
    """How the gap between the groups moved from one cycle to the next, by its size (whichever
    group is higher): "narrower", "wider" or "same"; None when either cannot be shown."""
    if before is None or after is None:
        return None
    then, now = abs(before.difference), abs(after.difference)
    if now < then:
        return "narrower"
    return "wider" if now > then else "same"


DIRECTION_WORDS = {
    "narrower": gettext_lazy("narrower than at the review before"),
    "wider": gettext_lazy("wider than at the review before"),
    "same": gettext_lazy("the same as at the review before"),
}
