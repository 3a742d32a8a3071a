"""A "find a date" poll: a facilitator proposes dates for a meeting, members say which they
can come to, and the facilitator turns the chosen date into a meeting (`meeting`, set once).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DatePoll(models.Model):
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="date_polls"
    )
    title = models.CharField(_("what is the meeting for?"), max_length=200)
    note = models.TextField(_("anything members should know (optional)"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # The meeting the chosen date became; a poll with one is closed.
    meeting = models.OneToOneField(
        "projects.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="date_poll",
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting__isnull=True) | Q(closed_at__isnull=False),
                name="datepolls_datepoll_meeting_closes_it",
            ),
        ]

    def __str__(self) -> str:
        return f"Date poll {self.pk}: {self.title}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class DateOption(models.Model):
    poll = models.ForeignKey(DatePoll, on_delete=models.CASCADE, related_name="options")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="datepolls_dateoption_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Date option {self.pk} of poll {self.poll_id}"


class Answer(models.TextChoices):
    YES = "yes", _("Yes, I can come")
    IF_NEED_BE = "if_need_be", _("Yes, if no other date suits people")
    NO = "no", _("No, I cannot come")


class DateAnswer(models.Model):
    """One member's answer for one date: changed in place when they change their mind."""

    option = models.ForeignKey(DateOption, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(max_length=20, choices=Answer)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["option", "user"], name="datepolls_dateanswer_once"),
        ]

    def __str__(self) -> str:
        return f"Answer of user {self.user_id} for date option {self.option_id}"
