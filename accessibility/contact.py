"""Contact preferences from access profiles, for reminders (reminders/preferences.py)."""

import re
from dataclasses import dataclass

from .models import AccessProfile, Format

# UK numbers as people write them: 07700 900123, 0121 496 0000, +44 121 496 0000.
_UK_PHONE = re.compile(r"^(?:\+44|0044|0)\d{9,10}$")


def normalise_uk_phone(number: str) -> str | None:
    """The number without spaces or brackets, or None if it is not a UK number."""
    compact = re.sub(r"[\s()-]", "", number or "")
    return compact if _UK_PHONE.match(compact) else None


@dataclass(frozen=True)
class ContactPreferences:
    channel: str  # "sms", "email" or "todo" (a facilitator phones or writes)
    format: str
    phone: str
    lead_days: int | None


def _channel(profile: AccessProfile) -> str:
    from reminders.channels import normalise_uk_mobile

    if profile.by_text and normalise_uk_mobile(profile.phone):
        return "sms"
    if profile.by_email:
        return "email"
    if profile.by_phone or profile.by_post:
        return "todo"
    return "email"


def contact_preferences_for(user_ids) -> dict[int, ContactPreferences]:
    """The preferences of those of these people who have a profile: one query."""
    return {
        profile.user_id: ContactPreferences(
            channel=_channel(profile),
            format=profile.format or Format.STANDARD,
            phone=profile.phone,
            lead_days=profile.notice_days,
        )
        for profile in AccessProfile.objects.filter(user_id__any_of=set(user_ids)).only(
            "user_id",
            "by_email",
            "by_text",
            "by_phone",
            "by_post",
            "phone",
            "format",
            "notice_days",
        )
    }
