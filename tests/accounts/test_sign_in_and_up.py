from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.base import PASSWORD, make_user

SIGNUP = {"password1": PASSWORD, "password2": PASSWORD, "preferred_name": "Ana"}


def _signup(client, email):
    return client.post(reverse("account_signup"), SIGNUP | {"email": email})


def test_signing_up_needs_the_address_verified_before_signing_in(client, db):
    response = _signup(client, "ana@example.org")
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.get(email="ana@example.org").preferred_name == "Ana"
    assert "confirm-email" in mail.outbox[0].body
    assert "_auth_user_id" not in client.session


def test_signing_up_with_a_taken_address_does_not_reveal_that_it_has_an_account(client, db):
    make_user("ana", "ana@example.org")
    response = _signup(client, "ANA@example.org")
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email__iexact="ana@example.org").count() == 1


def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(client, db):
    make_user("ana", "ana@example.org")
    wrong = client.post(reverse("account_login"), {"login": "ana@example.org", "password": "nope"})
    unknown = client.post(
        reverse("account_login"), {"login": "zed@example.org", "password": "nope"}
    )
    assert wrong.status_code == unknown.status_code == 200
    message = "The email address or password is not right. Check them and try again."
    assert message in wrong.text and message in unknown.text


def test_repeated_failed_sign_ins_are_rate_limited(client, db):
    make_user("ana", "ana@example.org")
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "ana@example.org", "password": "nope"})
    response = client.post(
        reverse("account_login"), {"login": "ana@example.org", "password": PASSWORD}
    )
    assert "Too many attempts to sign in" in response.text
    assert "_auth_user_id" not in client.session


def test_an_over_long_preferred_name_is_refused(client, db):
    response = client.post(
        reverse("account_signup"), SIGNUP | {"email": "ana@example.org", "preferred_name": "A" * 81}
    )
    assert response.status_code == 200
    assert not User.objects.exists()
