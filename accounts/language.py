"""The language a person reads the portal in: chosen in the header's switch, saved on their
account when they are signed in, and used for everything sent to them (emails, text
messages, calendar entries), which are built outside any request."""

from contextlib import contextmanager

from django.conf import settings
from django.http import HttpResponseNotAllowed
from django.utils import translation
from django.views.i18n import set_language

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def language_of(user) -> str:
    """The person's saved language, or the site's default if they never chose one."""
    language = getattr(user, "language", "")
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


@contextmanager
def in_language_of(user):
    """Build a message for `user` in their language, whatever the current one is."""
    with translation.override(language_of(user)):
        yield


def language_switch(request) -> dict:
    """Template context for the header's switch: each language named in itself ("English",
    "Cymraeg"), so not translated, whatever the page's language."""
    return {"language_switch": settings.LANGUAGES}


class UserLanguageMiddleware:
    """A signed-in person's saved language wins over the browser's and the cookie's, so the
    portal speaks to them in the same language on every device. Runs after
    AuthenticationMiddleware (LocaleMiddleware runs before it and cannot see the user)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.language in LANGUAGE_CODES:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


def language_set(request):
    """The header's switch (a form, so it works without JavaScript). Django's set_language
    checks the language and the `next` address and sets the cookie; a signed-in person's
    choice is also saved on their account."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    response = set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in LANGUAGE_CODES:
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response
