"""Access needs: the person's own profile, their consent per project, who looked, and what
facilitators arranged for each meeting.

Access needs are special category data (health and disability). Free text is encrypted at rest
(EncryptedTextField); nothing here is shown to anyone but the person unless they consented,
and every view by someone else is recorded once, in the audit trail (audit.Entry with the
action ACCESS_NEEDS_VIEWED, written by services.views_log).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from coproduce.crypto import EncryptedTextField

from .catalogue import in_reader_language

MAX_NOTICE_DAYS = 28


class NeedGroup(models.Model):
    """A situation needs are grouped by: getting there, the venue, online sessions..."""

    code = models.SlugField(unique=True)
    title = models.CharField(_("title"), max_length=100)
    question = models.CharField(
        _("question asked"),
        max_length=200,
        help_text=_("The question on the group's page, e.g. 'What helps you get there?'"),
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title

    # The wording to show: the starting catalogue's in the reader's language (catalogue.py).
    @property
    def shown_title(self) -> str:
        return in_reader_language(self.title)

    @property
    def shown_question(self) -> str:
        return in_reader_language(self.question)


class Need(models.Model):
    """One thing a person may need, in plain words. Site staff may add and reword them."""

    group = models.ForeignKey(NeedGroup, on_delete=models.PROTECT, related_name="needs")
    code = models.SlugField(unique=True)
    label = models.CharField(_("label"), max_length=120)
    description = models.CharField(_("short description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    # Retire a need without deleting what people said about it.
    is_active = models.BooleanField(_("offered to people"), default=True)

    class Meta:
        ordering = ["group__order", "order", "id"]

    def __str__(self) -> str:
        return self.label

    @property
    def shown_label(self) -> str:
        return in_reader_language(self.label)

    @property
    def shown_description(self) -> str:
        return in_reader_language(self.description)


class Format(models.TextChoices):
    STANDARD = "standard", _("Standard")
    LARGE_PRINT = "large_print", _("Large print")
    EASY_READ = "easy_read", _("Easy read")


class AccessProfile(models.Model):
    """A person's access profile and contact preferences. Everything is optional."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_profile"
    )
    name_to_use = models.CharField(_("name to use (optional)"), max_length=80, blank=True)
    pronouns = models.CharField(_("pronouns (optional)"), max_length=40, blank=True)
    own_words = EncryptedTextField(_("anything else, in your own words (optional)"), blank=True)
    by_email = models.BooleanField(pgettext_lazy("contact channel", "Email"), default=True)
    by_text = models.BooleanField(_("Text message"), default=False)
    by_phone = models.BooleanField(_("Phone call"), default=False)
    by_post = models.BooleanField(_("Post"), default=False)
    phone = EncryptedTextField(_("phone number (optional)"), blank=True)
    postal_address = EncryptedTextField(_("postal address (optional)"), blank=True)
    format = models.CharField(
        _("how would you like written information?"),
        max_length=20,
        choices=Format,
        default=Format.STANDARD,
    )
    best_times = models.CharField(
        _("best times to contact you (optional)"), max_length=200, blank=True
    )
    notice_days = models.PositiveSmallIntegerField(
        _("how many days' notice do you need before a meeting? (optional)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_NOTICE_DAYS)],
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # When the person last said "my profile is still right" (or changed it).
    checked_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        # Never the person's words: this string may end up in logs or admin pages.
        return f"Access profile of user {self.user_id}"


class Importance(models.TextChoices):
    ESSENTIAL = "essential", _("Essential")
    NEGOTIABLE = "negotiable", _("Negotiable")


class ProfileNeed(models.Model):
    profile = models.ForeignKey(AccessProfile, on_delete=models.CASCADE, related_name="needs")
    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="+")
    importance = models.CharField(max_length=20, choices=Importance)
    own_words = EncryptedTextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "need"], name="accessibility_profileneed_once"
            ),
        ]

    def __str__(self) -> str:
        return f"Need {self.need_id} of profile {self.profile_id}"


class ShareLevel(models.TextChoices):
    NOTHING = "nothing", _("Nothing")
    SUMMARY = "summary", _("A summary: which needs I have, and which are essential")
    EVERYTHING = "everything", _("Everything: my needs, my own words and my name with them")


SHARED_LEVELS = (ShareLevel.SUMMARY, ShareLevel.EVERYTHING)


class SharingConsent(models.Model):
    """What a person shares with one project. No row means nothing is shared."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_consents"
    )
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="access_consents"
    )
    level = models.CharField(max_length=20, choices=ShareLevel, default=ShareLevel.NOTHING)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "project"], name="accessibility_sharingconsent_once"
            ),
        ]

    def __str__(self) -> str:
        return f"Consent of user {self.user_id} for project {self.project_id}: {self.level}"


class ViewedOn(models.TextChoices):
    """Where someone saw a person's access needs: the `detail` of their audit entry."""

    MEETING_PLAN = "meeting_plan", _("a meeting's access plan")
    PROJECT_PAGE = "project_page", _("the project's access needs page")


class ArrangementStatus(models.TextChoices):
    ARRANGED = "arranged", _("Arranged")
    NOT_POSSIBLE = "not_possible", _("Not possible")


class Arrangement(models.Model):
    """A facilitator's answer to one person's need at one meeting."""

    meeting = models.ForeignKey(
        "projects.Meeting", on_delete=models.CASCADE, related_name="access_arrangements"
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=ArrangementStatus)
    # What was done, for the person to read; may say something personal, so encrypted.
    note = EncryptedTextField(_("note (optional)"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person", "need"], name="accessibility_arrangement_once"
            ),
        ]

    def __str__(self) -> str:
        return f"Arrangement {self.pk} for meeting {self.meeting_id}"
