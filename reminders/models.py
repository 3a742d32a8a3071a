import secrets
from datetime import time

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    MEETING_INVITATION = "meeting_invitation", _("An invitation to a new meeting")
    MEETING_SOON = "meeting_soon", _("A meeting coming up")
    PAPERS_DUE = "papers_due", _("Meeting papers due to be sent")
    PAPERS_READY = "papers_ready", _("Meeting papers ready to read")
    CHARTER_UNSIGNED = "charter_unsigned", _("A charter waiting for your signature")
    REVIEW_OPEN = "review_open", _("A review open for your answers")
    REVIEW_CLOSING = "review_closing", _("A review closing soon")
    CLAIM_WAITING = "claim_waiting", _("A claim waiting for approval")
    CLAIM_PAID = "claim_paid", _("A claim paid")
    ACCESS_UNARRANGED = "access_unarranged", _("An essential access need not yet arranged")
    PROFILE_CHECK = "profile_check", _("Is your access profile still right?")
    DAILY_SUMMARY = "daily_summary", _("Daily summary")
    # Notices (reminders/notices.py): one-off messages about a change.
    ROLE_CHANGED = "role_changed", _("A change of role in a project")
    BANK_DETAILS_CHANGED = "bank_details_changed", _("A change to your bank details")
    CLAIM_OUTCOME = "claim_outcome", _("A claim sent back, turned down or not paid")
    MEETING_CHANGED = "meeting_changed", _("A change to a meeting's time, place or format")
    MEETING_CANCELLED = "meeting_cancelled", _("A meeting cancelled")
    ACTION_DONE = "action_done", _("An action from a review done: what changed")


class Channel(models.TextChoices):
    # A context of its own: allauth's form label "Email" reads "Email address" (locale/).
    EMAIL = "email", pgettext_lazy("contact channel", "Email")
    SMS = "sms", _("Text message")
    # People who asked for a phone call or a letter: a facilitator does it and marks it done.
    TODO = "todo", _("Facilitator to-do (phone call or post)")


class Status(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    IN_SUMMARY = "in_summary", _("Sent in the daily summary")
    TODO = "todo", _("On a facilitator's to-do list")
    DONE = "done", _("Done by a facilitator")
    DROPPED = "dropped", _("Not sent: no longer useful")
    FAILED = "failed", _("Could not be sent")


class Delivery(models.Model):
    """One reminder to one person about one thing at one occurrence ("7 days before").

    The unique key is what makes a reminder exactly once: planning inserts with
    ignore_conflicts, so running the planner twice, or in two beat processes at once, cannot
    make a second row; sending claims the row with a conditional update before sending.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=30, choices=Kind)
    # What the reminder is about, e.g. "meeting:12"; and which occurrence, e.g. "7d".
    subject = models.CharField(max_length=60)
    occurrence = models.CharField(max_length=30)
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(max_length=10, choices=Channel, default=Channel.EMAIL)
    due_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # Which sending run claimed the row: a run sends only the rows carrying its own token.
    claim = models.CharField(max_length=50, blank=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Why it was dropped or failed, in words safe to show and log: never personal details.
    outcome = models.CharField(max_length=200, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-due_at", "-id"]
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "subject", "occurrence"],
                name="reminders_delivery_once",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.occurrence}) for user {self.recipient_id}"

    @property
    def subject_id(self) -> int:
        return int(self.subject.split(":", 1)[1])


class ReminderSettings(models.Model):
    """How a person wants reminders, beyond the contact preferences in their access profile."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    quiet_from = models.TimeField(_("quiet hours start"), default=time(21, 0))
    quiet_until = models.TimeField(_("quiet hours end"), default=time(8, 0))
    daily_summary = models.BooleanField(
        _("one daily summary instead of separate messages"), default=False
    )

    def __str__(self) -> str:
        return f"Reminder settings of user {self.user_id}"


class StoppedKind(models.Model):
    """A kind of reminder a person asked not to get (through a signed link)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=Kind)
    stopped_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="reminders_stoppedkind_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} stopped for user {self.user_id}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A person's private iCal address. Resetting the token kills the old address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    reset_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Calendar feed of user {self.user_id}"
