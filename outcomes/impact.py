"""A project's impact report for a board: what co-production there has amounted to, in counts and
trends (issue 15). No one's name and no access need appears in it: members are counted by role,
access is the share of essential needs arranged, reviews are the groups' means (with the same
anonymity rule as the results pages, reviews/results.py).

A fixed number of queries whatever the size of the project; the page and the CSV pack are built
from the same ImpactReport, so they always agree.
"""

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accessibility.plans import essential_readiness
from coproduce.csv_safe import csv_bytes
from expenses.models import Claim, Status
from projects.models import Attendance, Membership, Project, Role
from reviews.models import OPEN_ACTION_STATUSES, Action, ActionStatus, Piece
from reviews.results import GROUPS, Gap, gap_between_means, ladder_steps, rung_name, trend

from .pay_speed import PaySpeed, pay_speed


def percent(part: int, whole: int) -> int | None:
    if not whole:
        return None
    return int((Decimal(100 * part) / whole).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def blank(value):
    """A cell for a figure that may not exist: empty rather than "None" (0 stays 0)."""
    return "" if value is None else value


def pounds(pence: int) -> Decimal:
    return (Decimal(pence) / 100).quantize(Decimal("0.01"))


@dataclass
class ReviewPoint:
    """One closed review: each piece's means (a value per group) and gap, and the ladder."""

    title: str
    closed_on: date
    pieces: list[tuple[str, list[Decimal | None], Gap | None]]
    ladder: list[str | None]  # the middle rung's name, per group


@dataclass
class ImpactReport:
    project: Project
    roles: list[tuple[str, int]] = field(default_factory=list)
    meetings_held: int = 0
    attendance_recorded: int = 0
    attended: int = 0
    access_essential: int = 0
    access_arranged: int = 0
    paid_pence: int = 0
    pay: PaySpeed = field(default_factory=PaySpeed)
    reviews: list[ReviewPoint] = field(default_factory=list)
    actions: dict[str, int] = field(default_factory=dict)
    actions_overdue: int = 0

    @property
    def members(self) -> int:
        return sum(n for _label, n in self.roles)

    @property
    def attendance_percent(self) -> int | None:
        return percent(self.attended, self.attendance_recorded)

    @property
    def access_percent(self) -> int | None:
        return percent(self.access_arranged, self.access_essential)

    @property
    def actions_done(self) -> int:
        return self.actions.get(ActionStatus.DONE, 0)

    @property
    def actions_open(self) -> int:
        return sum(self.actions.get(s, 0) for s in OPEN_ACTION_STATUSES)


def report_for(project: Project, *, today: date) -> ImpactReport:
    report = ImpactReport(project=project)
    counts = dict(
        Membership.objects.active()
        .filter(project=project)
        .values_list("role")
        .annotate(n=Count("id"))
        .order_by()
    )
    report.roles = [(label, counts.get(role, 0)) for role, label in Role.choices]

    held = project.meetings.filter(ends_at__lt=timezone.now(), cancelled_at__isnull=True)
    report.meetings_held = held.count()
    attendance = Attendance.objects.filter(meeting__in=held, attended__isnull=False).aggregate(
        recorded=Count("id"), attended=Count("id", filter=Q(attended=True))
    )
    report.attendance_recorded, report.attended = attendance["recorded"], attendance["attended"]
    for arranged, essential in essential_readiness(held.only("id", "project_id")).values():
        report.access_arranged += arranged
        report.access_essential += essential

    paid = Claim.objects.filter(project=project, status=Status.PAID)
    report.paid_pence = (
        paid.aggregate(total=Sum(F("time_pence") + F("expenses_pence")))["total"] or 0
    )
    report.pay = pay_speed(paid.values_list("submitted_at", "paid_at"))

    points = trend(project.pk)
    ladder = ladder_steps([p.cycle.pk for p in points])
    for point in points:
        pieces = []
        for piece, label in Piece.choices:
            means = [point.means[piece][g] for g in GROUPS]
            pieces.append((label, means, gap_between_means(*means)))
        report.reviews.append(
            ReviewPoint(
                title=point.cycle.title,
                closed_on=point.cycle.closes_on,
                pieces=pieces,
                ladder=[rung_name(ladder[point.cycle.pk][g]) for g in GROUPS],
            )
        )

    actions = Action.objects.filter(cycle__project=project)
    report.actions = dict(actions.values_list("status").annotate(n=Count("id")).order_by())
    report.actions_overdue = actions.filter(
        status__in=OPEN_ACTION_STATUSES, due_on__lt=today
    ).count()
    return report


def _tables(report: ImpactReport) -> dict[str, list[list]]:
    """Each CSV file of the pack: its name and rows (a header first)."""
    groups = [g.label for g in GROUPS]
    reviews = [[_("Review"), _("Closed on"), _("Piece"), *groups, _("Gap")]]
    for point in report.reviews:
        for label, means, gap in point.pieces:
            reviews.append(
                [
                    point.title,
                    point.closed_on,
                    label,
                    *[blank(m) for m in means],
                    gap.difference if gap else "",
                ]
            )
    return {
        "members-by-role.csv": [[_("Role"), _("Members")], *report.roles],
        "meetings.csv": [
            [_("Meetings held"), _("Attendance recorded"), _("Attended"), _("Attendance rate (%)")],
            [
                report.meetings_held,
                report.attendance_recorded,
                report.attended,
                blank(report.attendance_percent),
            ],
        ],
        "access.csv": [
            [
                _("Essential access needs at meetings held"),
                _("Arranged"),
                _("Share arranged (%)"),
            ],
            [report.access_essential, report.access_arranged, blank(report.access_percent)],
        ],
        "payments.csv": [
            [
                _("Claims paid"),
                _("Total paid (£)"),
                _("Median working days from submitted to paid"),
                _("Paid by the promised date (%)"),
            ],
            [
                report.pay.paid,
                pounds(report.paid_pence),
                blank(report.pay.median_working_days),
                blank(report.pay.on_time_percent),
            ],
        ],
        "reviews.csv": reviews,
        "actions.csv": [
            [_("Done"), _("Open"), _("Overdue")],
            [report.actions_done, report.actions_open, report.actions_overdue],
        ],
        "ladder.csv": [
            [
                _("Review"),
                _("Closed on"),
                *[_("Ladder step (%(group)s)") % {"group": g} for g in groups],
            ],
            *[[p.title, p.closed_on, *[step or "" for step in p.ladder]] for p in report.reviews],
        ],
    }


def csv_pack(report: ImpactReport) -> bytes:
    """A zip of the report's CSV files, each UTF-8 with a byte order mark for Excel. Entries
    carry a fixed time, so the same report makes the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as pack:
        for name, rows in _tables(report).items():
            entry = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            pack.writestr(entry, csv_bytes(rows, for_excel=True))
    return buffer.getvalue()
