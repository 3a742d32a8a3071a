"""What a person has given: the facts on their "My contribution" page and in a record of
contribution. Facts only, from the data: the projects and roles, the meetings they attended
(that happened), the hours those took plus approved work between meetings, and what they were
paid this tax year. Never their access needs, nor anything about benefits.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import F, Sum
from django.utils import timezone

from expenses.models import BETWEEN_MEETINGS_ACTIVITIES, Claim, ClaimLine, LineKind, Status
from expenses.schedule import tax_year_start
from projects.models import Attendance, Membership

# Claims whose work counts as given: a facilitator approved it (paid or on its way).
APPROVED = (Status.APPROVED, Status.SCHEDULED, Status.PAID)


@dataclass
class ProjectFacts:
    project_id: int
    title: str
    roles: str
    joined_on: date
    left_on: date | None
    meetings: list[tuple[date, str]] = field(default_factory=list)
    minutes: int = 0

    @property
    def hours(self) -> str:
        return _hours(self.minutes)


@dataclass
class Contribution:
    projects: list[ProjectFacts]
    paid_this_tax_year_pence: int
    tax_year_from: date

    @property
    def meeting_count(self) -> int:
        return sum(len(p.meetings) for p in self.projects)

    @property
    def hours(self) -> str:
        return _hours(sum(p.minutes for p in self.projects))


def _hours(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours}" if not rest else f"{hours}.{rest * 10 // 60}"


def contribution_of(user, project_ids=None) -> Contribution:
    """The facts for `user`, in all their projects or only `project_ids`: four queries."""
    memberships = Membership.objects.filter(user=user).select_related("project")
    if project_ids is not None:
        memberships = memberships.filter(project_id__in=project_ids)
    projects = {
        m.project_id: ProjectFacts(
            project_id=m.project_id,
            title=m.project.title,
            roles=m.role_label,
            joined_on=timezone.localtime(m.joined_at).date(),
            left_on=timezone.localtime(m.left_at).date() if m.left_at else None,
        )
        for m in memberships.order_by("joined_at")
    }
    attended = (
        Attendance.objects.filter(
            user=user,
            attended=True,
            meeting__project_id__in=projects,
            meeting__starts_at__lte=timezone.now(),
            meeting__cancelled_at__isnull=True,
        )
        .select_related("meeting")
        .order_by("meeting__starts_at")
    )
    for row in attended:
        meeting = row.meeting
        facts = projects[meeting.project_id]
        facts.meetings.append((timezone.localtime(meeting.starts_at).date(), meeting.title))
        facts.minutes += int((meeting.ends_at - meeting.starts_at).total_seconds() // 60)
    # Approved work between and around meetings (preparation, reading papers, phone calls,
    # surveys) from the rate card.
    between = (
        ClaimLine.objects.filter(
            claim__claimant=user,
            claim__status__in=APPROVED,
            claim__project_id__in=projects,
            kind=LineKind.TIME,
            activity__in=BETWEEN_MEETINGS_ACTIVITIES,
        )
        .values(project_id=F("claim__project_id"))
        .annotate(minutes=Sum("quantity"))
    )
    for row in between:
        projects[row["project_id"]].minutes += row["minutes"] or 0
    year_from = tax_year_start(timezone.localdate())
    paid = Claim.objects.filter(
        claimant=user,
        status=Status.PAID,
        paid_at__date__gte=year_from,
        project_id__in=projects,
    ).aggregate(total=Sum(F("time_pence") + F("expenses_pence")))["total"]
    return Contribution(
        projects=list(projects.values()),
        paid_this_tax_year_pence=paid or 0,
        tax_year_from=year_from,
    )
