"""`__any_of`: the rows of `__in`, sent as one array parameter on PostgreSQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from projects.models import Membership

pytestmark = pytest.mark.django_db


def _same_as_in(queryset, **lookup):
    [(name, values)] = lookup.items()
    found = set(queryset.filter(**{f"{name}__any_of": values}).values_list("pk", flat=True))
    assert found == set(queryset.filter(**{f"{name}__in": values}).values_list("pk", flat=True))
    return found


def test_it_finds_what_in_finds_for_ids_text_and_foreign_keys(cast):
    users = [cast.person, cast.carer]
    ids = {u.pk for u in users}
    assert _same_as_in(User.objects.all(), pk=ids | {0}) == ids
    assert _same_as_in(User.objects.all(), email=[cast.person.email, "a,'b\"{c}"]) == {
        cast.person.pk
    }
    members = _same_as_in(Membership.objects.all(), user_id=list(ids))
    assert members and _same_as_in(Membership.objects.all(), user=users) == members
    assert _same_as_in(User.objects.all(), pk=[]) == set()


def test_on_postgresql_thousands_of_ids_are_one_parameter(cast):
    with CaptureQueriesContext(connection) as queries:
        list(User.objects.filter(pk__any_of=range(1, 5001)))
    if connection.vendor == "postgresql":
        assert "= ANY(" in queries[0]["sql"]
        assert " IN (" not in queries[0]["sql"]  # not 5,000 placeholders
