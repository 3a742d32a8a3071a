"""Seeing people's access needs and moving money need an authenticator app as well as a
password, used in this session: having one on the account is not enough, or a session signed
in with a password alone would gain the right once the app was set up somewhere else. A page
that needs it sends a person without it to a page that explains how to set it up or use it,
and back again afterwards."""

from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse


class SecondFactorRequired(PermissionDenied):
    pass


def used_second_factor(request) -> bool:
    """Whether this session signed in (or re-confirmed) with the authenticator app: allauth
    records each method a session used."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def require_second_factor(request) -> None:
    if not (used_second_factor(request) and is_mfa_enabled(request.user)):
        raise SecondFactorRequired


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from allauth.account.internal.flows.reauthentication import suspend_request

        from .reauthentication import FreshSecondFactorRequired

        if isinstance(exception, SecondFactorRequired):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('second-factor-needed')}?{query}")
        if isinstance(exception, FreshSecondFactorRequired):
            # allauth's page for a code from the app; a POST is replayed after it.
            return suspend_request(request, reverse("mfa_reauthenticate"))
        return None
