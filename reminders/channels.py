"""Turning a claimed delivery into a message: email (HTML and plain text, in the person's
format) or a text message through GOV.UK Notify."""

import re

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.language import in_language_of
from coproduce.emails import subject

STOP_SALT = "reminders.stop"
# UK mobile numbers, as people write them: 07700 900123, +44 7700 900123, 0044...
_UK_MOBILE = re.compile(r"^(?:\+44|0044|0)7\d{9}$")


def normalise_uk_mobile(number: str) -> str | None:
    """The number in +447... form, or None if it is not a UK mobile number."""
    compact = re.sub(r"[\s()-]", "", number or "")
    if not _UK_MOBILE.match(compact):
        return None
    return "+44" + compact[-10:]


def stop_token(user_id: int, kind: str) -> str:
    return signing.dumps({"u": user_id, "k": kind}, salt=STOP_SALT, compress=True)


def read_stop_token(token: str, max_age_days: int = 90) -> dict:
    """The person and kind a stop link is for. Raises signing.BadSignature (tampered) or
    signing.SignatureExpired."""
    return signing.loads(token, salt=STOP_SALT, max_age=max_age_days * 86400)


def _stop_url(delivery) -> str:
    """The signed link that stops this kind; none for notices that must always reach people
    (a change to their role or bank details that may not have been theirs)."""
    from .kinds import is_stoppable

    if not is_stoppable(delivery.kind):
        return ""
    return settings.SITE_URL + reverse(
        "reminder-stop", args=[stop_token(delivery.recipient_id, delivery.kind)]
    )


def _context(delivery, extra: dict, prefs) -> dict:
    return {
        "delivery": delivery,
        "recipient": delivery.recipient,
        "format": prefs.format,
        "large_print": prefs.format == "large_print",
        "easy_read": prefs.format == "easy_read",
        "site_url": settings.SITE_URL,
        "stop_url": _stop_url(delivery),
        **extra,
    }


def build_email(delivery, extra: dict, prefs) -> EmailMultiAlternatives:
    """In the recipient's language (accounts/language.py), as every message built here is."""
    context = _context(delivery, extra, prefs)
    template = f"reminders/email/{delivery.kind}"
    with in_language_of(delivery.recipient):
        message = EmailMultiAlternatives(
            subject=subject(f"{template}_subject.txt", context),
            body=render_to_string(f"{template}.txt", context),
            to=[delivery.recipient.email],
            headers={"List-Unsubscribe": f"<{context['stop_url']}>"} if context["stop_url"] else {},
        )
        message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    for filename, content, mimetype in extra.get("attachments", ()):
        message.attach(filename, content, mimetype)
    return message


def build_summary_email(recipient, items: list[tuple], prefs) -> EmailMultiAlternatives:
    """One email for a day's reminders. `items` are (delivery, extra context) pairs."""
    with in_language_of(recipient):
        return _summary_email(recipient, items, prefs)


def _summary_email(recipient, items: list[tuple], prefs) -> EmailMultiAlternatives:
    context = {
        "recipient": recipient,
        "items": [
            {
                "text": render_to_string(
                    f"reminders/email/{d.kind}.txt", _context(d, extra, prefs)
                ).strip(),
                "delivery": d,
            }
            for d, extra in items
        ],
        "large_print": prefs.format == "large_print",
        "easy_read": prefs.format == "easy_read",
        "site_url": settings.SITE_URL,
    }
    message = EmailMultiAlternatives(
        subject=subject("reminders/email/daily_summary_subject.txt", context),
        body=render_to_string("reminders/email/daily_summary.txt", context),
        to=[recipient.email],
    )
    message.attach_alternative(
        render_to_string("reminders/email/daily_summary.html", context), "text/html"
    )
    return message


def sms_text(delivery, extra: dict, prefs) -> str:
    with in_language_of(delivery.recipient):
        return render_to_string(
            f"reminders/sms/{delivery.kind}.txt", _context(delivery, extra, prefs)
        ).strip()


def send_sms(phone: str, text: str) -> None:
    """Send through GOV.UK Notify. Its client raises on an HTTP error, which the sender treats
    as a failure to retry."""
    from notifications_python_client.notifications import NotificationsAPIClient

    client = NotificationsAPIClient(settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL)
    client.send_sms_notification(
        phone_number=phone,
        template_id=settings.NOTIFY_SMS_TEMPLATE_ID,
        personalisation={"message": text},
    )
