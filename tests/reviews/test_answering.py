"""Rating a review: drafts, one statement per page, sending, and every refusal."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from projects.models import Role
from reviews import services
from reviews.models import Answer, Draft, Placement, Rating, Response, Rung
from tests.base import add_member, make_user
from tests.reviews.factories import answer, make_cycle

pytestmark = pytest.mark.django_db


def _url(name, cycle, **extra):
    return reverse(name, kwargs={"project_id": cycle.project_id, "cycle_id": cycle.pk, **extra})


def _all_ratings(cycle, value=Rating.MOSTLY):
    return {f"rating_{s['key']}": str(int(value)) for s in cycle.statements}


def test_a_member_saves_a_draft_comes_back_and_sends_it(client, cast):
    cycle = make_cycle(cast.project)
    first = cycle.statements[0]["key"]
    client.force_login(cast.person)
    response = client.post(
        _url("review-answer", cycle),
        {f"rating_{first}": "2", f"comment_{first}": "Getting there", "then": "later"},
    )
    assert response.status_code == 302
    assert "saved" in client.get(response["Location"]).content.decode()
    # Coming back, the page shows what was saved.
    page = client.get(_url("review-answer", cycle)).content.decode()
    assert "Getting there" in page
    assert re.search(rf'name="rating_{first}"[^>]*value="2"\s+checked', page)
    assert not Response.objects.exists()

    # The page posts back the comment it showed, with the rest of the ratings.
    client.post(
        _url("review-answer", cycle),
        {**_all_ratings(cycle), f"comment_{first}": "Getting there", "rung": "6"},
    )
    response = client.post(_url("review-submit", cycle), {"named": "named"})
    assert response.status_code == 302
    assert Response.objects.filter(cycle=cycle, user=cast.person).count() == 1
    assert Answer.objects.filter(cycle=cycle, user=cast.person).count() == len(cycle.statements)
    assert Answer.objects.get(statement_key=first).comment == "Getting there"
    assert Placement.objects.get(cycle=cycle).rung == Rung.CO_DESIGN
    assert not Draft.objects.exists()


def test_one_statement_per_page_walks_to_the_ladder_then_the_check_page(client, cast):
    cycle = make_cycle(cast.project)
    client.force_login(cast.carer)
    last = len(cycle.statements) + 1
    for step, statement in enumerate(cycle.statements, start=1):
        page = client.get(_url("review-answer-step", cycle, step=step)).content.decode()
        assert escape(statement["easy_read"]) in page
        response = client.post(
            _url("review-answer-step", cycle, step=step),
            {f"rating_{statement['key']}": "4", "then": "next"},
        )
        assert response["Location"] == _url("review-answer-step", cycle, step=step + 1)
    response = client.post(_url("review-answer-step", cycle, step=last), {"rung": "7"})
    assert response["Location"] == _url("review-submit", cycle)
    assert client.get(_url("review-answer-step", cycle, step=last + 1)).status_code == 404
    assert Draft.objects.get().values["rung"] == 7


def test_a_rating_outside_the_scale_is_refused_and_nothing_saved(client, cast):
    cycle = make_cycle(cast.project)
    key = cycle.statements[0]["key"]
    client.force_login(cast.person)
    response = client.post(_url("review-answer", cycle), {f"rating_{key}": "9"})
    assert response.status_code == 200
    assert "Choose one of the answers on the scale" in response.content.decode()
    assert not Draft.objects.exists()
    with pytest.raises(ValidationError):
        services.draft_save(cycle=cycle, user=cast.person, ratings={key: 5}, comments={})
    with pytest.raises(ValidationError):
        services.draft_save(cycle=cycle, user=cast.person, ratings={"nope": 1}, comments={})
    with pytest.raises(ValidationError):
        services.draft_save(cycle=cycle, user=cast.person, ratings={}, comments={}, rung=8)
    assert not Draft.objects.exists()


def test_sending_with_statements_unanswered_is_refused(client, cast):
    cycle = make_cycle(cast.project)
    client.force_login(cast.person)
    client.post(_url("review-answer", cycle), {**_all_ratings(cycle), "then": "next"})
    response = client.post(_url("review-submit", cycle), {"named": "anonymous"})
    assert response.status_code == 200
    assert "Answer every statement and the ladder question" in response.content.decode()
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_answering_twice_is_refused(client, cast):
    cycle = make_cycle(cast.project)
    answer(cycle, cast.person)
    with pytest.raises(ValidationError, match="already sent"):
        answer(cycle, cast.person)
    client.force_login(cast.person)
    response = client.post(_url("review-answer", cycle), {**_all_ratings(cycle), "rung": "5"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "You have already sent your answers to this review." in page
    assert Response.objects.count() == 1
    assert Answer.objects.count() == len(cycle.statements)


@pytest.mark.parametrize("status", ["scheduled", "closed"])
def test_answering_a_review_that_is_not_open_is_refused(client, cast, status):
    cycle = make_cycle(cast.project, status)
    client.force_login(cast.person)
    response = client.post(_url("review-answer", cycle), {"rung": "5"}, follow=True)
    assert "This review is not open for answers." in response.content.decode()
    assert client.post(_url("review-submit", cycle), {"named": "named"}).status_code == 302
    with pytest.raises(ValidationError, match="not open"):
        services.answers_submit(cycle=cycle, user=cast.person, anonymous=False)
    assert not Draft.objects.exists() and not Response.objects.exists()


def test_a_member_who_left_cannot_send(cast):
    cycle = make_cycle(cast.project)
    services.draft_save(
        cycle=cycle,
        user=cast.person,
        ratings={s["key"]: 1 for s in cycle.statements},
        comments={},
        rung=3,
    )
    membership = cast.membership(cast.person)
    membership.left_at = membership.joined_at
    membership.save()
    with pytest.raises(ValidationError, match="Only members"):
        services.answers_submit(cycle=cycle, user=cast.person, anonymous=True)
    assert not Answer.objects.exists()


def test_the_project_overview_prompts_members_who_have_not_answered(client, cast):
    cycle = make_cycle(cast.project, title="Autumn review")
    client.force_login(cast.person)
    overview = reverse("project-detail", args=[cast.project.pk])
    assert "Autumn review is open until" in client.get(overview).content.decode()
    answer(cycle, cast.person)
    assert "Autumn review is open until" not in client.get(overview).content.decode()


def test_a_member_who_joined_after_the_review_opened_is_told_why_and_cannot_answer(client, cast):
    cycle = make_cycle(cast.project, title="Autumn review")
    newcomer = add_member(cast.project, Role.CARER, make_user("nia")).user
    client.force_login(newcomer)
    detail = client.get(_url("cycle-detail", cycle)).content.decode()
    assert "You joined the project after this review opened, so you cannot answer it." in detail
    assert "Answer on one page" not in detail
    listing = client.get(reverse("cycle-list", args=[cast.project.pk])).content.decode()
    assert "Not for you: you joined after it opened" in listing
    overview = client.get(reverse("project-detail", args=[cast.project.pk])).content.decode()
    assert "Autumn review is open until" not in overview
    response = client.post(_url("review-answer", cycle), {**_all_ratings(cycle), "rung": "5"})
    assert response["Location"] == _url("cycle-detail", cycle)
    assert client.get(_url("review-submit", cycle)).status_code == 302
    with pytest.raises(ValidationError, match="after this review opened"):
        answer(cycle, newcomer)
    assert not Draft.objects.exists() and not Response.objects.exists()
    # Everyone sees that she joined while it was open.
    client.force_login(cast.person)
    detail = client.get(_url("cycle-detail", cycle)).content.decode()
    assert "Joined since this review opened" in detail
    assert re.search(r"<bdi>Nia</bdi> \(Carer\), joined on", detail)


def test_answers_count_in_the_group_the_member_was_in_when_the_review_opened(cast):
    cycle = make_cycle(cast.project)
    membership = cast.membership(cast.professional)
    membership.role = Role.PERSON
    membership.save(update_fields=["role"])
    answer(cycle, cast.professional)
    assert set(Placement.objects.values_list("role_group", flat=True)) == {"professional"}
    assert set(Answer.objects.values_list("role_group", flat=True)) == {"professional"}


def test_the_answer_pages_warn_that_the_wording_of_a_comment_can_give_the_writer_away(client, cast):
    cycle = make_cycle(cast.project)
    client.force_login(cast.person)
    for url in (_url("review-answer", cycle), _url("review-answer-step", cycle, step=1)):
        page = client.get(url).content.decode()
        assert "Comments are shown word for word." in page
        assert "how you write it could show who you are" in page


def test_the_check_page_warns_when_too_few_in_the_group_can_answer_to_stay_anonymous(client, cast):
    cycle = make_cycle(cast.project)
    for user in (cast.person, cast.professional):
        services.draft_save(cycle=cycle, user=user, ratings={}, comments={})
    client.force_login(cast.person)
    page = client.get(_url("review-submit", cycle)).content.decode()
    assert (
        "Only 2 people in your group (lived experience) can answer this review. If any of you "
        "answers anonymously, your group's answers will not be shown."
    ) in page
    client.force_login(cast.professional)
    page = client.get(_url("review-submit", cycle)).content.decode()
    assert "can answer this review." not in page
    assert "shown only if at least 3 people in it answer" in page
