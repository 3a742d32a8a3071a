""" "You said, we did": every member reads what was agreed after reviews and what changed; a
facilitator records the outcome when marking an action done, and every member is told once, on
their channel and in their format."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accessibility.models import AccessProfile
from projects.models import Role
from reminders.models import Delivery, Kind
from reminders.services import reminders_tick
from reviews.models import Action, ActionStatus
from tests.base import add_member
from tests.reviews.factories import make_cycle

pytestmark = pytest.mark.django_db


def _action(cycle, owner, status=ActionStatus.NOT_STARTED, due_in=10, **fields):
    return Action.objects.create(
        cycle=cycle,
        piece="practice",
        description=fields.pop("description", "Send papers a week before"),
        owner=owner,
        due_on=timezone.localdate() + timedelta(days=due_in),
        status=status,
        created_by=cycle.created_by,
        **fields,
    )


def _page(client, project) -> str:
    return client.get(reverse("you-said-we-did", args=[project.pk])).content.decode()


def test_every_member_reads_open_overdue_and_done_actions_with_what_changed(client, cast):
    cycle = make_cycle(cast.project, "closed")
    _action(cycle, cast.facilitator, description="Meet in the evening")
    _action(cycle, cast.carer, due_in=-3, description="Pay on the day")
    _action(
        cycle,
        cast.facilitator,
        ActionStatus.DONE,
        description="Send papers a week before",
        outcome="Papers now go out seven days before every meeting.",
        outcome_easy_read="You get the papers one week before.",
        done_on=timezone.localdate(),
    )
    for viewer in (cast.person, cast.professional, cast.commissioner):
        client.force_login(viewer)
        page = _page(client, cast.project)
        assert "Meet in the evening" in page and "Overdue" in page
        assert "Papers now go out seven days before every meeting." in page
        assert "You get the papers one week before." in page
        assert "Update or mark done" not in page
        # Open first, the overdue one at the top; done ones stay, after them.
        assert page.index("Pay on the day") < page.index("Meet in the evening")
        assert page.index("Meet in the evening") < page.index("Send papers a week before")
    client.force_login(cast.facilitator)
    assert "Update or mark done" in _page(client, cast.project)


def test_a_project_with_no_actions_says_so(client, cast):
    client.force_login(cast.person)
    assert "Nothing has been agreed yet." in _page(client, cast.project)


def _mark_done(client, action, outcome="Meetings start at 6pm now.", **extra):
    return client.post(
        reverse("action-edit", args=[action.cycle.project_id, action.cycle_id, action.pk]),
        {
            "piece": action.piece,
            "description": action.description,
            "owner_id": str(action.owner_id),
            "due_on_0": str(action.due_on.day),
            "due_on_1": str(action.due_on.month),
            "due_on_2": str(action.due_on.year),
            "status": "done",
            "outcome": outcome,
            "outcome_easy_read": "",
        }
        | extra,
    )


def test_marking_done_needs_what_changed(client, cast):
    action = _action(make_cycle(cast.project, "closed"), cast.facilitator)
    client.force_login(cast.facilitator)
    response = _mark_done(client, action, outcome="  ")
    assert response.status_code == 200
    assert "Say what changed before you mark the action done." in response.content.decode()
    action.refresh_from_db()
    assert action.status == ActionStatus.NOT_STARTED
    assert not Delivery.objects.exists()


def test_every_member_is_told_once_in_their_format(client, cast):
    leaver = add_member(cast.project, Role.PERSON)
    leaver.left_at = timezone.now()
    leaver.save()
    AccessProfile.objects.create(user=cast.person, format="easy_read")
    action = _action(make_cycle(cast.project, "closed"), cast.facilitator)
    client.force_login(cast.facilitator)
    assert _mark_done(client, action, outcome_easy_read="We meet at 6pm.").status_code == 302
    action.refresh_from_db()
    assert action.done_on == timezone.localdate()
    told = set(Delivery.objects.filter(kind=Kind.ACTION_DONE).values_list("recipient", flat=True))
    assert told == {
        u.pk
        for u in (cast.commissioner, cast.facilitator, cast.person, cast.carer, cast.professional)
    }
    # Reopened and done again: nobody is told twice.
    _mark_done(client, action, status="in_progress", outcome_easy_read="We meet at 6pm.")
    _mark_done(client, action, outcome_easy_read="We meet at 6pm.")
    assert Delivery.objects.filter(kind=Kind.ACTION_DONE).count() == 5
    reminders_tick()
    reminders_tick()
    [easy] = [m for m in mail.outbox if m.to == [cast.person.email]]
    assert "We meet at 6pm." in easy.body and "You told us what to make better." in easy.body
    [standard] = [m for m in mail.outbox if m.to == [cast.carer.email]]
    assert "Meetings start at 6pm now." in standard.body
    assert standard.subject == "You said, we did: Short breaks"
    assert len(mail.outbox) == 5


def test_the_page_makes_as_many_queries_for_many_actions_as_for_one(client, cast):
    cycle = make_cycle(cast.project, "closed")
    _action(cycle, cast.facilitator)
    client.force_login(cast.person)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            _page(client, cast.project)
        return len(queries)

    one = count()
    for number in range(30):
        owner = (cast.carer, cast.facilitator)[number % 2]
        _action(cycle, owner, ActionStatus.DONE, outcome=f"Changed {number}")
    assert count() == one


def test_the_change_form_sends_to_its_own_address(client, cast):
    """It once sent to the action's description, a relative address that does not exist."""
    action = _action(make_cycle(cast.project, "closed"), cast.facilitator)
    client.force_login(cast.facilitator)
    page = client.get(
        reverse("action-edit", args=[cast.project.pk, action.cycle_id, action.pk])
    ).content.decode()
    assert '<form method="post" novalidate>' in page
    assert "Change an action" in page
