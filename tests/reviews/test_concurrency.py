"""Races that only a real PostgreSQL shows: sending answers from two tabs, and sending while
the review closes."""

import pytest

from projects.models import Role
from reviews import services
from reviews.models import Answer, Placement, Response, ReviewCycle, SealedBallot
from tests.base import make_cast
from tests.races import race
from tests.reviews.factories import make_cycle
from tests.services import require_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _draft(cycle, user):
    ratings = {s["key"]: 3 for s in cycle.statements}
    services.draft_save(cycle=cycle, user=user, ratings=ratings, comments={}, rung=4)


def test_sending_from_two_tabs_at_once_stores_the_answers_once():
    require_postgres()
    cast = make_cast()
    cycle = make_cycle(cast.project)
    _draft(cycle, cast.person)
    send = lambda: services.answers_submit(cycle=cycle, user=cast.person, anonymous=True)  # noqa: E731
    errors = race(send, send)
    assert len(errors) == 1 and "already sent" in errors[0].messages[0]
    assert Response.objects.count() == 1
    assert SealedBallot.objects.count() == 1
    services.cycle_close(cycle=cycle)
    assert Answer.objects.count() == len(cycle.statements)
    assert Placement.objects.count() == 1


def test_answers_sent_as_the_review_closes_are_either_in_the_results_or_refused():
    require_postgres()
    cast = make_cast()
    cycle = make_cycle(cast.project)
    for role in (Role.PERSON, Role.CARER, Role.PROFESSIONAL):
        _draft(cycle, cast.member(role))
    errors = race(
        lambda: services.cycle_close(cycle=cycle),
        *[
            (lambda user: lambda: services.answers_submit(cycle=cycle, user=user, anonymous=True))(
                cast.member(role)
            )
            for role in (Role.PERSON, Role.CARER, Role.PROFESSIONAL)
        ],
    )
    assert ReviewCycle.objects.get().is_closed
    sent = Response.objects.count()
    assert sent + len(errors) == 3
    assert all("not open" in e.messages[0] for e in errors)
    assert Answer.objects.count() == sent * len(cycle.statements)
