"""Every write to projects, members, invitations and meetings.

Views call these after checking access; they hold the rules (last commissioner, invitation
validity) so that the admin, the demo seeder and the views all obey the same ones.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import Action
from audit.services import record
from coproduce.tasks import enqueue_after_commit
from reminders.models import Kind
from reminders.notices import notice_record

from .access import CO_CHAIR_ROLES, may_manage, roles_managed_by
from .models import (
    LIVED_EXPERIENCE_ROLES,
    Attendance,
    Invitation,
    Meeting,
    Membership,
    Project,
    ProjectStatus,
    RecordedFor,
    RecordedOnBehalf,
    Role,
    Rsvp,
)

# Marks a co-chair in a role-change notice's occurrence ("person>person+co_chair").
CO_CHAIR_MARK = "+co_chair"


@transaction.atomic
def project_create(*, project: Project, created_by) -> Project:
    """Save a new (validated, unsaved) project; its creator becomes its first commissioner."""
    project.created_by = created_by
    project.save()
    Membership.objects.create(
        project=project, user=created_by, role=Role.COMMISSIONER, lived_experience=False
    )
    return project


@transaction.atomic
def project_reopen(*, project: Project, by) -> bool:
    """Make a closed project active again, in the project's record. Returns whether it was
    closed (reopening it twice records it once)."""
    reopened = bool(
        Project.objects.filter(pk=project.pk, status=ProjectStatus.CLOSED).update(
            status=ProjectStatus.ACTIVE
        )
    )
    if reopened:
        project_status_record(
            project=project, before=ProjectStatus.CLOSED, after=ProjectStatus.ACTIVE, by=by
        )
    return reopened


def project_status_record(*, project: Project, before: str, after: str, by) -> None:
    """Put a change of the project's status in its record, which its commissioners read: who
    started, closed or reopened it, and when."""
    record(
        Action.PROJECT_STATUS_CHANGED,
        actor=by,
        project=project,
        target=f"project:{project.pk}",
        detail=f"from {before} to {after}",
    )


def _active_member_with_email(project: Project, email: str) -> bool:
    return Membership.objects.active().filter(project=project, user__email__iexact=email).exists()


def _manager(project_id: int, user) -> Membership:
    """The active membership through which `user` manages members; PermissionDenied without
    one. Checked here as well as in the views, so no path (form, admin, script) skips it."""
    manager = Membership.objects.active().filter(project_id=project_id, user=user).first()
    if manager is None:
        raise PermissionDenied
    return manager


@transaction.atomic
def member_add_without_email(
    *,
    project: Project,
    preferred_name: str,
    full_name: str,
    role: str,
    by_phone: bool,
    by_post: bool,
    phone: str,
    postal_address: str,
    consent: str,
    added_by,
) -> Membership:
    """Add a member who has no email address (or no internet): a person record that cannot sign
    in, with the contact details they agreed the facilitator may keep, so that their reminders
    become phone or post tasks for the facilitator (accessibility.contact: channel "todo").
    Who recorded it and how the person agreed is kept (RecordedOnBehalf) and audited.
    PermissionDenied if `added_by` may not give `role`."""
    from accessibility.models import AccessProfile

    if role not in roles_managed_by(_manager(project.pk, added_by).role):
        raise PermissionDenied
    user = User.objects.create_without_email(preferred_name=preferred_name, full_name=full_name)
    membership = Membership.objects.create(
        project=project, user=user, role=role, lived_experience=role in LIVED_EXPERIENCE_ROLES
    )
    AccessProfile.objects.create(
        user=user,
        by_email=False,
        by_phone=by_phone,
        by_post=by_post,
        phone=phone,
        postal_address=postal_address,
    )
    RecordedOnBehalf.objects.create(
        membership=membership, what=RecordedFor.CONTACT, consent=consent, recorded_by=added_by
    )
    record(
        Action.MEMBER_JOINED,
        actor=added_by,
        subject=user,
        project=project,
        detail=f"{Role(role).label}, added without email",
    )
    return membership


@transaction.atomic
def member_needs_record(
    *, membership: Membership, group, answers: dict, consent: str, recorded_by
) -> None:
    """Record, for a member without email, their access needs in one situation (`group`,
    `answers` as accessibility.services.profile_needs_set takes them) as they told
    `recorded_by`, and share them in full with this project, as they agreed (`consent`,
    kept with who recorded it). ValidationError for a member who has an email address: they
    record their own."""
    from accessibility.models import ShareLevel
    from accessibility.services import profile_needs_set, sharing_set

    if membership.user.email:
        raise ValidationError(_("This member records their own access needs."))
    profile_needs_set(user=membership.user, group=group, answers=answers)
    sharing_set(user=membership.user, project=membership.project, level=ShareLevel.EVERYTHING)
    RecordedOnBehalf.objects.create(
        membership=membership,
        what=RecordedFor.ACCESS_NEEDS,
        consent=consent,
        recorded_by=recorded_by,
    )


@transaction.atomic
def invitation_claim(*, invitation: Invitation, password: str) -> User:
    """Give a member who had no email address an account of their own: the invitation's
    address (proved theirs by following the link) and a password, on the record the project
    already holds, so everything recorded for them stays theirs. ValidationError if the
    invitation no longer works or the address has an account by now."""
    from allauth.account.models import EmailAddress

    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    problem = invitation_problem(invitation)
    if problem:
        raise ValidationError(problem)
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(_("This email address already has an account."))
    user = User.objects.select_for_update().get(pk=invitation.claims_id)
    user.email = invitation.email
    user.set_password(password)
    user.save(update_fields=["email", "password"])
    EmailAddress.objects.create(user=user, email=invitation.email, verified=True, primary=True)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    record(
        Action.MEMBER_JOINED,
        actor=user,
        subject=user,
        project=invitation.project,
        detail="account connected",
    )
    return user


@transaction.atomic
def invitation_create(
    *, project: Project, email: str, role: str, invited_by, claims=None
) -> Invitation:
    """Invite `email` to `project` in `role` and email them a link after commit.

    An open invitation to the same address is replaced (its link stops working), so inviting
    again is how a lost email is re-sent. Raises ValidationError if they are already a member,
    PermissionDenied if `invited_by` may not give `role` (only a commissioner invites a
    commissioner or a facilitator). With `claims` (a member without an email address), the
    invitation connects an account to that member instead (invitation_claim).
    """
    from .tasks import send_invitation_email

    if role not in roles_managed_by(_manager(project.pk, invited_by).role):
        raise PermissionDenied
    if _active_member_with_email(project, email):
        raise ValidationError(_("This person is already a member of the project."))
    if claims is not None and User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            _(
                "This email address already has an account. Ask the person which address "
                "to use, or remove this record and invite that account instead."
            )
        )
    now = timezone.now()
    Invitation.objects.select_for_update().filter(
        project=project, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    invitation = Invitation.objects.create(
        project=project,
        email=email,
        role=role,
        token=secrets.token_urlsafe(32),
        invited_by=invited_by,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
        claims=claims,
    )
    enqueue_after_commit(send_invitation_email, invitation.pk)
    return invitation


def invitation_revoke(*, invitation: Invitation) -> None:
    """Stop an open invitation's link from working. Revoking twice changes nothing."""
    Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())


def invitation_problem(invitation: Invitation, user=None) -> str | None:
    """Why `user` (or, with no user, anybody) may not accept `invitation`; None if they may."""
    if invitation.accepted_at:
        return _("This invitation has already been used.")
    if invitation.revoked_at:
        return _(
            "This invitation has been cancelled. Ask the person who invited you for a new one."
        )
    if invitation.is_expired:
        return _("This invitation has expired. Ask the person who invited you for a new one.")
    if user is not None and user.email.lower() != invitation.email.lower():
        return _(
            "This invitation was sent to a different email address. Sign in with the address "
            "the invitation was sent to."
        )
    return None


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    """Make `user` a member in the invited role.

    Locks the invitation row so that two tabs accepting at once make one membership. A person
    who left the project earlier rejoins on their old membership row.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    problem = invitation_problem(invitation, user)
    if problem:
        raise ValidationError(problem)
    membership, created = Membership.objects.get_or_create(
        project=invitation.project,
        user=user,
        defaults={
            "role": invitation.role,
            "lived_experience": invitation.role in LIVED_EXPERIENCE_ROLES,
        },
    )
    if not created:
        if membership.is_active:
            raise ValidationError(_("You are already a member of this project."))
        membership.role = invitation.role
        membership.left_at = None
        membership.joined_at = timezone.now()
        membership.save(update_fields=["role", "left_at", "joined_at"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    record(
        Action.MEMBER_JOINED,
        actor=user,
        subject=user,
        project=invitation.project,
        detail=membership.get_role_display(),
    )
    return membership


def _lock_project_members(membership: Membership) -> Membership:
    """Lock the project row, then re-read the membership.

    Every change to who is a commissioner takes this one lock first, so two commissioners
    leaving at the same moment are serialised instead of each seeing the other still there
    (or deadlocking on each other's rows).
    """
    Project.objects.select_for_update().filter(pk=membership.project_id).first()
    return Membership.objects.get(pk=membership.pk)


def _other_active_commissioners(membership: Membership) -> bool:
    return (
        Membership.objects.active()
        .filter(project_id=membership.project_id, role=Role.COMMISSIONER)
        .exclude(pk=membership.pk)
        .exists()
    )


def _tell_role_change(membership: Membership, entry, changed_by, *, occurrence: str) -> None:
    """Tell the member and the commissioners (but not whoever made it) of a change of role,
    whose audit entry is `entry` and occurrence "<before>><after>"."""
    commissioners = (
        Membership.objects.active()
        .filter(project_id=membership.project_id, role=Role.COMMISSIONER)
        .values_list("user_id", flat=True)
    )
    notice_record(
        kind=Kind.ROLE_CHANGED,
        recipient_ids=({membership.user_id} | set(commissioners)) - {changed_by.pk},
        subject=f"audit:{entry.pk}",
        occurrence=occurrence,
        project_id=membership.project_id,
    )


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, changed_by) -> Membership:
    """Change a member's role, and tell them and the project's commissioners.

    PermissionDenied unless `changed_by` may manage both the member's present role and the new
    one (`projects.access.ROLES_MANAGED_BY`); nobody changes their own role. So only another
    commissioner can change a commissioner's role, and a project always keeps one.
    """
    membership = _lock_project_members(membership)
    manager = _manager(membership.project_id, changed_by)
    if not may_manage(manager, membership) or role not in roles_managed_by(manager.role):
        raise PermissionDenied
    before = membership.role
    if before == role:
        return membership
    # Who they are does not change with what they do: fix it from the old role if it was
    # never recorded, before the role it falls back on changes.
    membership.lived_experience = membership.has_lived_experience
    membership.role = role
    # Only a person who draws on care, or a carer, co-chairs (projects.access.CO_CHAIR_ROLES).
    membership.co_chair = membership.co_chair and role in CO_CHAIR_ROLES
    membership.save(update_fields=["role", "co_chair", "lived_experience"])
    entry = record(
        Action.ROLE_CHANGED,
        actor=changed_by,
        subject=membership.user,
        project=membership.project,
        detail=f"{Role(before).label} to {Role(role).label}",
    )
    _tell_role_change(membership, entry, changed_by, occurrence=f"{before}>{role}")
    return membership


@transaction.atomic
def membership_record_lived_experience(
    *, membership: Membership, lived_experience: bool, changed_by
) -> Membership:
    """Record whether the member draws on care or is a carer, which decides their review group
    in reviews that open from now on. Audited; PermissionDenied unless `changed_by` may manage
    the member."""
    membership = _lock_project_members(membership)
    if not may_manage(_manager(membership.project_id, changed_by), membership):
        raise PermissionDenied
    if membership.lived_experience == lived_experience:
        return membership
    membership.lived_experience = lived_experience
    membership.save(update_fields=["lived_experience"])
    record(
        Action.ROLE_CHANGED,
        actor=changed_by,
        subject=membership.user,
        project=membership.project,
        detail=f"lived experience: {'yes' if lived_experience else 'no'}",
    )
    return membership


@transaction.atomic
def membership_set_co_chair(*, membership: Membership, co_chair: bool, changed_by) -> Membership:
    """Make a person who draws on care, or a carer, a co-chair, or stop them being one; audited,
    and told to them and the commissioners as a change of role is.

    PermissionDenied unless `changed_by` may manage the member (never themself, so nobody makes
    themself a co-chair); ValidationError for a member of any other role. Their review group
    does not change: it follows their lived experience, not what they do in the project.
    """
    membership = _lock_project_members(membership)
    if not may_manage(_manager(membership.project_id, changed_by), membership):
        raise PermissionDenied
    if co_chair and membership.role not in CO_CHAIR_ROLES:
        raise ValidationError(
            _("Only a person who draws on care and support, or a carer, can be a co-chair.")
        )
    if membership.co_chair == co_chair:
        return membership
    membership.co_chair = co_chair
    membership.save(update_fields=["co_chair"])
    entry = record(
        Action.ROLE_CHANGED,
        actor=changed_by,
        subject=membership.user,
        project=membership.project,
        detail="made co-chair" if co_chair else "no longer co-chair",
    )
    role, mark = membership.role, CO_CHAIR_MARK
    occurrence = f"{role}{mark}>{role}" if not co_chair else f"{role}>{role}{mark}"
    _tell_role_change(membership, entry, changed_by, occurrence=occurrence)
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, ended_by) -> None:
    """A member leaves or is removed. The last commissioner cannot go. Removing someone else
    needs the same right as changing their role (PermissionDenied otherwise)."""
    membership = _lock_project_members(membership)
    if not membership.is_active:
        return
    if ended_by.pk != membership.user_id and not may_manage(
        _manager(membership.project_id, ended_by), membership
    ):
        raise PermissionDenied
    if membership.role == Role.COMMISSIONER and not _other_active_commissioners(membership):
        raise ValidationError(
            _("A project needs at least one commissioner. Add another commissioner first.")
        )
    membership.left_at = timezone.now()
    membership.save(update_fields=["left_at"])
    record(
        Action.MEMBER_LEFT,
        actor=ended_by,
        subject=membership.user,
        project=membership.project,
        detail="left" if ended_by == membership.user else "removed",
    )


# What a member relies on when they say they are coming and a facilitator arranges their needs.
_WHEN = ("starts_at", "ends_at")
_WHERE = ("venue_address", "venue_access_information", "joining_details")


def _members_but(meeting: Meeting, user) -> set[int]:
    """Who the meeting is for, but `user`."""
    return set(
        Membership.objects.active()
        .filter(project_id=meeting.project_id)
        .in_audience(meeting.audience)
        .exclude(user=user)
        .values_list("user_id", flat=True)
    )


def _drop_answers_outside_audience(meeting: Meeting) -> None:
    """Once a meeting is for fewer members, the others' answers and the arrangements made for
    them go (not whether they attended, which payments rely on)."""
    from accessibility.models import Arrangement

    invited = (
        Membership.objects.active()
        .filter(project_id=meeting.project_id)
        .in_audience(meeting.audience)
        .values("user_id")
    )
    Attendance.objects.filter(meeting=meeting, attended__isnull=True).exclude(
        user_id__in=invited
    ).delete()
    Arrangement.objects.filter(meeting=meeting).exclude(person_id__in=invited).delete()


@transaction.atomic
def meeting_save(*, meeting: Meeting, changed_by=None) -> Meeting:
    """Create or update a meeting from a validated form instance.

    When an existing meeting's time, place or format changes, its old promises go: access
    arrangements made for it are reopened (deleted, so the plan and the "not arranged" warning
    show the needs again), members are asked to answer again where their answer may no longer
    fit (every answer when the time or place changes; those taking part in a way the new
    format does not offer, whose way is cleared), and every member but `changed_by` is told
    once, on their own channel.
    """
    from accessibility.models import Arrangement

    before = Meeting.objects.select_for_update().get(pk=meeting.pk) if meeting.pk else None
    meeting.full_clean()
    meeting.save()
    if before is None:
        return meeting
    if before.audience != meeting.audience:
        _drop_answers_outside_audience(meeting)
    when = any(getattr(before, f) != getattr(meeting, f) for f in _WHEN)
    where = any(getattr(before, f) != getattr(meeting, f) for f in _WHERE)
    how = before.format != meeting.format
    if not (when or where or how):
        return meeting
    Arrangement.objects.filter(meeting=meeting).delete()
    answers = Attendance.objects.filter(meeting=meeting).exclude(rsvp="")
    # A way of taking part the meeting no longer offers is gone; the rest of the answer stays
    # (a "yes" keeps counting in the access plan) until the member answers again.
    answers.exclude(rsvp=Rsvp.NO).exclude(mode__in=meeting.modes).update(
        mode="", answer_outdated=True
    )
    if when or where:
        answers.update(answer_outdated=True)
    changed = "".join(flag for flag, yes in (("t", when), ("p", where), ("f", how)) if yes)
    notice_record(
        kind=Kind.MEETING_CHANGED,
        recipient_ids=_members_but(meeting, changed_by),
        subject=f"meeting:{meeting.pk}",
        occurrence=f"{changed}:{int(timezone.now().timestamp())}",
        project_id=meeting.project_id,
    )
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str, cancelled_by) -> bool:
    """Cancel a meeting that has not started, and tell every member but `cancelled_by` once.
    The meeting and whatever was claimed for it stay. Returns whether it changed (cancelling
    twice tells nobody twice)."""
    if meeting.has_started:
        raise ValidationError(_("A meeting that has started cannot be cancelled."))
    if not reason.strip():
        raise ValidationError(_("Say why the meeting is cancelled, so that members know."))
    cancelled = Meeting.objects.filter(pk=meeting.pk, cancelled_at__isnull=True).update(
        cancelled_at=timezone.now(), cancelled_reason=reason.strip()
    )
    if cancelled:
        notice_record(
            kind=Kind.MEETING_CANCELLED,
            recipient_ids=_members_but(meeting, cancelled_by),
            subject=f"meeting:{meeting.pk}",
            occurrence="cancelled",
            project_id=meeting.project_id,
        )
    return bool(cancelled)


def meeting_papers_ready(*, meeting: Meeting) -> bool:
    """Record that the papers are ready; members are then told (reminders' PapersReady). Only
    the first time counts, so a second click tells nobody twice. Returns whether it changed."""
    return bool(
        Meeting.objects.filter(pk=meeting.pk, papers_ready_at__isnull=True).update(
            papers_ready_at=timezone.now()
        )
    )


def attendance_answer(*, meeting: Meeting, user, rsvp: str, mode: str) -> Attendance:
    """Record whether a member is coming and how they will take part. PermissionDenied for a
    member the meeting is not for (Meeting.audience)."""
    membership = Membership.objects.active().filter(project_id=meeting.project_id, user=user)
    if not membership.in_audience(meeting.audience).exists():
        raise PermissionDenied
    attendance, _created = Attendance.objects.update_or_create(
        meeting=meeting,
        user=user,
        defaults={
            "rsvp": rsvp,
            "mode": mode,
            "answered_at": timezone.now(),
            "answer_outdated": False,
        },
    )
    return attendance


@transaction.atomic
def attendance_record(*, meeting: Meeting, attended_user_ids: set[int], recorded_by) -> None:
    """After a meeting has started, record who attended, for every active member, in one go.
    ValidationError before it starts: attendance is what time payments are claimed from."""
    now = timezone.now()
    if meeting.starts_at > now:
        raise ValidationError(_("You can record who came once the meeting has started."))
    member_ids = set(
        Membership.objects.active()
        .filter(project_id=meeting.project_id)
        .in_audience(meeting.audience)
        .values_list("user_id", flat=True)
    )
    existing = {a.user_id: a for a in Attendance.objects.filter(meeting=meeting)}
    to_create, to_update = [], []
    for user_id in member_ids:
        attended = user_id in attended_user_ids
        row = existing.get(user_id)
        if row is None:
            to_create.append(
                Attendance(
                    meeting=meeting,
                    user_id=user_id,
                    attended=attended,
                    attendance_recorded_by=recorded_by,
                    attendance_recorded_at=now,
                )
            )
        else:
            row.attended = attended
            row.attendance_recorded_by = recorded_by
            row.attendance_recorded_at = now
            to_update.append(row)
    Attendance.objects.bulk_create(to_create)
    Attendance.objects.bulk_update(
        to_update, ["attended", "attendance_recorded_by", "attendance_recorded_at"]
    )
