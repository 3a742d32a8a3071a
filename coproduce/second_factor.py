"""Seeing people's access needs and moving money need an authenticator app as well as a
password. A page that needs one sends a person without it to a page that explains how to set
it up, and back again afterwards."""

from urllib.parse import urlencode

from allauth.mfa.utils import is_mfa_enabled
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse


class SecondFactorRequired(PermissionDenied):
    pass


def require_second_factor(request) -> None:
    if not is_mfa_enabled(request.user):
        raise SecondFactorRequired


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, SecondFactorRequired):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('second-factor-needed')}?{query}")
        return None
