"""A project with something in every column of the portfolio and the impact report."""

from datetime import timedelta

from django.utils import timezone

from accessibility.models import Arrangement, ArrangementStatus, Need
from expenses.models import Claim, Status
from projects.models import Attendance, Project, Role, Rsvp
from reviews.models import Action, ActionStatus, Rating, Rung
from reviews.services import cycle_close
from tests.accessibility.helpers import give_needs, share
from tests.base import add_member, make_meeting, make_project
from tests.charters.helpers import publish
from tests.reviews.factories import answer, make_cycle


def busy_project(
    commissioner, title: str = "Short breaks", project: Project | None = None, reviews: int = 2
):
    """Three people with lived experience and three professionals; a charter signed by all
    but one; two closed reviews (the gap in Culture narrowing from 2 points to 1); one action
    done and one overdue; a paid claim; the next meeting with two essential needs, one
    arranged. With `reviews=1`, only the later review (quicker, for tests that need many)."""
    project = project or make_project(commissioner, title)
    lived = [add_member(project, Role.PERSON).user for _ in range(3)]
    pros = [add_member(project, Role.PROFESSIONAL).user for _ in range(3)]
    from charters.services import signature_sign

    version = publish(project, commissioner)
    for user in [*lived, *pros]:
        signature_sign(version=version, member=user, name=user.display_name)
    today = timezone.localdate()
    for weeks, lived_value in ((30, Rating.NOT_YET), (10, Rating.A_LITTLE))[-reviews:]:
        opens = today - timedelta(weeks=weeks)
        cycle = make_cycle(project, title=f"Review {weeks}", opens_on=opens, closes_on=opens)
        for user in lived:
            answer(cycle, user, lived_value, anonymous=True, rung=Rung.CONSULTATION)
        for user in pros:
            answer(cycle, user, Rating.MOSTLY, rung=Rung.CO_DESIGN)
        cycle = cycle_close(cycle=cycle, today=cycle.closes_on)
    for status, due in ((ActionStatus.DONE, 5), (ActionStatus.NOT_STARTED, -5)):
        Action.objects.create(
            cycle=cycle,
            piece="culture",
            description="Meet in the evening",
            owner=lived[0],
            due_on=today + timedelta(days=due),
            status=status,
            outcome="Meetings are at 6pm now." if status == ActionStatus.DONE else "",
            created_by=commissioner,
        )
    past = make_meeting(project, days_from_now=-20)
    now = timezone.now()
    for user in lived:
        Attendance.objects.create(meeting=past, user=user, attended=True)
    Claim.objects.create(
        project=project,
        meeting=past,
        claimant=lived[0],
        status=Status.PAID,
        time_pence=4000,
        submitted_at=now - timedelta(days=14),
        paid_at=now - timedelta(days=10),
    )
    Claim.objects.create(project=project, meeting=past, claimant=lived[1], status=Status.SUBMITTED)
    upcoming = make_meeting(project, days_from_now=7)
    for user in lived[:2]:
        give_needs(user, ("step-free", "essential", ""))
        share(user, project, "summary")
        Attendance.objects.create(meeting=upcoming, user=user, rsvp=Rsvp.YES)
    Arrangement.objects.create(
        meeting=upcoming,
        person=lived[0],
        need=Need.objects.get(code="step-free"),
        status=ArrangementStatus.ARRANGED,
    )
    return project
