"""allauth's pages wear the portal's layout and pass the same accessibility checks."""

import re

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.core import mail

from projects import services
from projects.models import Role
from tests.accounts.test_wording import SIGNED_IN, SIGNED_OUT, WITH_SECOND_FACTOR
from tests.base import PASSWORD, make_cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_signed_out_account_pages_are_accessible(visitor):
    for path in [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/login/code/",
        "/accessibility-statement/",
        "/privacy/",
    ]:
        visitor.go(path)
    visitor.go("/accounts/login/")
    visitor.type_into("Email", "nobody@example.org")
    visitor.type_into("Password", "wrong-password")
    visitor.press_button("Sign in", exact=True)
    assert visitor.page.get_by_text("There is a problem").is_visible()


def test_signing_in_with_an_emailed_code(visitor):
    cast = make_cast()
    visitor.go("/accounts/login/")
    visitor.press_button("Send me a sign-in code")
    visitor.type_into("Email", cast.person.email)
    visitor.press_button("Send me a code")
    body = mail.outbox[-1].body
    code = re.search(r"listed below.*?\n\s*\n(\S+)", body, re.S).group(1)
    visitor.type_into("Code", code)
    visitor.press_button("Confirm")
    assert visitor.page.get_by_role("heading", name="Hello, Pat").is_visible()


def test_signed_in_account_pages_are_accessible(visitor):
    cast = make_cast()
    visitor.sign_in(cast.person.email, PASSWORD)
    for path in [
        "/accounts/profile/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
        "/accounts/2fa/totp/activate/",
    ]:
        visitor.go(path)
    visitor.go("/accounts/profile/")
    visitor.type_into("What should we call you?", "Patricia")
    visitor.press_button("Save")
    assert visitor.page.get_by_text("Your details are saved").is_visible()
    visitor.follow_link("Your activity record")
    assert visitor.page.get_by_role("cell", name="Signed in").first.is_visible()


def test_the_project_record_is_accessible_to_its_commissioner(visitor):
    cast = make_cast()
    services.membership_change_role(
        membership=cast.membership(cast.carer), role=Role.PERSON, changed_by=cast.facilitator
    )
    visitor.sign_in(cast.commissioner.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/members/")
    visitor.follow_link("Project record")
    assert visitor.page.get_by_role("cell", name="Role changed").is_visible()


def test_a_person_sees_their_information_and_erases_their_account(visitor):
    cast = make_cast()
    visitor.sign_in(cast.carer.email, PASSWORD)
    visitor.go("/accounts/my-data/")
    visitor.follow_link("See all your information on a page")
    # The password is asked for again before personal data is shown.
    visitor.type_into("Password", PASSWORD)
    visitor.press_button("Confirm")
    assert visitor.page.get_by_role("heading", name="Your projects and roles").is_visible()
    visitor.go("/accounts/my-data/")
    visitor.follow_link("Erase my account")
    visitor.press_button("Erase my account")
    assert visitor.page.get_by_text("There is a problem").is_visible()
    visitor.choose("I understand that my account and my information will be erased")
    visitor.press_button("Erase my account")
    assert visitor.page.get_by_role("heading", name="Your account has been erased").is_visible()
    assert visitor.page.get_by_text("What we kept and why").is_visible()


def _fits_320_pixels(visitor) -> None:
    width = visitor.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{visitor.page.url} is {width} pixels wide"


def _visit(visitor, path: str) -> None:
    visitor.go(path)  # axe checks every page
    _fits_320_pixels(visitor)


def _confirm_it_is_me(visitor) -> None:
    _visit(visitor, "/accounts/reauthenticate/")
    visitor.type_into("Password", PASSWORD)
    visitor.press_button("Confirm", exact=True)


def test_every_account_page_is_accessible_and_fits_a_320_pixel_screen(visitor):
    """Signed out, signed in, and with two-step sign in: every allauth page passes axe and
    needs no sideways scrolling on a small phone (WCAG 1.4.10 reflow)."""
    cast = make_cast()
    RecoveryCodes.activate(cast.facilitator)
    visitor.page.set_viewport_size({"width": 320, "height": 720})
    for path in SIGNED_OUT:
        _visit(visitor, path)
    _visit(visitor, "/accounts/login/code/")
    visitor.type_into("Email address", cast.person.email)
    visitor.press_button("Send me a code")
    assert visitor.page.get_by_role("heading", name="Enter your sign-in code").is_visible()
    _fits_320_pixels(visitor)
    visitor.press_button("Cancel", exact=True)

    visitor.sign_in(cast.person.email, PASSWORD)
    _confirm_it_is_me(visitor)
    for path in SIGNED_IN:
        _visit(visitor, path)
    visitor.press_button("Sign out", exact=True)
    _fits_320_pixels(visitor)

    _visit(visitor, "/accounts/login/")
    visitor.type_into("Email address", cast.facilitator.email)
    visitor.type_into("Password", PASSWORD)
    visitor.press_button("Sign in", exact=True)
    assert visitor.page.get_by_role("heading", name="Two-step sign in").is_visible()
    _fits_320_pixels(visitor)
    visitor.type_into("Code", visitor.authenticator_code(cast.facilitator.email), exact=True)
    visitor.press_button("Sign in", exact=True)
    _confirm_it_is_me(visitor)
    for path in WITH_SECOND_FACTOR:
        _visit(visitor, path)
    assert visitor.page.get_by_text("Confirm it is you").first.is_visible()
