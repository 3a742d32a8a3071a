"""Seeing access needs and moving money need an authenticator app: a facilitator without one
is sent to set it up, and nothing changes."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth.models import Permission
from django.urls import reverse

from accessibility.models import ShareLevel
from expenses.models import Claim, Status
from tests.accessibility.helpers import give_needs, share
from tests.base import PASSWORD, Client, make_meeting
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


def _signed_in_with_password(client, user):
    """A real sign-in through the sign-in page, with the password alone."""
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(user.pk)


def _turn_on_authenticator(client) -> None:
    """Set up an authenticator app through allauth's own page (which asks for the password
    again first), typing its first code."""
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200, response
    secret = client.session["mfa.totp.secret"]
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302, response.text


def test_a_password_only_session_is_asked_for_the_app_although_the_account_has_one(client, cast):
    claim = submitted_claim(cast)
    client.force_login_password_only(cast.facilitator)
    url = reverse("claim-decide", args=[cast.project.pk, claim.pk])
    response = client.post(url, {"decision": "approve"})
    assert response["Location"].startswith(reverse("second-factor-needed"))
    assert Claim.objects.get(pk=claim.pk).status == Status.SUBMITTED
    page = client.get(response["Location"]).text
    assert "Enter a code from your app" in page
    assert reverse("mfa_reauthenticate") in page


# allauth announces a new authenticator once its transaction commits, as it does in the portal.
@pytest.mark.django_db(transaction=True)
def test_turning_on_the_app_in_one_session_gives_nothing_to_a_password_only_session(cast):
    """The hole: a session signed in with a password alone gained access to access needs and
    approvals once the same account set up an authenticator somewhere else."""
    claim = submitted_claim(cast)
    _without_second_factor(cast.facilitator)
    old, new = Client(), Client()
    _signed_in_with_password(old, cast.facilitator)
    _signed_in_with_password(new, cast.facilitator)
    _turn_on_authenticator(new)
    url = reverse("claim-decide", args=[cast.project.pk, claim.pk])
    # The other session has been signed out; it approves nothing.
    response = old.post(url, {"decision": "approve"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Claim.objects.get(pk=claim.pk).status == Status.SUBMITTED
    # The session that set it up typed a code from the app, and carries on.
    new.post(url, {"decision": "approve"})
    assert Claim.objects.get(pk=claim.pk).status == Status.APPROVED


@pytest.mark.django_db(transaction=True)
def test_turning_the_app_off_signs_out_the_other_sessions(cast):
    here, elsewhere = Client(), Client()
    _signed_in_with_password(here, cast.person)
    _turn_on_authenticator(here)
    cast.person.refresh_from_db()
    elsewhere.force_login(cast.person)
    assert elsewhere.get(reverse("my-activity")).status_code == 200
    response = here.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302, response.text
    assert not Authenticator.objects.filter(user=cast.person, type="totp").exists()
    assert elsewhere.get(reverse("my-activity")).status_code == 302
    assert here.get(reverse("my-activity")).status_code == 200
