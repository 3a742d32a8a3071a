"""Actions agreed after a review, followed up at the next; the commissioner's portfolio."""

from datetime import date

import pytest
from django.urls import reverse

from projects.models import Role
from reviews.models import Action, ActionStatus, Rating
from tests.base import add_member, make_project, make_user
from tests.reviews.factories import answer, make_cycle

pytestmark = pytest.mark.django_db


def _url(name, cycle, **extra):
    return reverse(name, kwargs={"project_id": cycle.project_id, "cycle_id": cycle.pk, **extra})


def _action_data(owner, **extra):
    return {
        "piece": "structure",
        "description": "Pay expenses on the day",
        "owner_id": str(owner.pk),
        "due_on_0": "1",
        "due_on_1": "6",
        "due_on_2": "2027",
        "status": "not_started",
    } | extra


def test_a_facilitator_agrees_an_action_and_the_next_review_shows_how_far_it_got(client, cast):
    first = make_cycle(
        cast.project, "closed", opens_on=date(2026, 1, 1), closes_on=date(2026, 1, 9)
    )
    client.force_login(cast.facilitator)
    response = client.post(_url("action-create", first), _action_data(cast.carer))
    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.owner, action.due_on, action.piece) == (
        cast.carer,
        date(2027, 6, 1),
        "structure",
    )
    client.post(
        _url("action-edit", first, action_id=action.pk),
        _action_data(cast.carer, status="in_progress"),
    )
    assert Action.objects.get().status == ActionStatus.IN_PROGRESS

    second = make_cycle(cast.project, "open", opens_on=date(2026, 4, 1), closes_on=date(2026, 4, 9))
    client.force_login(cast.person)
    page = client.get(_url("cycle-detail", second)).content.decode()
    assert "Actions from the last review" in page
    assert "Pay expenses on the day" in page and "In progress" in page


def test_an_owner_who_is_not_a_member_is_refused(client, cast):
    cycle = make_cycle(cast.project, "closed")
    client.force_login(cast.facilitator)
    response = client.post(_url("action-create", cycle), _action_data(cast.outsider))
    assert response.status_code == 200
    assert "The owner must be a member of the project." in response.content.decode()
    membership = cast.membership(cast.carer)
    membership.left_at = membership.joined_at
    membership.save()
    response = client.post(_url("action-create", cycle), _action_data(cast.carer))
    assert "The owner must be a member of the project." in response.content.decode()
    assert not Action.objects.exists()


def _review_with_answers(project, people, value):
    cycle = make_cycle(project, opens_on=date(2026, 2, 1), closes_on=date(2026, 2, 9))
    for user, _role in people:
        answer(cycle, user, value)
    from reviews import services

    return services.cycle_close(cycle=cycle, today=cycle.closes_on)


@pytest.mark.parametrize("projects", [1, 4])
def test_the_portfolio_shows_each_projects_latest_results_in_fixed_queries(
    client, cast, django_assert_num_queries, projects
):
    for number in range(projects):
        project = cast.project if number == 0 else make_project(cast.commissioner, f"P{number}")
        people = [(add_member(project, role).user, role) for role in [Role.PERSON] * 3]
        people += [(add_member(project, Role.PROFESSIONAL).user, None) for _ in range(3)]
        make_cycle(
            project, "closed", title="Old", opens_on=date(2025, 1, 1), closes_on=date(2025, 1, 5)
        )
        _review_with_answers(project, people, Rating.A_LITTLE)
    elsewhere = make_project(make_user("nadia"), "Not hers")
    make_cycle(elsewhere, "closed")
    client.force_login(cast.commissioner)
    # user; projects counted; a page of projects with their latest review; those
    # reviews; placements; answers.
    with django_assert_num_queries(6):
        page = client.get(reverse("review-portfolio")).content.decode()
    assert "Short breaks" in page and "Not hers" not in page
    assert page.count("Spring review, closed 9 February 2026") == projects
    # Lived experience 2.0 beside professionals 2.0, for each of the four pieces.
    assert page.count("about the same") == 4 * projects


def test_the_portfolio_shows_twenty_projects_a_page(client, cast):
    for number in range(24):
        make_project(cast.commissioner, f"Project {number:02}")
    client.force_login(cast.commissioner)
    first = client.get(reverse("review-portfolio")).content.decode()
    assert first.count("No review has closed yet.") == 20
    assert "Review portfolio (page 1 of 2)" in first
    second = client.get(reverse("review-portfolio"), {"page": 2}).content.decode()
    assert second.count("No review has closed yet.") == 5  # 24 and the cast's project
    assert "Project 23" in second and "Project 23" not in first


def test_people_who_commission_nothing_see_an_empty_portfolio(client, cast):
    client.force_login(cast.person)
    page = client.get(reverse("review-portfolio")).content.decode()
    assert "You do not commission any projects." in page
