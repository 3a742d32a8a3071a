"""Issue 17, part 1: the stored rows cannot link an anonymous answer to the person who sent it.

Read the way someone with a copy of the database would: PostgreSQL's own columns (xmin, the
transaction that wrote a row; ctid, where it sits in the table), the order of ids, and every
column of every reviews table as text. Each service call commits on its own, as in production,
so transaction ids mean what they would there. See docs/anonymity.md.
"""

import pytest
from django.apps import apps
from django.db import connection

from audit.models import Entry
from projects.models import Role
from reviews import services
from tests.base import add_member, make_cast
from tests.reviews.factories import answer, make_cycle
from tests.services import require_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PEOPLE = 10


def _rows(sql: str, *params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _everything_stored_by_reviews() -> str:
    """Every row of every table of the reviews app, as PostgreSQL prints it."""
    tables = [model._meta.db_table for model in apps.get_app_config("reviews").get_models()]
    return "\n".join(
        text
        for table in tables
        for (text,) in _rows(f"SELECT t::text FROM {table} t")  # noqa: S608
    )


def _xmins(table: str, where: str = "TRUE") -> set[str]:
    return {x for (x,) in _rows(f"SELECT xmin::text FROM {table} WHERE {where}")}  # noqa: S608


def test_stored_rows_cannot_link_an_anonymous_answer_to_who_sent_it():
    require_postgres()
    cast = make_cast()
    people = [cast.person, cast.carer]
    people += [add_member(cast.project, Role.PERSON).user for _ in range(PEOPLE - 2)]
    cycle = make_cycle(cast.project)
    first = cycle.statements[0]["key"]
    audit_before = Entry.objects.count()

    # Ten people answer anonymously, one after another, each with a comment naming their place
    # in the queue; a named answer comes between them, and someone leaves a draft unsent.
    for number, person in enumerate(people):
        answer(cycle, person, anonymous=True, comments={first: f"Sent number {number}"})
        if number == 4:
            answer(cycle, cast.professional, comments={first: "Named words"})
    services.draft_save(
        cycle=cycle, user=cast.facilitator, ratings={}, comments={first: "Unsent words"}
    )

    # While the review is open, nothing readable in the database holds what they said.
    stored = _everything_stored_by_reviews()
    assert "Sent number" not in stored
    assert "Unsent words" not in stored
    assert "Named words" in stored  # named answers are not hidden: the check can see text

    services.cycle_close(cycle=cycle)
    order_sent = list(range(PEOPLE))
    responses = _xmins("reviews_response")
    anonymous_answers = _xmins("reviews_answer", "user_id IS NULL")
    anonymous_placements = _xmins("reviews_placement", "user_id IS NULL")
    # No anonymous row was written by the transaction that recorded who answered...
    assert not responses & (anonymous_answers | anonymous_placements)
    # ...and all of them by one transaction (the close), so the transaction says nothing.
    assert len(anonymous_answers | anonymous_placements) == 1
    assert anonymous_answers | anonymous_placements == _xmins(
        "reviews_reviewcycle", f"id = {cycle.pk}"
    )

    # Neither the place a row sits in the table nor the order of ids follows the order sent
    # (the chance that a fair shuffle leaves ten in order is 1 in 3,628,800).
    def numbers(order_by):
        rows = _rows(
            "SELECT comment FROM reviews_answer WHERE comment LIKE 'Sent number %%' "
            f"ORDER BY {order_by}"  # noqa: S608
        )
        return [int(comment.rsplit(" ", 1)[1]) for (comment,) in rows]

    assert sorted(numbers("ctid")) == order_sent
    assert numbers("ctid") != order_sent
    assert numbers("id") != order_sent
    # The rows of one person are not kept together either: their ladder places are apart from
    # their ratings, with random ids.
    assert {t for (t,) in _rows("SELECT pg_typeof(id)::text FROM reviews_answer")} == {"uuid"}
    assert {t for (t,) in _rows("SELECT pg_typeof(id)::text FROM reviews_placement")} == {"uuid"}

    # No column holds a time or a date, and nothing else in reviews holds a time of answering.
    columns = _rows(
        "SELECT table_name, data_type FROM information_schema.columns "
        "WHERE table_name IN ('reviews_answer', 'reviews_placement')"
    )
    assert not [c for c in columns if "time" in c[1] or c[1] == "date"]
    assert not _rows("SELECT 1 FROM reviews_draft")
    # Sending answers writes no audit entry that could be lined up with them.
    assert Entry.objects.count() == audit_before
