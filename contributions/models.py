from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone


class ContributionRecord(models.Model):
    """A person's request for a record of what they gave to one project, and a facilitator's
    confirmation of it. The facts are frozen when confirmed: the record says what was true
    then, whatever changes later."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contribution_records"
    )
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="contribution_records"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # {"title", "roles", "joined_on", "left_on", "meetings": [[date, title]], "hours"}
    facts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            # One request waiting per person and project: asking again changes nothing.
            models.UniqueConstraint(
                fields=["person", "project"],
                condition=models.Q(confirmed_at__isnull=True),
                name="contributions_contributionrecord_one_waiting",
            ),
        ]

    def __str__(self) -> str:
        return f"Record of contribution {self.pk} of user {self.person_id}"

    @property
    def joined_on(self) -> date:
        return date.fromisoformat(self.facts["joined_on"])

    @property
    def left_on(self) -> date | None:
        return date.fromisoformat(self.facts["left_on"]) if self.facts.get("left_on") else None

    @property
    def meetings(self) -> list[tuple[date, str]]:
        return [(date.fromisoformat(day), title) for day, title in self.facts["meetings"]]
