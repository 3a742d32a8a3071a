"""django-allauth's pages speak in the portal's voice: GOV.UK sentence case and plain English,
from the English catalogue in locale/ (see its header for why a catalogue and not copies of
allauth's templates)."""

import re
from html import unescape
from pathlib import Path

import allauth
import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.urls import reverse

from tests.base import PASSWORD, Client, make_user

ROOT = Path(__file__).resolve().parents[2]
OURS = ROOT / "locale/en/LC_MESSAGES/django.po"
ALLAUTH = Path(allauth.__file__).parent / "locale/en/LC_MESSAGES/django.po"


def _msgids(path: Path) -> set[str]:
    """Every msgid (and msgid_plural) in a .po file, unquoted, the header's empty one left out."""
    ids = set()
    for block in re.findall(r'^msgid(?:_plural)? ((?:".*"\n)+)', path.read_text(), re.M):
        text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', block))
        text = text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")
        if text:
            ids.add(text)
    return ids


# allauth's Title Case wording that the catalogue replaces ("Sign In", "Two-Factor
# Authentication", ...): none of it may reach a page.
TITLE_CASE = sorted(
    msgid
    for msgid in _msgids(OURS)
    if len(msgid.split()) > 1 and all(word[0].isupper() for word in msgid.split())
)

SIGNED_OUT = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/password/reset/key/1-set-password/",
    "/accounts/login/code/",
    "/accounts/confirm-email/",
]
SIGNED_IN = [
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/accounts/2fa/totp/activate/",
    "/accounts/reauthenticate/",
    "/accounts/logout/",
]
WITH_SECOND_FACTOR = [
    "/accounts/2fa/",
    "/accounts/2fa/totp/deactivate/",
    "/accounts/2fa/recovery-codes/",
    "/accounts/2fa/recovery-codes/generate/",
    "/accounts/2fa/reauthenticate/",
]


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))


def _assert_in_our_voice(text: str, path: str) -> None:
    found = [words for words in TITLE_CASE if words in text]
    assert not found, f"{path}: {found}"
    assert "E-mail" not in text and "e-mail" not in text, path


def test_every_wording_replaces_a_message_allauth_has():
    """An allauth upgrade that rewords a message would quietly bring back its wording: the
    catalogue's msgids must all still be allauth's."""
    assert _msgids(OURS) - _msgids(ALLAUTH) == set()
    assert "Sign In" in TITLE_CASE and "Two-Factor Authentication" in TITLE_CASE


@pytest.mark.django_db
def test_signed_out_account_pages_are_in_sentence_case(client):
    for path in SIGNED_OUT:
        _assert_in_our_voice(_text(client.get(path)), path)
    page = _text(client.get("/accounts/login/"))
    assert "Sign in" in page and "Email address" in page and "Forgotten your password?" in page


@pytest.mark.django_db
def test_signed_in_account_pages_are_in_sentence_case(client):
    client.force_login(make_user("pat"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    for path in SIGNED_IN:
        _assert_in_our_voice(_text(client.get(path)), path)
    assert "Turn on an authenticator app" in _text(client.get("/accounts/2fa/totp/activate/"))


@pytest.mark.django_db
def test_two_step_sign_in_pages_are_in_sentence_case(cast):
    facilitator = cast.facilitator
    RecoveryCodes.activate(facilitator)
    signing_in = Client()
    signing_in.post(reverse("account_login"), {"login": facilitator.email, "password": PASSWORD})
    page = _text(signing_in.get("/accounts/2fa/authenticate/"))
    _assert_in_our_voice(page, "/accounts/2fa/authenticate/")
    assert "Two-step sign in" in page

    client = Client()
    client.force_login(facilitator)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    for path in WITH_SECOND_FACTOR:
        _assert_in_our_voice(_text(client.get(path)), path)
    overview = _text(client.get("/accounts/2fa/"))
    assert "Your authenticator app is turned on." in overview
    assert "You have 10 of your 10 recovery codes left." in overview
