"""An anonymous answer cannot be traced to its member through any page, export or row
(issue 6, done when 2)."""

import re
import uuid

import pytest
from django.contrib.sessions.models import Session
from django.db import connection, models
from django.urls import reverse

from projects.models import Role
from reviews.models import Answer, Draft, Placement, Response, SealedBallot
from tests.base import add_member, make_user
from tests.reviews.factories import answer, close, make_cycle
from tests.services import require_postgres

pytestmark = pytest.mark.django_db

SECRET = "The quiet room was never booked"


def _url(name, cycle):
    return reverse(name, kwargs={"project_id": cycle.project_id, "cycle_id": cycle.pk})


def _send_anonymously(client, cycle, user):
    """Answer through the pages, as the member would, then send anonymously."""
    client.force_login(user)
    data = {f"rating_{s['key']}": "1" for s in cycle.statements}
    data[f"comment_{cycle.statements[0]['key']}"] = SECRET
    client.post(_url("review-answer", cycle), {**data, "rung": "3", "then": "later"})
    assert Draft.objects.filter(user=user).exists()
    response = client.post(_url("review-submit", cycle), {"named": "anonymous"})
    assert response.status_code == 302


def test_an_anonymous_answer_leaves_no_trace_of_its_member(client, cast):
    penny = make_user("penny")
    add_member(cast.project, Role.PERSON, penny)
    cycle = make_cycle(cast.project)
    # Two others in the same group answer by name, before and after, so the group is shown.
    answer(cycle, cast.carer, anonymous=False)
    _send_anonymously(client, cycle, penny)
    answer(cycle, cast.person, anonymous=False)

    # The tables: nothing in an answer row can point at a person or a moment.
    for model in (Answer, Placement, SealedBallot):
        fields = {f.name: f for f in model._meta.concrete_fields}
        assert isinstance(fields["id"], models.UUIDField)
        assert not any(isinstance(f, models.DateField) for f in fields.values())
        related = {n for n, f in fields.items() if f.is_relation}
        assert related <= {"cycle", "user"}
    # While the review is open her answers wait sealed, with no name.
    assert not Answer.objects.filter(cycle=cycle, user__isnull=True).exists()
    assert not Placement.objects.filter(user__isnull=True).exists()
    [ballot] = SealedBallot.objects.values_list("sealed", flat=True)
    assert ballot["group"] == "lived" and ballot["comments"] == {cycle.statements[0]["key"]: SECRET}
    with connection.cursor() as cursor:
        cursor.execute("SELECT sealed FROM reviews_sealedballot")
        [(stored,)] = cursor.fetchall()
    assert SECRET not in stored and "lived" not in stored
    assert not Answer.objects.filter(user=penny).exists()
    assert not Placement.objects.filter(user=penny).exists()
    # What is kept about her: that she answered, on which day, and nothing else.
    response = Response.objects.get(user=penny)
    assert {f.name for f in Response._meta.concrete_fields} == {
        "id",
        "cycle",
        "user",
        "answered_on",
    }
    assert isinstance(Response._meta.get_field("answered_on"), models.DateField)
    assert not isinstance(Response._meta.get_field("answered_on"), models.DateTimeField)
    assert response.cycle == cycle
    # Her draft, which did link the two, is gone, and her session holds nothing of it.
    assert not Draft.objects.exists()
    for session in Session.objects.all():
        data = session.get_decoded()
        assert not any("review" in key or "answer" in key for key in data)
        assert SECRET not in str(data)

    # The pages and the export, for everyone who can see them, once the review closes.
    client.force_login(cast.facilitator)
    client.post(_url("cycle-close", cycle))
    anonymous = Answer.objects.filter(cycle=cycle, user__isnull=True)
    assert anonymous.count() == len(cycle.statements)
    assert {a.role_group for a in anonymous} == {"lived"}
    assert Placement.objects.filter(user__isnull=True).count() == 1
    assert not SealedBallot.objects.exists()
    for viewer in (cast.facilitator, cast.commissioner, cast.carer, penny):
        client.force_login(viewer)
        for name in ("review-results", "review-results-csv", "cycle-detail"):
            page = client.get(_url(name, cycle)).content.decode()
            if viewer != penny:
                assert not re.search(r"\bPenny\b", page)
            assert "penny@example.org" not in page
            if SECRET in page:
                # Her comment is there, but with no name: only "Anonymous" next to it.
                assert re.search(re.escape(SECRET) + r"”\s*<span[^>]*>Anonymous</span>", page)
    client.force_login(cast.commissioner)
    assert "Penny" not in client.get(reverse("portfolio")).content.decode()


def test_named_answers_keep_the_members_name_with_the_comment(client, cast):
    third = add_member(cast.project, Role.PERSON).user
    cycle = make_cycle(cast.project)
    key = cycle.statements[0]["key"]
    answer(cycle, cast.carer, anonymous=False, comments={key: "More notice please"})
    assert set(Answer.objects.values_list("user", flat=True)) == {cast.carer.pk}
    for user in (cast.person, third, cast.professional):
        answer(cycle, user, anonymous=True)
    client.force_login(cast.facilitator)
    client.post(_url("cycle-close", cycle))
    page = client.get(_url("review-results", cycle)).content.decode()
    assert re.search(r"More notice please”\s*<span[^>]*>Cam</span>", page)


def test_the_order_rows_were_written_in_does_not_follow_the_statements(cast):
    """Rows are stored in the order they were inserted (PostgreSQL's ctid). Anonymous rows are
    shuffled when they are written out, so that order says nothing; their ids are random, so
    id order neither. See test_unlinkable_rows.py for the order of members."""
    require_postgres()
    cycle = make_cycle(cast.project)
    answer(cycle, cast.person, anonymous=True)
    close(cycle)
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, statement_key FROM reviews_answer ORDER BY ctid")
        stored = cursor.fetchall()
    keys = [s["key"] for s in cycle.statements]
    # 19 statements: the chance that a shuffle leaves them in order is 1 in 19!.
    assert [key for _id, key in stored] != keys
    assert sorted(key for _id, key in stored) == sorted(keys)
    assert all(isinstance(pk, uuid.UUID) for pk, _key in stored)
