"""A project's charter: the draft everyone comments on, the frozen versions, and signatures.

Published versions, signatures and withdrawals are permanent records. Three layers keep them
so: the models refuse save-after-create and delete (here), the admin offers no change or delete
(admin.py), and on PostgreSQL a trigger refuses UPDATE and DELETE from any client (migration
0002). Foreign keys to them PROTECT, so a cascade cannot remove them either.
"""

import hashlib
import json

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from coproduce.bilingual import WELSH
from projects.models import Project

from .template import SECTIONS, WELSH_WORDS, starting_draft


class PermanentRecordError(Exception):
    """Raised on any attempt to change or delete a permanent record."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermanentRecordError(f"{self.model.__name__} rows cannot be changed.")

    def delete(self):
        raise PermanentRecordError(f"{self.model.__name__} rows cannot be deleted.")


class AppendOnlyModel(models.Model):
    """Rows are created once and never changed or deleted through the ORM."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermanentRecordError(f"{type(self).__name__} rows cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermanentRecordError(f"{type(self).__name__} rows cannot be deleted.")


def content_hash(sections: list[dict]) -> str:
    """SHA-256 of a version's sections in one canonical JSON form."""
    canonical = json.dumps(sections, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


class Charter(models.Model):
    """One per project: the working draft and a pointer to the version in force now."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="charter")
    # {section key: {"text": ..., "easy_read": ...}} for every key in template.SECTIONS.
    draft = models.JSONField(default=starting_draft)
    draft_updated_at = models.DateTimeField(null=True, blank=True)
    draft_updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    current_version = models.OneToOneField(
        "CharterVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Charter of {self.project}"

    def draft_sections(self) -> list[dict]:
        """The draft in the frozen form a version takes: ordered, with titles (in the current
        language, and in Welsh as `part_cy` and `title_cy`) and the words in English and Welsh
        (the `_cy` keys, only when given: coproduce/bilingual.py)."""
        sections = []
        for s in SECTIONS:
            words = self.draft.get(s.key, {})
            section = {"key": s.key, "part": str(s.part), "title": str(s.title)}
            with translation.override(WELSH):
                section.update(part_cy=str(s.part), title_cy=str(s.title))
            section.update(text=words.get("text", ""), easy_read=words.get("easy_read", ""))
            section.update({key: words[key] for key in WELSH_WORDS if words.get(key)})
            sections.append(section)
        return sections


class CharterVersion(AppendOnlyModel):
    """A published version: its text frozen, with a hash of that text to show it is unchanged."""

    charter = models.ForeignKey(Charter, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    # A list of {"key", "part", "title", "text", "easy_read"}, in the template's order.
    sections = models.JSONField()
    content_hash = models.CharField(max_length=64)
    changes_note = models.TextField(_("what has changed (optional)"), max_length=2000, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)
    # The publisher confirmed that the members had seen the draft and could comment on it, and
    # what was still unresolved when it was published (charters.services.unresolved).
    members_reviewed = models.BooleanField(default=False)
    unresolved_at_publishing = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["charter", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["charter", "number"], name="charters_charterversion_one_number"
            ),
        ]

    def __str__(self) -> str:
        return f"Version {self.number} of the charter of project {self.charter.project_id}"

    @property
    def hash_matches(self) -> bool:
        return content_hash(self.sections) == self.content_hash


class SignatureMethod(models.TextChoices):
    ONLINE = "online", _("Signed online")
    IN_PERSON = "in_person", _("Agreed in person")
    PHONE = "phone", _("Agreed by phone")
    PAPER = "paper", _("Signed on paper")


WITNESSED_METHODS = [
    (SignatureMethod.IN_PERSON, SignatureMethod.IN_PERSON.label),
    (SignatureMethod.PHONE, SignatureMethod.PHONE.label),
    (SignatureMethod.PAPER, SignatureMethod.PAPER.label),
]


class Signature(AppendOnlyModel):
    """A member's agreement to one version: their own, or witnessed by a facilitator."""

    version = models.ForeignKey(CharterVersion, on_delete=models.PROTECT, related_name="signatures")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="charter_signatures"
    )
    name = models.CharField(_("name as signed"), max_length=150)
    method = models.CharField(max_length=20, choices=SignatureMethod)
    witnessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(max_length=1000, blank=True)
    signed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["signed_at", "id"]
        constraints = [
            # One agreement per member per version: a double submit, or two tabs, make one.
            models.UniqueConstraint(
                fields=["version", "member"], name="charters_signature_once_per_version"
            ),
            # Signed online by the member themself, or witnessed by someone else.
            models.CheckConstraint(
                condition=(
                    Q(method=SignatureMethod.ONLINE, witnessed_by__isnull=True)
                    | (
                        ~Q(method=SignatureMethod.ONLINE)
                        & Q(witnessed_by__isnull=False)
                        & ~Q(witnessed_by=models.F("member"))
                    )
                ),
                name="charters_signature_witnessed_unless_online",
            ),
        ]

    def __str__(self) -> str:
        return f"Signature of user {self.member_id} on charter version {self.version_id}"


class Withdrawal(AppendOnlyModel):
    """A member no longer agrees to a version they signed. A new event; the signature stays."""

    signature = models.OneToOneField(Signature, on_delete=models.PROTECT, related_name="withdrawal")
    reason = models.TextField(_("why (optional)"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Withdrawal of signature {self.signature_id}"


class Comment(models.Model):
    """A member's comment on the draft, on one section or on the whole charter."""

    charter = models.ForeignKey(Charter, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="charter_comments"
    )
    # Empty for a comment on the whole charter.
    section = models.CharField(max_length=30, blank=True)
    body = models.TextField(_("your comment"), max_length=3000)
    suggestion = models.TextField(_("suggested wording (optional)"), max_length=3000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    dealt_with_at = models.DateTimeField(null=True, blank=True)
    dealt_with_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Comment {self.pk} on the charter of project {self.charter.project_id}"


class ActivationOverride(AppendOnlyModel):
    """A commissioner made a project active before its charter was in force, and said why."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"), max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"Activation override for project {self.project_id}"
