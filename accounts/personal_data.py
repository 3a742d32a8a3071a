from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import LogEntry

from privacy.registry import OnErase, Section, register

register(
    Section("Email addresses", EmailAddress, ("user",), ("email", "verified", "primary")),
    # The type and dates only: an authenticator's secret never leaves the database.
    Section("Two-step sign in", Authenticator, ("user",), ("type", "created_at", "last_used_at")),
    Section(
        "Changes you made as site staff",
        LogEntry,
        ("user",),
        ("action_time", "object_repr", "change_message"),
        on_erase=OnErase.KEEP,
        reason="A record of changes made to the site, kept for security.",
    ),
)
