"""A commissioner's portfolio: the latest review results of every project they commission, in a
fixed number of queries however many projects and answers there are, a page of projects at a
time."""

from django.db.models import OuterRef, Subquery

from projects.models import Project, Role

from .models import CycleStatus, Piece, ReviewCycle
from .results import GROUPS, gap_between_means, piece_means


def commissioned_by(user):
    """The projects `user` commissions, each with its latest closed review's id."""
    latest = (
        ReviewCycle.objects.filter(project=OuterRef("pk"), status=CycleStatus.CLOSED)
        .order_by("-closes_on", "-id")
        .values("id")[:1]
    )
    return (
        Project.objects.filter(
            memberships__user=user,
            memberships__role=Role.COMMISSIONER,
            memberships__left_at__isnull=True,
        )
        .annotate(latest_cycle_id=Subquery(latest))
        .order_by("title", "id")
    )


def portfolio_rows(projects) -> list[dict]:
    """Each project's latest results, in a fixed number of queries."""
    ids = [p.latest_cycle_id for p in projects if p.latest_cycle_id]
    cycles = ReviewCycle.objects.only("id", "title", "closes_on").in_bulk(ids)
    means = piece_means(ids)
    rows = []
    for project in projects:
        cycle = cycles.get(project.latest_cycle_id)
        pieces = []
        if cycle:
            for piece, label in Piece.choices:
                by_group = means[cycle.pk][piece]
                pieces.append(
                    {
                        "label": label,
                        "means": [by_group[g] for g in GROUPS],
                        "gap": gap_between_means(by_group[GROUPS[0]], by_group[GROUPS[1]]),
                    }
                )
        rows.append({"project": project, "cycle": cycle, "pieces": pieces})
    return rows
