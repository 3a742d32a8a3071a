"""The demo tells the reviews story: two closed reviews answered by every role, with results,
a gap and a trend; an open third; actions from the first, some done with what changed, some
open, one overdue; and the ladder placed at both closed reviews."""

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from outcomes.impact import report_for
from projects.models import Membership, Project
from reviews.models import Action, ActionStatus, CycleStatus, Placement, ReviewCycle, RoleGroup
from reviews.results import trend


def test_the_main_project_has_two_closed_reviews_an_open_one_and_actions(db, settings, client):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")  # running it again changes nothing
    main = Project.objects.get(title="Redesigning short breaks for carers")
    cycles = ReviewCycle.objects.filter(project=main)
    assert sorted(cycles.values_list("status", flat=True)) == ["closed", "closed", "open"]
    closed = cycles.filter(status=CycleStatus.CLOSED)
    members = Membership.objects.active().filter(project=main)
    for cycle in closed:
        # Every member answered: every role is in it, both groups are shown.
        assert cycle.responses.count() == members.count()
        assert set(Placement.objects.filter(cycle=cycle).values_list("role_group", flat=True)) == {
            RoleGroup.LIVED,
            RoleGroup.PROFESSIONAL,
        }
    first, second = trend(main.pk)
    assert all(m is not None for piece in second.means.values() for m in piece.values())
    # The gap narrows: lived experience rates higher the second time, professionals the same.
    assert second.means["culture"]["lived"] > first.means["culture"]["lived"]

    today = timezone.localdate()
    actions = Action.objects.filter(cycle=closed.order_by("closes_on").first())
    done = actions.filter(status=ActionStatus.DONE)
    assert done.count() >= 2 and all(a.outcome and a.outcome_easy_read for a in done)
    assert actions.filter(status__in=["not_started", "in_progress"]).count() >= 2
    assert actions.filter(status="not_started", due_on__lt=today).count() == 1

    report = report_for(main, today=today)
    assert [p.ladder for p in report.reviews] == [
        ["Consultation", "Engagement"],
        ["Engagement", "Co-design"],
    ]
    assert report.access_essential and report.access_arranged

    # The pages the demo accounts reach say what happened.
    client.force_login(User.objects.get(email="commissioner@example.com"))
    portfolio = client.get(reverse("portfolio")).content.decode()
    assert "narrower than at the review before" in portfolio
    # Every project's row has figures: the second project's and the draft's too (the main
    # project has Grace's and Tom's essential needs as well as Sam's).
    assert portfolio.count("1 of 2 essential needs arranged") == 2
    assert portfolio.count("2 of 4 essential needs arranged") == 1
    assert portfolio.count("100% by the date promised") == 3
    for nothing in ("No review has closed yet", "Nothing paid", "Not assessed yet"):
        assert nothing not in portfolio
    client.force_login(User.objects.get(email="person@example.com"))
    said = client.get(reverse("you-said-we-did", args=[main.pk])).content.decode()
    assert "What changed" in said and "Overdue" in said

    # The second project's check-in led to actions too: one done, one open.
    home_care = Project.objects.get(title="Home care quality standards")
    assert sorted(
        Action.objects.filter(cycle__project=home_care).values_list("status", flat=True)
    ) == [ActionStatus.DONE, ActionStatus.IN_PROGRESS]
    client.force_login(User.objects.get(email="person@example.com"))
    said = client.get(reverse("you-said-we-did", args=[home_care.pk])).content.decode()
    assert "The panel now meets at the library" in said

    # The draft project took its starting point before its charter is agreed, and acted on it.
    draft = Project.objects.get(title="Day opportunities review")
    assert sorted(Action.objects.filter(cycle__project=draft).values_list("status", flat=True)) == [
        ActionStatus.DONE,
        ActionStatus.NOT_STARTED,
    ]
    client.force_login(User.objects.get(email="commissioner@example.com"))
    impact = client.get(reverse("impact-report", args=[draft.pk])).content.decode()
    assert "Starting point, closed" in impact and "3 of 4 at the meetings held" in impact
    for nothing in ("No review has closed yet", "Nothing paid yet", "has not placed itself"):
        assert nothing not in impact
