"""A draft claim is the person's own until they submit it: the facilitator's claims list and the
claim's page show it only to its claimant and to a facilitator drafting it on their behalf."""

import pytest
from django.urls import reverse

from expenses import services
from tests.expenses.helpers import attended_meeting, bank_choice, set_rate

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafts(cast):
    set_rate(cast)
    meeting = attended_meeting(cast, people=[cast.person, cast.carer])
    pats = services.claim_start(meeting=meeting, claimant=cast.person)
    on_behalf = services.claim_start(
        meeting=meeting, claimant=cast.carer, started_by=cast.facilitator
    )
    return pats, on_behalf


def _claim_url(cast, claim):
    return reverse("claim-detail", args=[cast.project.pk, claim.pk])


def test_a_facilitator_does_not_see_someone_elses_draft(client, cast, drafts):
    pats, on_behalf = drafts
    client.force_login(cast.facilitator)
    page = client.get(reverse("claim-list", args=[cast.project.pk])).text
    assert _claim_url(cast, pats) not in page
    assert _claim_url(cast, on_behalf) in page  # the one they are drafting for Cam
    assert client.get(_claim_url(cast, pats)).status_code == 403
    assert client.get(_claim_url(cast, on_behalf)).status_code == 200


def test_a_commissioner_does_not_see_drafts(client, cast, drafts):
    client.force_login(cast.commissioner)
    page = client.get(reverse("claim-list", args=[cast.project.pk])).text
    for claim in drafts:
        assert _claim_url(cast, claim) not in page
        assert client.get(_claim_url(cast, claim)).status_code == 403


def test_the_claimant_sees_their_draft_and_once_submitted_the_facilitator_does(
    client, cast, drafts
):
    pats, _on_behalf = drafts
    client.force_login(cast.person)
    assert _claim_url(cast, pats) in client.get(reverse("claim-list", args=[cast.project.pk])).text
    bank_choice(cast.person)
    services.claim_submit(claim=pats, by=cast.person)
    client.force_login(cast.facilitator)
    page = client.get(reverse("claim-list", args=[cast.project.pk])).text
    assert _claim_url(cast, pats) in page
    assert client.get(_claim_url(cast, pats)).status_code == 200
