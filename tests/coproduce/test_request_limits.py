"""Requests the portal refuses before doing any work: a body larger than the largest upload,
and a row id past any database's integer range."""

import re

import pytest
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from expenses import services
from tests.expenses.helpers import attended_meeting, set_rate

pytestmark = pytest.mark.django_db


class UnreadableBody:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def test_a_body_over_the_limit_is_refused_before_it_is_read(client, cast):
    set_rate(cast)
    claim = services.claim_start(
        meeting=attended_meeting(cast, people=[cast.person]), claimant=cast.person
    )
    lines = claim.lines.count()
    client.force_login(cast.person)
    url = reverse("claim-expense-add", args=[cast.project.pk, claim.pk])
    response = client.generic(
        "POST",
        url,
        CONTENT_TYPE="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413
    assert "The file is too big" in response.text
    assert "smaller than 5.0" in response.text
    assert claim.lines.count() == lines


@override_settings(REQUEST_BODY_MAX_BYTES=100)
def test_a_body_within_the_limit_goes_through(client, cast):
    client.force_login(cast.person)
    response = client.post(reverse("reminder-list"), {"quiet_from": "21:00"})
    assert response.status_code != 413
    response = client.post(reverse("reminder-list"), {"quiet_from": "x" * 200})
    assert response.status_code == 413


def _routes_with_ids(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _routes_with_ids(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and "<id:" in str(entry.pattern):
            yield prefix + str(entry.pattern)


ROUTES = sorted(set(_routes_with_ids()))


def test_every_row_id_in_a_url_is_checked_for_range():
    assert ROUTES, "no URL takes a row id"
    assert not [r for r in _all_routes() if "<int:" in r]


def _all_routes(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _all_routes(entry, prefix + str(entry.pattern))
        else:
            yield prefix + str(entry.pattern)


@pytest.mark.parametrize("number", ["9223372036854775808", "123456789012345678901234567890"])
def test_an_id_past_the_database_range_is_not_found(client, cast, number):
    client.force_login(cast.commissioner)
    for route in ROUTES:
        url = "/" + re.sub(r"<\w+:\w+>", "x", re.sub(r"<id:\w+>", number, route))
        assert client.get(url).status_code == 404, url


def test_the_largest_id_is_looked_up_and_not_found(client, cast):
    client.force_login(cast.commissioner)
    url = reverse("project-detail", args=[2**63 - 1])
    assert client.get(url).status_code == 404
