"""A closed review's rendered results are cached, and whatever changes what they show clears
them: erasure (named answers become anonymous), a late correction, a new preferred name."""

import pytest
from django.urls import reverse

from accounts.forms import ProfileForm
from privacy import services as privacy
from projects.models import Role
from reviews.models import Answer
from tests.base import add_member
from tests.reviews.factories import answer, close, make_cycle

pytestmark = pytest.mark.django_db


def _closed_with_a_named_comment(cast):
    # Three in each group, so that both groups are shown.
    lived = add_member(cast.project, Role.PERSON).user
    cycle = make_cycle(cast.project)
    key = cycle.statements[0]["key"]
    answer(cycle, cast.carer, comments={key: "Apples for all"})
    for user in (cast.person, lived, cast.facilitator, cast.professional, cast.commissioner):
        answer(cycle, user, anonymous=True)
    return close(cycle)


def _results(client, cycle) -> str:
    """The page's main content: the header's forms carry a new CSRF token on every visit."""
    url = reverse("review-results", args=[cycle.project_id, cycle.pk])
    page = client.get(url).content.decode()
    return page[page.index("<main") : page.index("</main>")]


def test_a_second_visit_is_served_from_the_cache_without_the_results_queries(
    client, cast, django_assert_num_queries
):
    cycle = _closed_with_a_named_comment(cast)
    client.force_login(cast.facilitator)
    first = _results(client, cycle)
    # user, whether they commission (the header), membership, cycle, actions: no answers,
    # placements, comments or trend.
    with django_assert_num_queries(5):
        assert _results(client, cycle) == first
    client.force_login(cast.person)  # the same results, whoever looks
    assert "Apples for all" in _results(client, cycle)


def test_erasure_clears_the_cached_results_that_showed_the_persons_name(client, cast):
    cycle = _closed_with_a_named_comment(cast)
    client.force_login(cast.facilitator)
    assert "Cam" in _results(client, cycle)
    privacy.erase(cast.carer)
    page = _results(client, cycle)
    assert "Apples for all" in page and "Cam" not in page
    assert "Anonymous" in page


def test_a_late_correction_clears_the_cached_results(client, cast):
    cycle = _closed_with_a_named_comment(cast)
    client.force_login(cast.facilitator)
    assert "Apples for all" in _results(client, cycle)
    named = Answer.objects.get(cycle=cycle, comment="Apples for all")
    named.comment = "Pears for all"
    named.save()
    page = _results(client, cycle)
    assert "Pears for all" in page and "Apples for all" not in page


def test_a_new_preferred_name_clears_the_cached_results(client, cast):
    cycle = _closed_with_a_named_comment(cast)
    client.force_login(cast.facilitator)
    assert "Cam" in _results(client, cycle)
    form = ProfileForm({"preferred_name": "Camille", "language": "en-gb"}, instance=cast.carer)
    assert form.is_valid(), form.errors
    form.save()
    assert "Camille" in _results(client, cycle)
