"""Results: the numbers, small groups hidden, the gap, the trend, the export, fixed queries."""

import csv
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import Role
from reviews.models import Rating
from reviews.results import cycle_results, trend
from tests.base import add_member
from tests.reviews.factories import answer, close, make_cycle

pytestmark = pytest.mark.django_db


def _url(name, cycle):
    return reverse(name, kwargs={"project_id": cycle.project_id, "cycle_id": cycle.pk})


def _members(cast, role, count):
    return [add_member(cast.project, role).user for _ in range(count)]


def test_results_count_each_groups_answers_and_show_the_gap(cast):
    others = _members(cast, Role.PERSON, 2)
    cycle = make_cycle(cast.project)
    key = cycle.statements[0]["key"]
    # Lived experience: not yet, not yet, a little, don't know. Professionals: fully x3.
    for user, value in zip(
        [cast.person, cast.carer, *others],
        [Rating.NOT_YET, Rating.NOT_YET, Rating.A_LITTLE, Rating.DONT_KNOW],
        strict=True,
    ):
        answer(cycle, user, value, anonymous=True)
    for user in [cast.facilitator, cast.commissioner, cast.professional]:
        answer(cycle, user, Rating.FULLY)
    results = cycle_results(close(cycle))
    statement = results.pieces[0].statements[0]
    assert statement.statement["key"] == key
    lived, professional = statement.spreads
    assert lived.counts == {1: 2, 2: 1, 0: 1} and lived.answers == 4
    assert lived.mean == Decimal("1.3")
    assert professional.counts == {4: 3} and professional.mean == Decimal("4.0")
    assert statement.gap.difference == Decimal("-2.7")
    assert statement.gap.label == "Large gap"
    assert statement.gap.words == (
        "Lived experience rate this 2.7 points lower than professionals."
    )
    assert results.respondents == {"lived": 4, "professional": 3}


def test_a_group_with_fewer_than_three_answers_is_not_shown(client, cast):
    cycle = make_cycle(cast.project)
    answer(cycle, cast.person, Rating.NOT_YET, anonymous=True, rung=2)
    answer(cycle, cast.carer, Rating.NOT_YET, anonymous=True, rung=2)
    for user in [cast.facilitator, cast.commissioner, cast.professional]:
        answer(cycle, user, Rating.MOSTLY, rung=5)
    cycle = close(cycle)
    results = cycle_results(cycle)
    for piece in results.pieces:
        lived = piece.spreads[0]
        assert lived.suppressed and lived.counts == {} and lived.mean is None
        assert piece.gap is None
        assert all(s.spreads[0].counts == {} for s in piece.statements)
    assert [row[1][0] for row in results.ladder_rows] == [None] * 7
    assert trend(cast.project.pk)[0].means["culture"] == {
        "lived": None,
        "professional": Decimal("3.0"),
    }

    client.force_login(cast.person)
    page = client.get(_url("review-results", cycle)).content.decode()
    assert "Lived experience: fewer than 3 answers: not shown to protect anonymity." in page
    export = client.get(_url("review-results-csv", cycle)).content.decode()
    lived_rows = [r for r in csv.reader(io.StringIO(export)) if r[2] == "Lived experience"]
    assert lived_rows and all(r[3] == "Fewer than 3 answers: not shown" for r in lived_rows)
    assert all(set(r[4:]) == {""} for r in lived_rows)


def test_the_trend_across_three_reviews_is_right(client, cast):
    extra = _members(cast, Role.CARER, 1)
    lived = [cast.person, cast.carer, *extra]
    professionals = [cast.facilitator, cast.commissioner, cast.professional]
    # Lived experience climb from "not yet" to "fully"; professionals stay at "mostly".
    for month, value in [(1, Rating.NOT_YET), (4, Rating.A_LITTLE), (7, Rating.FULLY)]:
        cycle = make_cycle(
            cast.project,
            title=f"Review {month}",
            opens_on=date(2026, month, 1),
            closes_on=date(2026, month, 15),
        )
        for user in lived:
            answer(cycle, user, value, anonymous=True)
        for user in professionals:
            answer(cycle, user, Rating.MOSTLY)
        last = close(cycle)
    points = trend(cast.project.pk)
    assert [p.cycle.title for p in points] == ["Review 1", "Review 4", "Review 7"]
    for piece in ("culture", "structure", "practice", "review"):
        assert [p.means[piece]["lived"] for p in points] == [
            Decimal("1.0"),
            Decimal("2.0"),
            Decimal("4.0"),
        ]
        assert [p.means[piece]["professional"] for p in points] == [Decimal("3.0")] * 3

    client.force_login(cast.carer)
    page = client.get(_url("review-results", last)).content.decode()
    assert page.count('role="img"') == 4
    assert '<title id="chart-culture-title">Culture: mean score at each review</title>' in page
    assert "Review 1 (Jan 2026): Lived experience 1.0, Professionals 3.0" in page
    # The table of the same numbers: a row per review and group, a mean per piece.
    cells = re.findall(r"<t[hd][^>]*>\s*([^<]*?)\s*</t[hd]>", page)
    start = cells.index("Review 4 (Apr 2026)")
    assert cells[start : start + 6] == ["Review 4 (Apr 2026)", "Lived experience"] + ["2.0"] * 4
    assert cells[start + 6 : start + 12] == ["Review 4 (Apr 2026)", "Professionals"] + ["3.0"] * 4


def test_the_trend_on_an_earlier_review_stops_at_that_review(cast):
    first = make_cycle(
        cast.project, "closed", opens_on=date(2026, 1, 1), closes_on=date(2026, 1, 9)
    )
    make_cycle(cast.project, "closed", opens_on=date(2026, 3, 1), closes_on=date(2026, 3, 9))
    assert [p.cycle for p in trend(cast.project.pk, up_to=first)] == [first]


def test_comments_are_shown_in_order_of_their_words_with_names_only_when_named(client, cast):
    [third] = _members(cast, Role.CARER, 1)
    cycle = make_cycle(cast.project)
    key = cycle.statements[0]["key"]
    answer(cycle, cast.person, anonymous=True, comments={key: "Zebra crossing needed"})
    answer(cycle, cast.carer, anonymous=False, comments={key: "Apples for all"})
    answer(cycle, third, anonymous=True)
    cycle = close(cycle)
    comments = cycle_results(cycle).pieces[0].statements[0].comments
    assert comments == [
        {"text": "Apples for all", "name": "Cam"},
        {"text": "Zebra crossing needed", "name": None},
    ]


def test_comments_of_a_group_with_fewer_than_three_answers_are_not_shown(client, cast):
    """Issue 20, 6: comments were printed word for word beside figures hidden for being few."""
    cycle = make_cycle(cast.project)
    key = cycle.statements[0]["key"]
    answer(cycle, cast.person, anonymous=True, comments={key: "Pat wrote this"})
    answer(cycle, cast.carer, anonymous=True, comments={key: "Cam wrote this"})
    for user in (cast.facilitator, cast.commissioner, cast.professional):
        answer(cycle, user, anonymous=True, comments={key: f"{user.preferred_name} said so"})
    cycle = close(cycle)
    client.force_login(cast.facilitator)
    page = client.get(_url("review-results", cycle)).content.decode()
    assert "Pat wrote this" not in page and "Cam wrote this" not in page
    assert "Fred said so" in page and "Priya said so" in page
    comments = cycle_results(cycle).pieces[0].statements[0].comments
    assert [c["text"] for c in comments] == ["Cora said so", "Fred said so", "Priya said so"]


def test_a_small_group_that_all_answered_by_name_is_shown_and_the_page_says_why(client, cast):
    """Issue 20, 6: a project with two lived-experience members still sees their results when
    both gave their names, since there is no anonymity to protect."""
    cycle = make_cycle(cast.project)
    key = cycle.statements[0]["key"]
    answer(cycle, cast.person, Rating.NOT_YET, comments={key: "Too slow"})
    answer(cycle, cast.carer, Rating.A_LITTLE)
    for user in (cast.facilitator, cast.commissioner, cast.professional):
        answer(cycle, user, Rating.FULLY, anonymous=True)
    cycle = close(cycle)
    lived = cycle_results(cycle).pieces[0].statements[0].spreads[0]
    assert not lived.suppressed and lived.counts == {1: 1, 2: 1}
    client.force_login(cast.carer)
    page = client.get(_url("review-results", cycle)).content.decode()
    assert "Too slow" in page
    assert (
        "Lived experience: fewer than 3 answered, but everyone in this group gave their name, "
        "so their answers are shown."
    ) in page
    export = client.get(_url("review-results-csv", cycle)).content.decode()
    first = next(r for r in csv.reader(io.StringIO(export)) if r[1] == cycle.statements[0]["text"])
    assert first[2:9] == ["Lived experience", "2", "1", "1", "0", "0", "0"]


def test_one_anonymous_answer_among_named_ones_keeps_a_small_group_hidden(cast):
    cycle = make_cycle(cast.project)
    answer(cycle, cast.person)
    answer(cycle, cast.carer, anonymous=True)
    cycle = close(cycle)
    assert cycle_results(cycle).pieces[0].spreads[0].suppressed


def test_results_are_hidden_while_open_and_facilitators_see_only_how_many_answered(client, cast):
    cycle = make_cycle(cast.project)
    answer(cycle, cast.person, Rating.FULLY, comments={cycle.statements[0]["key"]: "Secret"})
    client.force_login(cast.facilitator)
    page = client.get(_url("review-results", cycle)).content.decode()
    assert "1 member has answered so far." in page
    assert "Secret" not in page and "Mean score" not in page
    client.force_login(cast.person)
    assert "answered so far" not in client.get(_url("review-results", cycle)).content.decode()
    assert client.get(_url("review-results-csv", cycle)).status_code == 404


def test_the_export_cannot_carry_a_spreadsheet_formula(client, cast):
    from reviews import services

    cycle = make_cycle(cast.project, "scheduled")
    services.statement_add(
        cycle=cycle, piece="review", text='=HYPERLINK("http://x.example")', easy_read="E"
    )
    services.cycle_open(cycle=cycle)
    cycle = close(cycle)
    client.force_login(cast.commissioner)
    response = client.get(_url("review-results-csv", cycle))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    texts = {row[1] for row in rows}
    assert '\'=HYPERLINK("http://x.example")' in texts
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


@pytest.mark.parametrize("answers_per_group", [3, 12])
def test_the_results_page_makes_the_same_queries_whatever_the_number_of_answers(
    client, cast, django_assert_num_queries, answers_per_group
):
    groups = (Role.PERSON, Role.PROFESSIONAL)
    members = {role: _members(cast, role, answers_per_group) for role in groups}
    earlier = make_cycle(cast.project, opens_on=date(2026, 1, 1), closes_on=date(2026, 1, 9))
    cycle = make_cycle(cast.project, opens_on=date(2026, 2, 1), closes_on=date(2026, 2, 9))
    for role in groups:
        for index, user in enumerate(members[role]):
            for each in (earlier, cycle):
                answer(
                    each,
                    user,
                    index % 5,
                    anonymous=index % 2 == 0,
                    comments={each.statements[index % 4]["key"]: f"Comment {index}"},
                )
    close(earlier)
    cycle = close(cycle)
    client.force_login(cast.facilitator)
    url = _url("review-results", cycle)
    # user, membership, cycle; answers, placements, comments; trend: cycles, placements,
    # answers; actions. (The session comes from the cache; the second visit, the results too.)
    with django_assert_num_queries(11):
        response = client.get(url)
    assert response.status_code == 200
    assert f"{answers_per_group * 2} members answered." in response.content.decode()
