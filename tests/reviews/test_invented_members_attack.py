"""The attack of issue 17: a facilitator invents members to unmask the last real one.

A facilitator invites two addresses they control as people who draw on care while a review is
open, answers from both, closes the review and subtracts their own known answers from the lived
experience counts in the results CSV; before the fix, what was left was the real member's exact
answers. Everything here goes through the pages, as the facilitator would.
"""

import csv
import io
import re

import pytest
from django.core import mail
from django.urls import reverse

from projects.services import membership_end
from tests.base import make_user
from tests.reviews.factories import make_cycle

pytestmark = pytest.mark.django_db

SCALE = ["Not yet", "A little", "Mostly", "Fully", "Don't know"]
SECRET = "My support worker never turns up on time"


def _url(name, cycle):
    return reverse(name, kwargs={"project_id": cycle.project_id, "cycle_id": cycle.pk})


def _answer_through_the_pages(client, cycle, user, ratings, comment=""):
    """Rate every statement (`ratings[i]` is the rating of statement i) and send anonymously."""
    client.force_login(user)
    data = {f"rating_{s['key']}": str(r) for s, r in zip(cycle.statements, ratings, strict=True)}
    data[f"comment_{cycle.statements[0]['key']}"] = comment
    client.post(_url("review-answer", cycle), {**data, "rung": "4", "then": "next"})
    return client.post(_url("review-submit", cycle), {"named": "anonymous"}, follow=True)


def _invent_a_member(client, cast, email, on_commit):
    """The facilitator invites an address they control, and accepts the emailed link."""
    client.force_login(cast.facilitator)
    with on_commit(execute=True):
        client.post(
            reverse("invitation-create", args=[cast.project.pk]),
            {"email": email, "role": "person"},
        )
    link = re.search(r"/invitations/[^/\s]+/", mail.outbox[-1].body).group(0)
    puppet = make_user(email.split("@")[0], email)
    client.force_login(puppet)
    assert client.post(link).status_code == 302  # welcome to the project
    return puppet


def _lived_counts(export: str) -> dict[str, list[int] | None]:
    """{statement: [count per point of the scale]} for lived experience, None when withheld."""
    rows = list(csv.reader(io.StringIO(export)))
    header = rows[0]
    columns = [header.index(label) for label in SCALE]
    counts = {}
    for row in rows[1:]:
        if row[2] != "Lived experience" or row[1] == "All statements":
            continue
        cells = [row[c] for c in columns]
        counts[row[1]] = [int(c) for c in cells] if all(c.isdigit() for c in cells) else None
    return counts


def _subtract(counts, known: list[list[int]], texts):
    """What the attacker learns: for each statement whose counts are shown, the ratings left
    once the invented members' known ratings are taken away."""
    values = [1, 2, 3, 4, 0]  # the scale's stored values, in the CSV's column order
    learned = {}
    for index, text in enumerate(texts):
        shown = counts.get(text)
        if shown is None:
            continue
        left = list(shown)
        for ratings in known:
            left[values.index(ratings[index])] -= 1
        if sum(left) == 1:
            learned[text] = values[left.index(1)]
    return learned


def test_members_invented_while_a_review_is_open_cannot_unmask_the_last_real_one(
    client, cast, django_capture_on_commit_callbacks
):
    # The carer left long ago: Pat is the only real member with lived experience.
    membership_end(membership=cast.membership(cast.carer), ended_by=cast.carer)
    cycle = make_cycle(cast.project)
    statements = cycle.statements
    texts = [s["text"] for s in statements]
    pats = [(1, 2, 3, 4, 0)[i % 5] for i in range(len(statements))]
    page = _answer_through_the_pages(client, cycle, cast.person, pats, SECRET)
    assert "sent anonymously" in page.content.decode()
    for professional in (cast.commissioner, cast.professional, cast.facilitator):
        _answer_through_the_pages(client, cycle, professional, [4] * len(statements))

    # The facilitator invents two people who draw on care and answers as both.
    puppets = [
        _invent_a_member(
            client, cast, "puppet.one@example.net", django_capture_on_commit_callbacks
        ),
        _invent_a_member(
            client, cast, "puppet.two@example.net", django_capture_on_commit_callbacks
        ),
    ]
    known = [[1] * len(statements), [4] * len(statements)]
    refusals = [
        _answer_through_the_pages(client, cycle, puppet, ratings).content.decode()
        for puppet, ratings in zip(puppets, known, strict=True)
    ]

    # The facilitator closes the review and does the sums on the export.
    client.force_login(cast.facilitator)
    client.post(_url("cycle-close", cycle))
    export = client.get(_url("review-results-csv", cycle)).content.decode()
    counts = _lived_counts(export)
    assert set(counts) == set(texts)
    learned = _subtract(counts, known, texts)
    assert learned == {}, "the facilitator worked out Pat's answers"
    assert all(shown is None for shown in counts.values())
    results = client.get(_url("review-results", cycle)).content.decode()
    assert SECRET not in results
    assert "Lived experience: fewer than 3 answers" in results

    # Why the invented members could not answer, and what everyone else could see.
    for page in refusals:
        assert "You joined the project after this review opened" in page
    client.force_login(cast.person)
    detail = client.get(_url("cycle-detail", cycle)).content.decode()
    assert "Joined while this review was open" in detail
    assert "Puppet.One" in detail and "Puppet.Two" in detail
