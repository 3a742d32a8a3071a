from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COMMISSIONER = "commissioner", _("Commissioner")
    FACILITATOR = "facilitator", _("Facilitator")
    PERSON = "person", _("Person who draws on care and support")
    CARER = "carer", _("Carer")
    PROFESSIONAL = "professional", _("Professional")


# People with lived experience, as against those who are there in a work role. Reviews compare
# the two groups' views.
LIVED_EXPERIENCE_ROLES = frozenset({Role.PERSON, Role.CARER})


class ProjectStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class ProjectQuerySet(models.QuerySet):
    def for_member(self, user):
        # A subquery rather than a join, so that counts annotated on the result count every
        # member, not just the one row the join keeps (it once said "1 member" everywhere).
        return self.filter(
            pk__in=Membership.objects.active().filter(user=user).values("project_id")
        )

    def with_member_count(self):
        """Each project's number of current members, as `member_count`."""
        members = (
            Membership.objects.active()
            .filter(project=OuterRef("pk"))
            .order_by()
            .values("project")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(member_count=Coalesce(Subquery(members), 0))


class Project(models.Model):
    title = models.CharField(_("project title"), max_length=200)
    summary = models.TextField(
        _("summary in plain English"),
        max_length=5000,
        help_text=_("What the project is about and why, in words anyone can follow."),
    )
    easy_read_summary = models.TextField(
        _("easy read summary (optional)"),
        max_length=5000,
        blank=True,
        help_text=_("Short sentences, one idea in each."),
    )
    aims = models.TextField(_("aims"), max_length=5000, blank=True)
    # The same words in Welsh, where given (coproduce/bilingual.py).
    summary_cy = models.TextField(
        _("summary in Welsh (optional)"), max_length=5000, blank=True, db_default=""
    )
    easy_read_summary_cy = models.TextField(
        _("easy read summary in Welsh (optional)"), max_length=5000, blank=True, db_default=""
    )
    aims_cy = models.TextField(
        _("aims in Welsh (optional)"), max_length=5000, blank=True, db_default=""
    )
    covers_co_design = models.BooleanField(_("co-design"), default=False)
    covers_co_decision = models.BooleanField(_("co-decision"), default=False)
    covers_co_delivery = models.BooleanField(_("co-delivery"), default=False)
    covers_co_evaluation = models.BooleanField(_("co-evaluation"), default=False)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus, default=ProjectStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]
        # Granted in the admin to the people who fund projects (a council's or NHS body's
        # commissioning staff): only they start one and become its first commissioner.
        permissions = [("start_project", "Can start a project as its commissioner")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="projects_project_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def stages(self) -> list[str]:
        """The kinds of co-production the project covers, as labels."""
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in (
                "covers_co_design",
                "covers_co_decision",
                "covers_co_delivery",
                "covers_co_evaluation",
            )
            if getattr(self, name)
        ]


# Lived experience as recorded on a membership (Membership.has_lived_experience), in SQL.
LIVED_EXPERIENCE = Q(lived_experience=True) | Q(
    lived_experience__isnull=True, role__in=LIVED_EXPERIENCE_ROLES
)


class Audience(models.TextChoices):
    """Who a meeting is for."""

    EVERYONE = "everyone", _("Every member")
    LIVED_EXPERIENCE = "lived_experience", _("Only people who draw on care and support, and carers")


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(left_at__isnull=True)

    def in_audience(self, audience: str):
        """The members a meeting for `audience` is for: its invitations, reminders, answers,
        access plan and attendance follow them."""
        if audience == Audience.LIVED_EXPERIENCE:
            return self.filter(LIVED_EXPERIENCE)
        return self


class Membership(models.Model):
    """A person's role in one project. Leaving keeps the row (signatures and claims refer to it)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role)
    # Who the person is, as against the part they play: whether they draw on care and support
    # or are a carer. Reviews group answers by it (reviews.models.review_group), so a person
    # who co-chairs, or becomes a facilitator, still counts with lived experience. Recorded
    # from the role they join in; None only on rows made without the services (tests, the
    # admin), which then go by the role.
    lived_experience = models.BooleanField(_("lived experience"), null=True, blank=True)
    # A person who draws on care, or a carer, who helps lead the project: they may schedule
    # meetings, edit the charter draft and manage reviews (projects.access.CO_CHAIR), but
    # gain nothing over members or money.
    co_chair = models.BooleanField(_("co-chair"), default=False, db_default=False)
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["joined_at", "id"]
        # A page of a big project's members in order, without sorting them all first.
        indexes = [models.Index(fields=["project", "joined_at", "id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "user"], name="projects_membership_one_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) in {self.project}"

    @property
    def is_active(self) -> bool:
        return self.left_at is None

    @property
    def role_label(self) -> str:
        """get_role_display() for lists: Django's hashes every choice's label on each call,
        about 0.1 ms, which a page of 50 members pays 50 times."""
        return Role(self.role).label

    @property
    def has_lived_experience(self) -> bool:
        if self.lived_experience is None:
            return self.role in LIVED_EXPERIENCE_ROLES
        return self.lived_experience


class Invitation(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=20, choices=Role)
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    # A member who had no email address: accepting the invitation makes this record their
    # account (with the address and a password), rather than a new one.
    claims = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # One open invitation per address per project: inviting again means re-sending.
            models.UniqueConstraint(
                "project",
                models.functions.Lower("email"),
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="projects_invitation_one_open_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.project}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired

    @property
    def state(self) -> str:
        if self.accepted_at:
            return _("Accepted")
        if self.revoked_at:
            return _("Revoked")
        if self.is_expired:
            return _("Expired")
        return _("Pending")


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    PHONE = "phone", _("Phone")
    HYBRID = "hybrid", _("Hybrid (in person and online)")


# How people may take part in a meeting of each format: an answer outside these no longer fits.
MODES_OF_FORMAT = {
    MeetingFormat.IN_PERSON: frozenset({"in_person"}),
    MeetingFormat.ONLINE: frozenset({"online"}),
    MeetingFormat.PHONE: frozenset({"phone"}),
    MeetingFormat.HYBRID: frozenset({"in_person", "online"}),
}


class MeetingQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at", "id")

    def past(self):
        return self.filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-id")


class Meeting(models.Model):
    """A meeting of a project. Times are stored in UTC and shown in Europe/London."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("meeting title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    format = models.CharField(_("how will people meet?"), max_length=20, choices=MeetingFormat)
    venue_address = models.TextField(_("venue address"), max_length=1000, blank=True)
    venue_access_information = models.TextField(
        _("access information for the venue"),
        max_length=3000,
        blank=True,
        help_text=_("For example step-free entrance, accessible toilet, hearing loop, parking."),
    )
    joining_details = models.TextField(
        _("how to join online or by phone"), max_length=2000, blank=True
    )
    audience = models.CharField(
        _("who is the meeting for?"),
        max_length=20,
        choices=Audience,
        default=Audience.EVERYONE,
        db_default=Audience.EVERYONE,
        help_text=_(
            "People with lived experience can meet on their own. Only they are invited, "
            "reminded and asked about their access needs."
        ),
    )
    planned_breaks = models.CharField(
        _("planned breaks"),
        max_length=500,
        blank=True,
        help_text=_("For example: a 15 minute break every hour."),
    )
    papers_sent_on = models.DateField(
        _("date papers will be sent"),
        null=True,
        blank=True,
        help_text=_("People need time to read papers before the meeting."),
    )
    # Set when a facilitator tells the members the papers are ready to read.
    papers_ready_at = models.DateTimeField(null=True, blank=True, editable=False)
    agenda = models.TextField(_("agenda"), max_length=10000, blank=True)
    easy_read_agenda = models.TextField(_("easy read agenda"), max_length=10000, blank=True)
    agenda_cy = models.TextField(
        _("agenda in Welsh (optional)"), max_length=10000, blank=True, db_default=""
    )
    easy_read_agenda_cy = models.TextField(
        _("easy read agenda in Welsh (optional)"), max_length=10000, blank=True, db_default=""
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # A cancelled meeting stays, with what people claimed for it (travel already booked).
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_reason = models.CharField(max_length=500, blank=True, editable=False)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="projects_meeting_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["project", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    def is_for(self, membership: "Membership") -> bool:
        """Whether the meeting is for this member (Audience); in Python what
        MembershipQuerySet.in_audience says in SQL."""
        if self.audience == Audience.LIVED_EXPERIENCE:
            return membership.has_lived_experience
        return True

    @property
    def modes(self) -> frozenset[str]:
        """How people may take part (ParticipationMode values)."""
        return MODES_OF_FORMAT.get(self.format, frozenset())


class Rsvp(models.TextChoices):
    YES = "yes", _("Yes, I am coming")
    NO = "no", _("No, I cannot come")
    MAYBE = "maybe", _("I do not know yet")


class ParticipationMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    PHONE = "phone", _("By phone")


class Attendance(models.Model):
    """A member's answer about one meeting, and afterwards whether they attended."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendances"
    )
    rsvp = models.CharField(_("are you coming?"), max_length=10, choices=Rsvp, blank=True)
    mode = models.CharField(
        _("how will you take part?"), max_length=20, choices=ParticipationMode, blank=True
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    # The answer was given before the meeting's time, place or format changed: the member is
    # asked to answer again. Until they do, a "yes" still counts, so needs are still arranged.
    answer_outdated = models.BooleanField(default=False)
    attended = models.BooleanField(null=True)
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"], name="projects_attendance_one_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.meeting}"

    # For the answers table, instead of get_rsvp_display() and get_mode_display(), which hash
    # every choice's label on each call (see Membership.role_label).
    @property
    def rsvp_label(self) -> str:
        return Rsvp(self.rsvp).label if self.rsvp else ""

    @property
    def mode_label(self) -> str:
        return ParticipationMode(self.mode).label if self.mode else ""


class RecordedFor(models.TextChoices):
    CONTACT = "contact", _("How to contact them")
    ACCESS_NEEDS = "access_needs", _("Access needs")
    PAYMENT = "payment", _("Payment details")


class RecordedOnBehalf(models.Model):
    """A facilitator recorded something for a member who has no email or internet, with their
    agreement: who recorded what, when, and how the member agreed."""

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="recorded_on_behalf"
    )
    what = models.CharField(max_length=20, choices=RecordedFor)
    consent = models.CharField(_("how did they agree?"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_what_display()} for {self.membership}"
