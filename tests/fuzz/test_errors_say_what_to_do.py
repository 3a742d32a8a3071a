"""Form errors say what to do (issue 20, "Smaller"): no form the portal renders answers a
missing value with Django's bare "This field is required.". Each form (every one has a fuzz
test, which says how to reach it) is posted with each of its values left out in turn; the
sign-in pages of django-allauth are posted empty."""

import importlib
import pkgutil

import pytest
from django.urls import reverse

import tests.fuzz
from tests.base import Client
from tests.fuzz.harness import FORMS, _rule, signed_in

pytestmark = pytest.mark.django_db

BARE = "This field is required."


def _every_form() -> list[dict]:
    for module in pkgutil.iter_modules(tests.fuzz.__path__, "tests.fuzz."):
        if module.name.split(".")[-1].startswith("test_") and module.name != __name__:
            importlib.import_module(module.name)
    return FORMS


@pytest.mark.parametrize("form", _every_form(), ids=lambda form: form["url"])
def test_a_missing_value_is_told_what_to_do(cast, form):
    if form["setup"]:
        form["setup"](cast)
    url = reverse(form["url"], kwargs=(form["kwargs"] or _rule(form["url"]).kwargs)(cast))
    user = form["who"](cast)
    client = signed_in(user) if user else Client()
    valid = {k: v(cast) if callable(v) else v for k, v in form["valid"].items()}
    for left_out in valid:
        response = client.post(url, {k: v for k, v in valid.items() if k != left_out})
        assert BARE not in response.content.decode(), (form["url"], left_out)


@pytest.mark.parametrize(
    "url_name, field_message",
    [
        ("account_login", "Enter email address"),
        ("account_signup", "Enter the name we should call you"),
        ("account_reset_password", "Enter email address"),
        ("account_request_login_code", "Enter email address"),
    ],
)
def test_the_sign_in_pages_say_what_to_do(client, url_name, field_message):
    page = client.post(reverse(url_name), {}).content.decode()
    assert BARE not in page
    assert field_message in page
