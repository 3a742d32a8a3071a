"""Jigsaw review cycles: statements, answers (named or anonymous), placements on the ladder of
co-production, and the actions agreed afterwards.

Anonymity is built into the tables (docs/anonymity.md): an anonymous member's answers wait,
encrypted and without their name, as a `SealedBallot` while the cycle is open; when it closes,
every ballot is opened in one transaction and written out as `Answer` and `Placement` rows in a
shuffled order, holding only the cycle, the role group and the values, with a random primary
key and no time at all. That they answered is recorded separately in `Response`, in another
transaction. Nothing else joins the two.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.crypto import EncryptedJSONField
from projects.models import LIVED_EXPERIENCE_ROLES, Membership, Project


class Piece(models.TextChoices):
    CULTURE = "culture", _("Culture")
    STRUCTURE = "structure", _("Structure")
    PRACTICE = "practice", _("Practice")
    REVIEW = "review", _("Review")


class Rating(models.IntegerChoices):
    NOT_YET = 1, _("Not yet")
    A_LITTLE = 2, _("A little")
    MOSTLY = 3, _("Mostly")
    FULLY = 4, _("Fully")
    DONT_KNOW = 0, _("Don't know")


class Rung(models.IntegerChoices):
    """Think Local Act Personal's ladder of co-production, from the bottom rung."""

    COERCION = 1, _("Coercion: people are made to take part, with no say")
    EDUCATING = 2, _("Educating: people are told about services to change their views")
    INFORMING = 3, _("Informing: people are told what has been decided")
    CONSULTATION = 4, _("Consultation: people are asked their views, but have no power")
    ENGAGEMENT = 5, _("Engagement: people have more say, but decisions stay with others")
    CO_DESIGN = 6, _("Co-design: people help design the service, but not all decisions")
    CO_PRODUCTION = 7, _("Co-production: an equal partnership, sharing power from the start")


class RoleGroup(models.TextChoices):
    LIVED = "lived", _("Lived experience")
    PROFESSIONAL = "professional", _("Professionals")

    @classmethod
    def of(cls, role: str) -> "RoleGroup":
        return cls.LIVED if role in LIVED_EXPERIENCE_ROLES else cls.PROFESSIONAL


def review_group(membership: Membership) -> RoleGroup:
    """The group a member's answers count in. The one place that decides it: from lived
    experience recorded on the membership, not the role (DESIGN.md, section 8), so a person
    who co-chairs or facilitates still counts with lived experience."""
    return RoleGroup.LIVED if membership.has_lived_experience else RoleGroup.PROFESSIONAL


class CycleStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Repeat(models.IntegerChoices):
    NONE = 0, _("Does not repeat")
    QUARTERLY = 3, _("Every 3 months")
    HALF_YEARLY = 6, _("Every 6 months")
    YEARLY = 12, _("Every 12 months")


class ReviewCycle(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="review_cycles")
    title = models.CharField(_("title"), max_length=200)
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    repeat_months = models.PositiveSmallIntegerField(
        _("how often?"), choices=Repeat, default=Repeat.NONE
    )
    status = models.CharField(max_length=20, choices=CycleStatus, default=CycleStatus.SCHEDULED)
    # The statements as they were when the cycle opened (defaults and the project's own), so
    # results always show the words people rated. Empty until then.
    statements = models.JSONField(default=list, blank=True)
    # The cycle this one repeats; unique, so closing a cycle twice schedules one follower.
    follows = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="followed_by"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # The dates as planned, kept when it opened: opening early or closing early moves opens_on
    # and closes_on, but the next cycle of a repeating review follows the plan.
    planned_opens_on = models.DateField(null=True, blank=True, editable=False)
    planned_closes_on = models.DateField(null=True, blank=True, editable=False)
    # When it really opened and closed: members who joined in between are shown on its page.
    opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="reviews_reviewcycle_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_scheduled(self) -> bool:
        return self.status == CycleStatus.SCHEDULED

    @property
    def is_open(self) -> bool:
        return self.status == CycleStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == CycleStatus.CLOSED


class Statement(models.Model):
    """One of the project's own statements, added to a cycle before it opens."""

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="own_statements")
    piece = models.CharField(_("which piece of the jigsaw?"), max_length=20, choices=Piece)
    text = models.TextField(_("statement"), max_length=500)
    easy_read = models.TextField(_("easy read version"), max_length=500)
    # The same in Welsh, where given (coproduce/bilingual.py).
    text_cy = models.TextField(
        _("statement in Welsh (optional)"), max_length=500, blank=True, db_default=""
    )
    easy_read_cy = models.TextField(
        _("easy read version in Welsh (optional)"), max_length=500, blank=True, db_default=""
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def key(self) -> str:
        return f"own-{self.pk}"

    def as_data(self) -> dict:
        return {
            "key": self.key,
            "piece": self.piece,
            "text": self.text,
            "easy_read": self.easy_read,
            "text_cy": self.text_cy,
            "easy_read_cy": self.easy_read_cy,
        }


class EligibleMember(models.Model):
    """A member who may answer a cycle: active when it opened, in the group they were in then.

    Written once, when the cycle opens, so people who join while it is open cannot answer (and
    so cannot be invented to unmask the others), and a role changed meanwhile moves nobody's
    answers to another group. The groups' sizes are the numbers anonymity is judged against.
    """

    cycle = models.ForeignKey(
        ReviewCycle, on_delete=models.CASCADE, related_name="eligible_members"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role_group = models.CharField(max_length=20, choices=RoleGroup)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "user"], name="reviews_eligiblemember_one_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"May answer review {self.cycle_id}"


class Draft(models.Model):
    """A member's answers saved to come back to. Deleted in the transaction that submits them,
    so an anonymous member's draft never outlives the moment their answers lose their name;
    encrypted, so that its old versions in the database's files and backups cannot be matched
    to the words of an anonymous answer."""

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # {"ratings": {key: int}, "comments": {key: str}, "rung": int | None}
    values = EncryptedJSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cycle", "user"], name="reviews_draft_one_per_member")
        ]

    def __str__(self) -> str:
        return f"Draft for review {self.cycle_id}"


class Response(models.Model):
    """That a member answered a cycle, and nothing about what they said."""

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="responses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answered_on = models.DateField(default=timezone.localdate)

    class Meta:
        constraints = [
            # Answering twice is refused here too, whatever two tabs do at once.
            models.UniqueConstraint(
                fields=["cycle", "user"], name="reviews_response_one_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"Response to review {self.cycle_id}"


class SealedBallot(models.Model):
    """An anonymous member's answers while the cycle is open: no name, no time, and the group
    and values encrypted with a key that is not in the database.

    It is written in the same transaction as the member's `Response` (so an answer is never
    lost nor counted twice), which is why it is sealed and short-lived: the cycle's close opens
    every ballot at once, writes them out as shuffled `Answer` and `Placement` rows and deletes
    them (services.cycle_close).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="+")
    # {"group": str, "ratings": {key: int}, "comments": {key: str}, "rung": int}
    sealed = EncryptedJSONField(default=dict)

    def __str__(self) -> str:
        return f"Sealed answers to review {self.cycle_id}"


class Answer(models.Model):
    """One rating of one statement. `user` is set only for named answers.

    A random primary key and no timestamp, so neither the order of ids nor a time can match an
    anonymous answer to the `Response` of its member. Anonymous ones are written when the cycle
    closes, all in one transaction and in a shuffled order (see SealedBallot).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="answers")
    role_group = models.CharField(max_length=20, choices=RoleGroup)
    piece = models.CharField(max_length=20, choices=Piece)
    statement_key = models.CharField(max_length=40)
    value = models.PositiveSmallIntegerField(choices=Rating)
    comment = models.TextField(max_length=1000, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=0, value__lte=4), name="reviews_answer_value_on_scale"
            ),
        ]
        indexes = [models.Index(fields=["cycle", "statement_key"])]

    def __str__(self) -> str:
        return f"Answer to {self.statement_key}"


class Placement(models.Model):
    """Where one member places the project on the ladder; one per answering member, so it also
    counts the members of each group who answered."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="placements")
    role_group = models.CharField(max_length=20, choices=RoleGroup)
    rung = models.PositiveSmallIntegerField(choices=Rung)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(rung__gte=1, rung__lte=7), name="reviews_placement_rung_on_ladder"
            ),
        ]

    def __str__(self) -> str:
        return f"Placement on rung {self.rung}"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Action(models.Model):
    """Something agreed after a review, for one piece of the jigsaw."""

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="actions")
    piece = models.CharField(_("which piece of the jigsaw?"), max_length=20, choices=Piece)
    description = models.TextField(_("what will be done?"), max_length=1000)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="review_actions",
        verbose_name=_("who will do it?"),
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("how far has it got?"),
        max_length=20,
        choices=ActionStatus,
        default=ActionStatus.NOT_STARTED,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # What changed, told to every member when it is done ("You said, we did").
    outcome = models.TextField(
        _("what changed?"),
        max_length=2000,
        blank=True,
        help_text=_("In plain words: what is different now because of this action."),
    )
    outcome_easy_read = models.TextField(
        _("easy read version (optional)"),
        max_length=2000,
        blank=True,
        help_text=_("Short sentences, one idea in each."),
    )
    # The day it was first marked done; kept if it is reopened, so members are told once.
    done_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["cycle", "status"])]

    def __str__(self) -> str:
        return self.description

    @property
    def is_done(self) -> bool:
        return self.status == ActionStatus.DONE

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES

    def is_overdue(self, today) -> bool:
        return self.is_open and self.due_on < today


# Still to be done: counted as open, and overdue once past the due date.
OPEN_ACTION_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)
