"""Seeing access needs and moving money need an authenticator app: a facilitator without one
is sent to set it up, and nothing changes."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Permission
from django.urls import reverse

from accessibility.models import ShareLevel
from expenses.models import Claim, Status
from tests.accessibility.helpers import give_needs, share
from tests.base import make_meeting
from tests.expenses.helpers import submitted_claim

pytestmark = pytest.mark.django_db


def _without_second_factor(user):
    Authenticator.objects.filter(user=user).delete()


def test_a_facilitator_without_a_second_factor_cannot_open_access_needs(client, cast):
    give_needs(cast.person, ("step-free", "essential", "Ramp please"))
    share(cast.person, cast.project, ShareLevel.EVERYTHING)
    meeting = make_meeting(cast.project)
    _without_second_factor(cast.facilitator)
    client.force_login(cast.facilitator)
    for url in (
        reverse("project-access", args=[cast.project.pk]),
        reverse("meeting-access-plan", args=[cast.project.pk, meeting.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("second-factor-needed"))
        follow = client.get(response["Location"])
        assert "Set up two-step sign in" in follow.text
        assert "Ramp please" not in follow.text


def test_a_facilitator_without_a_second_factor_cannot_approve_claims(client, cast):
    claim = submitted_claim(cast)
    _without_second_factor(cast.facilitator)
    client.force_login(cast.facilitator)
    url = reverse("claim-decide", args=[cast.project.pk, claim.pk])
    response = client.post(url, {"decision": "approve"})
    assert response["Location"].startswith(reverse("second-factor-needed"))
    assert Claim.objects.get(pk=claim.pk).status == Status.SUBMITTED


def test_with_a_second_factor_the_same_facilitator_approves(client, cast):
    claim = submitted_claim(cast)
    client.force_login(cast.facilitator)  # the cast's facilitator has an authenticator app
    client.post(reverse("claim-decide", args=[cast.project.pk, claim.pk]), {"decision": "approve"})
    assert Claim.objects.get(pk=claim.pk).status == Status.APPROVED


def test_a_finance_officer_needs_a_second_factor_too(client, cast):
    cast.outsider.user_permissions.add(Permission.objects.get(codename="process_payouts"))
    client.force_login(cast.outsider)
    response = client.get(reverse("finance-batch-list"))
    assert response["Location"].startswith(reverse("second-factor-needed"))


def test_the_page_sends_people_back_only_to_this_site(client, cast):
    client.force_login(cast.facilitator)
    page = client.get(reverse("second-factor-needed"), {"next": "https://evil.example/"})
    assert "evil.example" not in page.text
