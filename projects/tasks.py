from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.language import in_language_of
from accounts.models import User
from coproduce.emails import subject

from .models import Invitation


@shared_task
def send_invitation_email(invitation_id: int) -> None:
    """Email the invitation link. Enqueued after commit by invitation_create.

    Does nothing for an invitation that was revoked or used before the worker got to it, so a
    re-delivered task cannot send a dead link.
    """
    invitation = (
        Invitation.objects.select_related("project", "invited_by")
        .filter(pk=invitation_id, accepted_at__isnull=True, revoked_at__isnull=True)
        .first()
    )
    if invitation is None:
        return
    context = {
        "invitation": invitation,
        "url": settings.SITE_URL + reverse("invitation-respond", args=[invitation.token]),
    }
    # Someone who already has an account gets it in their language; a newcomer in the site's.
    invitee = User.objects.filter(email__iexact=invitation.email).first()
    with in_language_of(invitee):
        message = EmailMultiAlternatives(
            subject=subject("emails/invitation_subject.txt", context),
            body=render_to_string("emails/invitation.txt", context),
            to=[invitation.email],
        )
        message.attach_alternative(render_to_string("emails/invitation.html", context), "text/html")
    message.send()
