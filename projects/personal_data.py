from django.db.models import Q
from django.utils import timezone

from privacy.registry import OnErase, Section, register

from .models import Attendance, Invitation, Meeting, Membership, Project, RecordedOnBehalf


def _end_memberships(user):
    Membership.objects.active().filter(user=user).update(left_at=timezone.now())


register(
    Section(
        "Projects you created",
        Project,
        ("created_by",),
        ("title", "created_at"),
        on_erase=OnErase.KEEP,
        reason="Projects stay for their other members; they no longer show your name.",
    ),
    Section(
        "Your projects and roles",
        Membership,
        ("user",),
        ("project__title", "role", "joined_at", "left_at"),
        on_erase=OnErase.KEEP,
        reason="The project's record of who took part, which payments rely on; now without "
        "your name.",
    ),
    Section(
        "Invitations",
        Invitation,
        ("invited_by", "accepted_by", "claims"),
        ("project__title", "email", "role", "created_at", "accepted_at", "revoked_at"),
        extra=lambda user: Q(email__iexact=user.email),
        # Invitations you sent are about the people you invited, not you.
        keep_only=lambda rows, user: rows.filter(invited_by=user),
        reason="Invitations you sent to other people; they no longer show your name.",
    ),
    Section(
        "Meetings you scheduled",
        Meeting,
        ("created_by",),
        ("project__title", "title", "starts_at"),
        on_erase=OnErase.KEEP,
        reason="Meetings stay for the project's other members.",
    ),
    Section(
        "Meetings: your answers and attendance",
        Attendance,
        ("user", "attendance_recorded_by"),
        ("meeting__title", "meeting__starts_at", "rsvp", "mode", "attended"),
        on_erase=OnErase.KEEP,
        reason="The record of who came to meetings, which payments rely on; now without your name.",
    ),
    Section(
        "Details recorded for someone without email",
        RecordedOnBehalf,
        ("membership__user", "recorded_by"),
        ("membership__project__title", "what", "consent", "recorded_at"),
        on_erase=OnErase.KEEP,
        reason="The record of who wrote down details and how the person agreed; now without "
        "your name.",
    ),
    erase_step=_end_memberships,
)
