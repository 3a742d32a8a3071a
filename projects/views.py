from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, JSONField, OuterRef, Q, Subquery
from django.db.models.functions import JSONObject
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accessibility.reading import easy_read_missing
from accounts.models import shown_name
from coproduce.bidi import isolate
from coproduce.pagination import page_of

from . import services
from .access import (
    CO_CHAIR_ROLES,
    Can,
    get_meeting_for_user,
    get_member_without_email,
    get_project_access,
    may_manage,
)
from .forms import (
    AttendanceRecordForm,
    ConnectAccountForm,
    InvitationForm,
    MeetingCancelForm,
    MeetingForm,
    MemberStandingForm,
    MemberWithoutEmailForm,
    OnBehalfConsentForm,
    ProjectForm,
    ProjectStatusForm,
    RoleForm,
    RsvpForm,
)
from .models import Attendance, Invitation, Meeting, Membership, ProjectStatus, Role, Rsvp

# The overview names a few members; the members page lists them all, a page at a time.
MEMBERS_ON_OVERVIEW = 12


def _members(project):
    return Membership.objects.active().filter(project=project).select_related("user")


def _with_answer_counts(meetings):
    return meetings.annotate(
        coming_count=Count("attendances", filter=Q(attendances__rsvp=Rsvp.YES))
    )


@login_required
def project_create(request):
    if not request.user.has_perm("projects.start_project"):
        return render(request, "projects/project_create_refused.html", status=403)
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        project = services.project_create(project=form.instance, created_by=request.user)
        messages.success(request, _("Project created. You are its commissioner."))
        return redirect("project-detail", project.pk)
    return render(request, "projects/project_create.html", {"form": form})


@login_required
def project_detail(request, project_id):
    access = get_project_access(request, project_id)
    project = access.project
    upcoming = _with_answer_counts(project.meetings.upcoming())[:5]
    members = _members(project)
    return render(
        request,
        "projects/project_detail.html",
        {
            "access": access,
            "project": project,
            "members": members[:MEMBERS_ON_OVERVIEW],
            "member_count": members.count(),
            "upcoming_meetings": upcoming,
            "easy_read_missing": easy_read_missing(
                access, has_easy_read=bool(project.easy_read_summary.strip())
            ),
        },
    )


@login_required
def project_edit(request, project_id):
    access = get_project_access(request, project_id, need=Can.EDIT_PROJECT)
    if access.project.status == ProjectStatus.CLOSED:
        return render(
            request, "projects/project_closed.html", {"access": access, "project": access.project}
        )
    before = access.project.status
    form = ProjectForm(request.POST or None, instance=access.project)
    status_form = ProjectStatusForm(request.POST or None, instance=access.project, prefix="s")
    if request.method == "POST" and form.is_valid() and status_form.is_valid():
        form.save()
        status_form.save()
        if access.project.status != before:
            services.project_status_record(
                project=access.project, before=before, after=access.project.status, by=request.user
            )
        messages.success(request, _("Project details saved."))
        return redirect("project-detail", access.project.pk)
    return render(
        request,
        "projects/project_edit.html",
        {"access": access, "project": access.project, "form": form, "status_form": status_form},
    )


@login_required
@require_POST
def project_reopen(request, project_id):
    """A commissioner makes a closed project active again."""
    access = get_project_access(request, project_id, need=Can.REOPEN_PROJECT)
    if services.project_reopen(project=access.project, by=request.user):
        messages.success(request, _("The project is open again. Members can make changes."))
    return redirect("project-detail", access.project.pk)


@login_required
def member_list(request, project_id):
    access = get_project_access(request, project_id)
    invitations = None
    if access.can(Can.INVITE_MEMBERS):
        invitations = access.project.invitations.filter(
            accepted_at__isnull=True, revoked_at__isnull=True
        ).select_related("invited_by")
    counts = dict(
        Membership.objects.active()
        .filter(project=access.project)
        .order_by()
        .values_list("role")
        .annotate(n=Count("pk"))
    )
    return render(
        request,
        "projects/member_list.html",
        {
            "access": access,
            "project": access.project,
            "members": page_of(request, _members(access.project)),
            "invitations": invitations,
            # Who is in the group by role, and which roles nobody holds yet.
            "by_role": [(label, counts.get(role, 0)) for role, label in Role.choices],
        },
    )


@login_required
def invitation_create(request, project_id):
    access = get_project_access(request, project_id, need=Can.INVITE_MEMBERS)
    form = InvitationForm(
        request.POST or None, project=access.project, roles=access.manageable_roles
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                project=access.project,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("member-list", access.project.pk)
    return render(
        request,
        "projects/invitation_create.html",
        {"access": access, "project": access.project, "form": form},
    )


@login_required
def member_add_without_email(request, project_id):
    access = get_project_access(request, project_id, need=Can.INVITE_MEMBERS)
    form = MemberWithoutEmailForm(request.POST or None, roles=access.manageable_roles)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        membership = services.member_add_without_email(
            project=access.project,
            preferred_name=data["preferred_name"],
            full_name=data["full_name"],
            role=data["role"],
            by_phone="phone" in data["contact_by"],
            by_post="post" in data["contact_by"],
            phone=data["phone"].strip(),
            postal_address=data["postal_address"].strip(),
            consent=data["consent"],
            added_by=request.user,
        )
        messages.success(
            request, _("%(name)s added.") % {"name": isolate(membership.user.display_name)}
        )
        return redirect("member-without-email", access.project.pk, membership.pk)
    return render(
        request,
        "projects/member_add_without_email.html",
        {"access": access, "project": access.project, "form": form},
    )


@login_required
def member_without_email(request, project_id, membership_id):
    """What was recorded for a member without email, with their agreement, and connecting an
    account when they get an email address."""
    from accessibility.models import AccessProfile, NeedGroup
    from expenses.models import BankDetailsChange, PaymentChoice

    access = get_project_access(request, project_id, need=Can.INVITE_MEMBERS)
    membership = get_member_without_email(access, membership_id)
    records = list(membership.recorded_on_behalf.select_related("recorded_by"))
    form = ConnectAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                project=access.project,
                email=form.cleaned_data["email"],
                role=membership.role,
                invited_by=request.user,
                claims=membership.user,
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error("email", getattr(error, "messages", [_("You cannot do this")])[0])
        else:
            messages.success(
                request,
                _("We have emailed %(email)s a link to set up the account.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("member-list", access.project.pk)
    return render(
        request,
        "projects/member_without_email.html",
        {
            "access": access,
            "project": access.project,
            "member": membership,
            "profile": AccessProfile.objects.filter(user=membership.user).first(),
            "records": records,
            "form": form,
            "need_groups": NeedGroup.objects.all() if access.can(Can.ARRANGE_ACCESS) else (),
            "may_record_payment": access.can(Can.CLAIM_ON_BEHALF),
            "payment_choice": PaymentChoice.objects.filter(user=membership.user).first(),
            "payment_awaiting": BankDetailsChange.objects.filter(
                user=membership.user, awaiting_confirmation=True
            ).exists(),
        },
    )


@login_required
def member_needs_on_behalf(request, project_id, membership_id, group_code):
    """A facilitator records a member's access needs as the member told them."""
    from accessibility.forms import NeedsForm
    from accessibility.models import Need, NeedGroup, ProfileNeed
    from accessibility.services import views_log

    access = get_project_access(request, project_id, need=Can.ARRANGE_ACCESS)
    membership = get_member_without_email(access, membership_id)
    group = get_object_or_404(NeedGroup, code=group_code)
    existing = {
        pn.need_id: pn
        for pn in ProfileNeed.objects.filter(profile__user=membership.user, need__group=group)
    }
    if existing and request.method == "GET":
        views_log(
            viewer=request.user,
            subject_ids=[membership.user_id],
            project=access.project,
            viewed_on="recording needs on their behalf",
        )
    posted = request.POST if request.method == "POST" else None
    form = NeedsForm(
        posted,
        needs=list(Need.objects.filter(group=group, is_active=True)),
        existing=existing,
        for_someone_else=True,
    )
    consent = OnBehalfConsentForm(posted, prefix="c")
    if posted is not None and form.is_valid() and consent.is_valid():
        try:
            services.member_needs_record(
                membership=membership,
                group=group,
                answers=form.answers(),
                consent=consent.cleaned_data["consent"],
                recorded_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(group)s: saved.") % {"group": group.shown_title})
            return redirect("member-without-email", access.project.pk, membership.pk)
    return render(
        request,
        "projects/member_needs_on_behalf.html",
        {
            "access": access,
            "project": access.project,
            "member": membership,
            "group": group,
            "form": form,
            "consent": consent,
        },
    )


@login_required
@require_POST
def invitation_revoke(request, project_id, invitation_id):
    access = get_project_access(request, project_id, need=Can.INVITE_MEMBERS)
    invitation = get_object_or_404(Invitation, project=access.project, pk=invitation_id)
    services.invitation_revoke(invitation=invitation)
    messages.success(request, _("Invitation to %(email)s cancelled.") % {"email": invitation.email})
    return redirect("member-list", access.project.pk)


def _membership_in(access, membership_id):
    return get_object_or_404(
        Membership.objects.active().select_related("user"),
        project=access.project,
        pk=membership_id,
    )


def _managed_membership(access, membership_id):
    """A member whose role `access`'s member may change: 403 for themself, and for a role above
    theirs (only a commissioner changes a commissioner or a facilitator)."""
    membership = _membership_in(access, membership_id)
    if not may_manage(access.membership, membership):
        raise PermissionDenied
    return membership


@login_required
def member_role_change(request, project_id, membership_id):
    access = get_project_access(request, project_id, need=Can.MANAGE_MEMBERS)
    membership = _managed_membership(access, membership_id)
    form = RoleForm(request.POST or None, instance=membership, roles=access.manageable_roles)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_change_role(
                membership=membership, role=form.cleaned_data["role"], changed_by=request.user
            )
        except ValidationError as error:
            form.add_error("role", error)
        else:
            messages.success(request, _("Role changed."))
            return redirect("member-list", access.project.pk)
    return render(
        request,
        "projects/member_role_change.html",
        {"access": access, "project": access.project, "member": membership, "form": form},
    )


@login_required
def member_standing(request, project_id, membership_id):
    """A member's lived experience, and whether they co-chair."""
    access = get_project_access(request, project_id, need=Can.MANAGE_MEMBERS)
    membership = _managed_membership(access, membership_id)
    may_co_chair = membership.role in CO_CHAIR_ROLES
    initial = {
        "lived_experience": "yes" if membership.has_lived_experience else "no",
        "co_chair": "yes" if membership.co_chair else "no",
    }
    form = MemberStandingForm(request.POST or None, initial=initial, may_co_chair=may_co_chair)
    if request.method == "POST" and form.is_valid():
        services.membership_record_lived_experience(
            membership=membership,
            lived_experience=form.cleaned_data["lived_experience"] == "yes",
            changed_by=request.user,
        )
        if may_co_chair:
            services.membership_set_co_chair(
                membership=membership,
                co_chair=form.cleaned_data["co_chair"] == "yes",
                changed_by=request.user,
            )
        messages.success(request, _("Saved."))
        return redirect("member-list", access.project.pk)
    return render(
        request,
        "projects/member_standing.html",
        {"access": access, "project": access.project, "member": membership, "form": form},
    )


@login_required
def member_remove(request, project_id, membership_id):
    """Confirm (GET) and remove (POST) a member, or leave the project when it is yourself."""
    own = Membership.objects.filter(pk=membership_id, user=request.user).exists()
    access = get_project_access(
        request, project_id, need=Can.VIEW_PROJECT if own else Can.MANAGE_MEMBERS
    )
    membership = (
        _membership_in(access, membership_id) if own else _managed_membership(access, membership_id)
    )
    error = None
    if request.method == "POST":
        try:
            services.membership_end(membership=membership, ended_by=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            if own:
                messages.success(
                    request,
                    _("You have left %(project)s.") % {"project": isolate(access.project.title)},
                )
                return redirect("home")
            messages.success(
                request, _("%(name)s removed.") % {"name": isolate(membership.user.display_name)}
            )
            return redirect("member-list", access.project.pk)
    return render(
        request,
        "projects/member_remove.html",
        {
            "access": access,
            "project": access.project,
            "member": membership,
            "own": own,
            "error": error,
        },
        status=400 if error else 200,
    )


@login_required
def meeting_list(request, project_id):
    access = get_project_access(request, project_id)
    meetings = _with_answer_counts(access.project.meetings.all())
    return render(
        request,
        "projects/meeting_list.html",
        {
            "access": access,
            "project": access.project,
            "upcoming": meetings.upcoming(),
            "past": meetings.past(),
        },
    )


@login_required
def meeting_create(request, project_id):
    access = get_project_access(request, project_id, need=Can.SCHEDULE_MEETINGS)
    form = MeetingForm(
        request.POST or None, instance=Meeting(project=access.project, created_by=request.user)
    )
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_save(meeting=form.instance)
        messages.success(request, _("Meeting scheduled."))
        return redirect("meeting-detail", access.project.pk, meeting.pk)
    return render(
        request,
        "projects/meeting_form.html",
        {"access": access, "project": access.project, "form": form},
    )


@login_required
def meeting_edit(request, project_id, meeting_id):
    access, meeting = get_meeting_for_user(
        request, project_id, meeting_id, need=Can.SCHEDULE_MEETINGS
    )
    if meeting.cancelled_at:
        raise Http404
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        services.meeting_save(meeting=form.instance, changed_by=request.user)
        messages.success(request, _("Meeting details saved."))
        return redirect("meeting-detail", access.project.pk, meeting.pk)
    return render(
        request,
        "projects/meeting_form.html",
        {"access": access, "project": access.project, "meeting": meeting, "form": form},
    )


@login_required
@require_POST
def meeting_papers_ready(request, project_id, meeting_id):
    access, meeting = get_meeting_for_user(
        request, project_id, meeting_id, need=Can.SCHEDULE_MEETINGS
    )
    if services.meeting_papers_ready(meeting=meeting):
        messages.success(request, _("Members will be told the papers are ready."))
    else:
        messages.info(request, _("Members were already told the papers are ready."))
    return redirect("meeting-detail", access.project.pk, meeting.pk)


@login_required
def meeting_detail(request, project_id, meeting_id):
    access, meeting = get_meeting_for_user(
        request, project_id, meeting_id, meetings=_with_answers(Meeting.objects, request.user)
    )
    mine = None
    if meeting.my_answer:
        mine = Attendance(meeting=meeting, user=request.user, **meeting.my_answer)
    answers = None
    if access.can(Can.SCHEDULE_MEETINGS):
        # 25 a page: a meeting may be for a thousand members.
        answers = page_of(
            request,
            Attendance.objects.filter(meeting=meeting)
            .select_related("user")
            .order_by(shown_name("user__"), "pk"),
            param="answers",
            count=meeting.answer_count,
        )
    return render(
        request,
        "projects/meeting_detail.html",
        {
            "access": access,
            "project": access.project,
            "meeting": meeting,
            "answers": answers,
            "my_answer": mine,
            "for_me": meeting.is_for(access.membership),
            "coming_count": meeting.coming_count,
            "easy_read_missing": easy_read_missing(
                access, has_easy_read=bool(meeting.easy_read_agenda.strip())
            ),
        },
    )


def _with_answers(meetings, user):
    """`meetings` with how many members answered (answer_count) and said yes (coming_count),
    and `user`'s own answer (my_answer: its fields, or None), in the meetings' own query."""
    mine = Attendance.objects.filter(meeting=OuterRef("pk"), user=user).values(
        answer=JSONObject(
            id="pk",
            rsvp="rsvp",
            mode="mode",
            answer_outdated="answer_outdated",
            attended="attended",
        )
    )
    return meetings.annotate(
        answer_count=Count("attendances"),
        coming_count=Count("attendances", filter=Q(attendances__rsvp=Rsvp.YES)),
        my_answer=Subquery(mine[:1], output_field=JSONField()),
    )


@login_required
def meeting_cancel(request, project_id, meeting_id):
    """Confirm (GET) and cancel (POST) a meeting that has not started."""
    access, meeting = get_meeting_for_user(
        request, project_id, meeting_id, need=Can.SCHEDULE_MEETINGS
    )
    if meeting.cancelled_at or meeting.has_started:
        raise Http404
    form = MeetingCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.meeting_cancel(
            meeting=meeting, reason=form.cleaned_data["reason"], cancelled_by=request.user
        )
        messages.success(request, _("Meeting cancelled. Members will be told."))
        return redirect("meeting-detail", access.project.pk, meeting.pk)
    return render(
        request,
        "projects/meeting_cancel.html",
        {"access": access, "project": access.project, "meeting": meeting, "form": form},
    )


@login_required
def meeting_answer(request, project_id, meeting_id):
    access, meeting = get_meeting_for_user(request, project_id, meeting_id, need=Can.ANSWER_MEETING)
    if meeting.is_past or meeting.cancelled_at:
        raise Http404
    if not meeting.is_for(access.membership):
        raise PermissionDenied
    current = Attendance.objects.filter(meeting=meeting, user=request.user).first()
    initial = {"rsvp": current.rsvp, "mode": current.mode} if current else None
    form = RsvpForm(request.POST or None, initial=initial, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        services.attendance_answer(
            meeting=meeting,
            user=request.user,
            rsvp=form.cleaned_data["rsvp"],
            mode=form.cleaned_data["mode"],
        )
        messages.success(request, _("Thank you. Your answer is saved."))
        return redirect("meeting-detail", access.project.pk, meeting.pk)
    return render(
        request,
        "projects/meeting_answer.html",
        {"access": access, "project": access.project, "meeting": meeting, "form": form},
    )


@login_required
def attendance_record(request, project_id, meeting_id):
    access, meeting = get_meeting_for_user(
        request, project_id, meeting_id, need=Can.RECORD_ATTENDANCE
    )
    members = list(_members(access.project).in_audience(meeting.audience))
    attended = Attendance.objects.filter(meeting=meeting, attended=True).values_list(
        "user_id", flat=True
    )
    form = AttendanceRecordForm(
        request.POST or None,
        members=members,
        initial={"attended": [str(i) for i in attended]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(
                meeting=meeting,
                attended_user_ids={int(i) for i in form.cleaned_data["attended"]},
                recorded_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Attendance saved."))
            return redirect("meeting-detail", access.project.pk, meeting.pk)
    return render(
        request,
        "projects/attendance_record.html",
        {"access": access, "project": access.project, "meeting": meeting, "form": form},
    )
