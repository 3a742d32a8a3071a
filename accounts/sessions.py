"""Signing a person out of their other sessions when how they sign in changes.

Turning two-step sign-in on or off changes what each session has proved: a session that signed
in with a password alone must not carry on as if it had used the new authenticator, nor one of
the old. Raising the account's session generation changes its session hash, which Django checks
on every request, so every other session ends at its next request, in one UPDATE whatever their
number; the session that made the change is re-signed and stays.
"""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.contrib.auth import update_session_auth_hash
from django.db.models import F
from django.dispatch import receiver

from .models import User


def sign_out_other_sessions(request, user: User) -> None:
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])
    update_session_auth_hash(request, user)


@receiver(authenticator_added)
def _authenticator_added(sender, request, user, authenticator, **kwargs):
    if authenticator.type != Authenticator.Type.TOTP:
        return
    # Setting it up took a code from the app, so this session has used the second factor.
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
    sign_out_other_sessions(request, user)


@receiver(authenticator_removed)
def _authenticator_removed(sender, request, user, authenticator, **kwargs):
    if authenticator.type == Authenticator.Type.TOTP:
        sign_out_other_sessions(request, user)
