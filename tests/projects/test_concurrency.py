"""Races that only a real PostgreSQL shows: row locks in invitation_accept and membership_end."""

import pytest

from projects import services
from projects.models import Membership, Role
from tests.base import add_member, make_cast, make_user
from tests.races import race
from tests.services import require_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_accepting_one_invitation_twice_at_once_makes_one_membership():
    require_postgres()
    cast = make_cast()
    invitation = services.invitation_create(
        project=cast.project, email="new@example.org", role=Role.CARER, invited_by=cast.facilitator
    )
    newbie = make_user("new", "new@example.org")
    errors = race(*[lambda: services.invitation_accept(invitation=invitation, user=newbie)] * 2)
    assert Membership.objects.filter(user=newbie).count() == 1
    assert len(errors) == 1


def test_two_commissioners_leaving_at_once_leave_one_behind():
    require_postgres()
    cast = make_cast()
    second = add_member(cast.project, Role.COMMISSIONER)
    first = cast.membership(cast.commissioner)
    errors = race(
        lambda: services.membership_end(membership=first, ended_by=first.user),
        lambda: services.membership_end(membership=second, ended_by=second.user),
    )
    remaining = Membership.objects.active().filter(project=cast.project, role=Role.COMMISSIONER)
    assert remaining.count() == 1
    assert len(errors) == 1
