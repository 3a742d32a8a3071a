"""Actions agreed after a review, followed up at the next (the portfolio: tests/outcomes)."""

from datetime import date

import pytest
from django.urls import reverse

from reviews.models import Action, ActionStatus
from tests.reviews.factories import make_cycle

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
