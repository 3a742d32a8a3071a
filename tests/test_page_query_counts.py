"""Every main page (the ones `make bench` measures) as every role allowed to see it, and as the
finance officer: the same number of SQL queries on the biggest and the smallest project of
council-style data, and no more than the budget of 15 (docs/performance.md)."""

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from projects.management.commands.seed_scale import (
    FINANCE_OFFICER,
    biggest_and_smallest,
    main_pages,
    person,
)
from projects.models import Attendance, Membership, Role
from tests.accessibility.helpers import ensure_catalogue, give_needs, share
from tests.base import add_member

BUDGET = 15


def _queries(client, user, path) -> tuple[int, int]:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    return status, len(queries)


def _someone_at_the_meeting_shares_needs(project, meeting_path) -> None:
    """Pages skip queries when nobody shares access needs: make both projects comparable."""
    meeting_id = resolve(meeting_path).kwargs["meeting_id"]
    attendee = Attendance.objects.filter(meeting_id=meeting_id).order_by("pk").first().user
    give_needs(attendee, ("step-free", "essential", ""), ("breaks", "negotiable", ""))
    share(attendee, project, "everything")


def _someone_has_not_signed_the_charter(project) -> None:
    """An empty list skips its page query: a newcomer keeps both charters' "not signed yet"
    lists from being empty."""
    add_member(project, Role.PERSON)


def test_the_main_pages_make_the_same_few_queries_for_big_and_small_projects(db, settings, client):
    settings.DEBUG = True  # seed_scale refuses otherwise
    ensure_catalogue()
    call_command("seed_scale", scale=0.01)
    big, small = biggest_and_smallest()
    assert Membership.objects.filter(project=big).count() >= 5 * (
        Membership.objects.filter(project=small).count()
    )
    big_pages, small_pages = main_pages(big), main_pages(small)
    for project, pages in ((big, big_pages), (small, small_pages)):
        _someone_at_the_meeting_shares_needs(project, pages["meeting"])
        _someone_has_not_signed_the_charter(project)
    measured, problems = set(), []
    for name in big_pages:
        for role in [*Role, FINANCE_OFFICER]:
            big_status, big_count = _queries(client, person(big, role), big_pages[name])
            small_status, small_count = _queries(client, person(small, role), small_pages[name])
            assert big_status == small_status, (name, role)
            if big_status != 200:
                continue
            measured.add(name)
            if big_count != small_count or big_count > BUDGET:
                problems.append(f"{name} as {role}: {big_count} big, {small_count} small")
    assert not problems
    assert measured == set(big_pages)
