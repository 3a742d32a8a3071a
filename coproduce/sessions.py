"""An idle timeout that does not write the session on every request, and the session store.

Sessions last SESSION_COOKIE_AGE seconds from their last save. Saving on every request
(SESSION_SAVE_EVERY_REQUEST) would make that an idle timeout at the cost of a database write
per page; instead the session is marked changed at most once a minute, which moves its expiry
forward while the person is active, and lets it lapse when they are not.
"""

import time

from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.backends import cached_db
from django.dispatch import receiver

RENEWED = "_renewed"
RENEW_EVERY = 60  # seconds


class RenewSessionMiddleware:
    """Must come after SessionMiddleware, so it runs before the session is saved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key:
            now = int(time.time())
            if now - session.get(RENEWED, 0) >= RENEW_EVERY:
                session[RENEWED] = now
        return response


@receiver(user_logged_in)
def _renewed_at_sign_in(sender, request, user, **kwargs):
    # Signing in saves the session anyway: start the clock there.
    if request is not None and hasattr(request, "session"):
        request.session[RENEWED] = int(time.time())


class SessionStore(cached_db.SessionStore):
    """Django's cached database sessions (SESSION_ENGINE is this module): read from the cache,
    written through to the database, which saves a query on every page. The cache forgets a
    session after SESSION_COOKIE_AGE by its own clock; this also ends one the cache still holds
    once it has been idle that long by ours, as the database row would have."""

    def load(self):
        data = super().load()
        renewed = data.get(RENEWED)
        if renewed is not None and time.time() - renewed > self.get_session_cookie_age():
            self._session_key = None
            return {}
        return data
