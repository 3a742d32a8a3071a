from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from .models import Action
from .services import record


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    record(Action.SIGNED_IN, actor=user, subject=user)


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # The entry goes to the account's owner if the email has one; the typed email itself is
    # not stored, so the trail cannot be used to learn which addresses were tried.
    email = credentials.get("email") or credentials.get("username") or ""
    owner = get_user_model().objects.filter(email__iexact=email).first() if email else None
    record(Action.SIGN_IN_FAILED, subject=owner)
