"""Re-authentication where money and special data move (issue 17, part 3): changing bank
details, changing the payout rules, downloading a payment file or the payments export, and
releasing a hold on payments ask for the password or a code from the authenticator app again,
unless this session gave one within the last 5 minutes (ACCOUNT_REAUTHENTICATION_TIMEOUT).

This is django-allauth's re-authentication: its pages ask, its session records say when, and
its middleware turns `ReauthenticationRequired` into a visit to the page that asks, coming
back afterwards. A POST is kept in the session meanwhile and replayed after: fine for a reason
or a policy, never for bank details, which must not rest unencrypted in the session
(`reauthentication_url` then sends the person back to a fresh form instead).

Releasing a hold on payments asks for the authenticator app itself (`require_fresh_second_
factor`): the finance officer's second factor, given within the same 5 minutes.
"""

import time
from urllib.parse import urlencode

from allauth.account import app_settings as account_settings
from allauth.account.adapter import get_adapter
from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.reauthentication import did_recently_reauthenticate
from allauth.core.exceptions import ReauthenticationRequired
from django.urls import reverse


class FreshSecondFactorRequired(Exception):
    """Handled by coproduce.second_factor.SecondFactorMiddleware: the authenticator app's
    re-authentication page, and back."""


def recently_reauthenticated(request) -> bool:
    """Whether this session gave the password or an authenticator code again lately."""
    return request.user.is_authenticated and did_recently_reauthenticate(request)


def require_reauthentication(request) -> None:
    """Ask for the password or a code again, unless given lately. Call it after the access
    checks, so that those who may not use a page get 403 or 404, not a password prompt."""
    if not recently_reauthenticated(request):
        raise ReauthenticationRequired


def reauthentication_url(request, next_url: str) -> str:
    """The page that asks for the password (or offers the app), coming back to `next_url`
    afterwards without replaying anything."""
    methods = get_adapter().get_reauthentication_methods(request.user)
    page = methods[0]["url"] if methods else reverse("account_login")
    return f"{page}?{urlencode({'next': next_url})}"


def used_second_factor_recently(request) -> bool:
    """Whether this session gave a code from the authenticator app (or a recovery code) within
    the last 5 minutes, at sign-in or since."""
    if not request.user.is_authenticated:
        return False
    since = time.time() - account_settings.REAUTHENTICATION_TIMEOUT
    return any(
        record.get("method") == "mfa" and record.get("at", 0) > since
        for record in get_authentication_records(request, request.user)
    )


def require_fresh_second_factor(request) -> None:
    if not used_second_factor_recently(request):
        raise FreshSecondFactorRequired
