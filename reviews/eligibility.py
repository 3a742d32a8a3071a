"""Who may answer a review cycle: the members who belonged to the project when it opened.

A facilitator could otherwise invite people they control while a review is open, answer as
them and take their own answers away from a small group's counts, leaving the answers of the
real members (issue 17). So the members are fixed when the cycle opens (EligibleMember rows,
written by services.cycle_open), the anonymity threshold is judged against them, and everyone
can see who joined while it was open.
"""

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.access import Can, role_can
from projects.models import Membership

from .models import EligibleMember, ReviewCycle, review_group

NOT_ELIGIBLE = _(
    "You joined the project after this review opened, so you cannot answer it. Only people "
    "who were members before a review opens can answer it. This stops anyone adding people "
    "to work out how others answered. You can answer the next review."
)


def eligible_rows(cycle: ReviewCycle) -> list[EligibleMember]:
    """The members who may answer `cycle` if it opened now: every active member whose role
    rates reviews, in the group review_group() puts them in."""
    members = Membership.objects.active().filter(project_id=cycle.project_id)
    return [
        EligibleMember(cycle=cycle, user_id=m.user_id, role_group=review_group(m))
        for m in members
        if role_can(m.role, Can.RATE_REVIEW)
    ]


def is_eligible(cycle: ReviewCycle, user) -> bool:
    return EligibleMember.objects.filter(cycle=cycle, user=user).exists()


def eligible_counts(cycle: ReviewCycle) -> dict[str, int]:
    """{group: members who may answer}."""
    rows = (
        EligibleMember.objects.filter(cycle=cycle)
        .values("role_group")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["role_group"]: row["n"] for row in rows}


def joined_while_open(cycle: ReviewCycle) -> QuerySet[Membership]:
    """Memberships that began while `cycle` was open (so far, if it still is), oldest first.
    People who left since are included: they joined all the same."""
    if cycle.opened_at is None:
        return Membership.objects.none()
    return (
        Membership.objects.filter(
            project_id=cycle.project_id,
            joined_at__gt=cycle.opened_at,
            joined_at__lte=cycle.closed_at or timezone.now(),
        )
        .exclude(user_id__in=EligibleMember.objects.filter(cycle=cycle).values("user_id"))
        .select_related("user")
        .order_by("joined_at", "id")
    )
