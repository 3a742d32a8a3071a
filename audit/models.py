"""The audit trail: who did what to whose data, and when. Never the sensitive values
themselves: an entry says "Fred viewed Pat's access needs", not what they are."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    SIGNED_IN = "signed_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("A sign-in failed")
    ACCESS_REFUSED = "access_refused", _("Access refused")
    MEMBER_JOINED = "member_joined", _("Joined a project")
    ROLE_CHANGED = "role_changed", _("Role changed")
    MEMBER_LEFT = "member_left", _("Left a project")
    ACCESS_NEEDS_VIEWED = "access_needs_viewed", _("Access needs viewed")
    BANK_DETAILS_VIEWED = "bank_details_viewed", _("Bank details viewed")
    CLAIM_CHANGED = "claim_changed", _("Claim changed")
    PAYOUT_CHANGED = "payout_changed", _("Payment batch changed")
    CHARTER_PUBLISHED = "charter_published", _("Charter published")
    DATA_EXPORTED = "data_exported", _("Personal data downloaded")
    BANK_DETAILS_CHANGED = "bank_details_changed", _("Bank details changed")
    BANK_HOLD_RELEASED = "bank_hold_released", _("Hold on payments released early")
    BANK_DETAILS_CONFIRMED = "bank_details_confirmed", _("Bank details checked by a second person")
    PAYMENTS_EXPORTED = "payments_exported", _("All payments downloaded")
    PAYMENT_POLICY_CHANGED = "payment_policy_changed", _("Payment policy changed")
    POLICY_CHANGE_PROPOSED = "policy_change_proposed", _("Payment policy change proposed")
    POLICY_CHANGE_CONFIRMED = "policy_change_confirmed", _("Payment policy change confirmed")
    POLICY_CHANGE_WITHDRAWN = "policy_change_withdrawn", _("Payment policy change withdrawn")
    PROJECT_STATUS_CHANGED = "project_status_changed", _("Project status changed")


# What a project's commissioners see of their project's trail: money and membership.
PROJECT_ACTIONS = (
    Action.MEMBER_JOINED,
    Action.ROLE_CHANGED,
    Action.MEMBER_LEFT,
    Action.CLAIM_CHANGED,
    Action.PAYOUT_CHANGED,
    Action.CHARTER_PUBLISHED,
    Action.PAYMENT_POLICY_CHANGED,
    Action.POLICY_CHANGE_PROPOSED,
    Action.POLICY_CHANGE_CONFIRMED,
    Action.POLICY_CHANGE_WITHDRAWN,
    Action.PROJECT_STATUS_CHANGED,
)


class Entry(models.Model):
    at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=30, choices=Action)
    # Who did it (empty for a failed sign-in to no account, or a deleted account).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Whose data it is about: they see the entry on their activity page.
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    project = models.ForeignKey(
        "projects.Project", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # What it was done to, e.g. "claim:12" or "project:3".
    target = models.CharField(max_length=60, blank=True)
    # A short non-sensitive note, e.g. "from facilitator to carer" or "approved".
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "entries"
        indexes = [
            models.Index(fields=["subject", "-at"]),
            models.Index(fields=["project", "action", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target}"
