"""A meeting's papers (written here or uploaded), and afterwards its note: what was agreed and
the decisions, each of which may point at the review action that carries it out."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import Meeting
from reviews.models import Action


class PaperVersion(models.TextChoices):
    STANDARD = "standard", _("Standard")
    EASY_READ = "easy_read", _("Easy read")
    LARGE_PRINT = "large_print", _("Large print")


def paper_path(paper, filename: str) -> str:
    # Never the uploaded name: it is the uploader's text and could say anything.
    return f"papers/{paper.meeting.project_id}/{uuid.uuid4().hex}"


class Paper(models.Model):
    """One paper for a meeting, in one version: either written on the page (`text`) or a file
    (`file`), never both. Files are served only through papers.views.paper_open."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(_("title"), max_length=200)
    version = models.CharField(
        _("which version is this?"),
        max_length=20,
        choices=PaperVersion,
        default=PaperVersion.STANDARD,
    )
    text = models.TextField(_("the paper"), max_length=50000, blank=True)
    file = models.FileField(upload_to=paper_path, blank=True)
    file_type = models.CharField(max_length=100, blank=True)
    # The name the file had, shown so people recognise it; never used as a path.
    file_name = models.CharField(max_length=200, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title", "version", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(text="") & ~Q(file="")) | (~Q(text="") & Q(file="")),
                name="papers_paper_text_or_file",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class MeetingNote(models.Model):
    """After a meeting: a short note of what was agreed, for every member to read."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="note")
    agreed = models.TextField(_("what was agreed"), max_length=10000)
    easy_read = models.TextField(_("easy read version (optional)"), max_length=10000, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Note of {self.meeting}"


class Decision(models.Model):
    """A decision taken at a meeting. The link to a review action lives here, so that the
    reviews app needs no change to be pointed at."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("what was decided?"), max_length=1000)
    action = models.ForeignKey(
        Action,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("which agreed action carries it out? (optional)"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return self.text
