"""The person's own pages (their profile, sharing and who has seen it) and the facilitators'
pages (a project's shared needs, meeting access plans). Project pages load everything through
projects.access, and every view of someone else's needs is logged before the page is shown."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.models import Action, Entry
from coproduce.pagination import PER_PAGE, page_of
from projects.access import Can, get_meeting_for_user, get_project_access
from projects.models import Meeting, Membership

from . import reading, services
from .forms import AboutForm, ArrangementForm, ContactForm, NeedsForm, ShareForm
from .models import (
    Need,
    NeedGroup,
    ShareLevel,
    SharingConsent,
    ViewedOn,
)
from .plans import plan_for
from .sharing import shared_profiles


def _posted(request):
    """The submitted data, or None on GET. (An empty POST, when nothing optional was filled
    in, is still a submission: `request.POST or None` would treat it as a GET.)"""
    return request.POST if request.method == "POST" else None


def _groups_with_needs(profile):
    """The catalogue with the person's answers, for the overview and the printable page."""
    mine = {}
    if profile.pk:
        mine = {pn.need_id: pn for pn in profile.needs.all()}
    groups = []
    for group in NeedGroup.objects.prefetch_related("needs"):
        chosen = [(need, mine[need.pk]) for need in group.needs.all() if need.pk in mine]
        groups.append((group, chosen))
    return groups


@login_required
def profile_overview(request):
    profile = services.profile_for(request.user)
    return render(
        request,
        "accessibility/profile_overview.html",
        {"profile": profile, "groups": _groups_with_needs(profile)},
    )


@login_required
def profile_print(request):
    profile = services.profile_for(request.user)
    return render(
        request,
        "accessibility/profile_print.html",
        {"profile": profile, "groups": _groups_with_needs(profile)},
    )


@login_required
def profile_about(request):
    form = AboutForm(_posted(request), instance=services.profile_for(request.user))
    if request.method == "POST" and form.is_valid():
        services.profile_save(profile=form.instance)
        messages.success(request, _("Saved."))
        return redirect("access-profile")
    return render(request, "accessibility/profile_about.html", {"form": form})


@login_required
def profile_contact(request):
    form = ContactForm(_posted(request), instance=services.profile_for(request.user))
    if request.method == "POST" and form.is_valid():
        services.profile_save(profile=form.instance)
        reading.remember(request.session, form.instance.format)
        messages.success(request, _("Your contact preferences are saved."))
        return redirect("access-profile")
    return render(request, "accessibility/profile_contact.html", {"form": form})


@login_required
@require_POST
def format_switch(request):
    """Show the standard version for the rest of this session, or the person's own format
    again, then go back to the page they were on. A form, so that it works without JavaScript;
    the profile is not changed."""
    if request.POST.get("show") == "standard":
        request.session[reading.SHOW_STANDARD] = True
    else:
        request.session.pop(reading.SHOW_STANDARD, None)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = "home"
    return redirect(back)


@login_required
def profile_needs(request, group_code):
    group = get_object_or_404(NeedGroup, code=group_code)
    needs = list(Need.objects.filter(group=group, is_active=True))
    profile = services.profile_for(request.user)
    existing = {}
    if profile.pk:
        existing = {pn.need_id: pn for pn in profile.needs.filter(need__group=group)}
    form = NeedsForm(_posted(request), needs=needs, existing=existing)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_needs_set(user=request.user, group=group, answers=form.answers())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(group)s: saved.") % {"group": group.shown_title})
            following = NeedGroup.objects.filter(order__gt=group.order).first()
            if following and "next" in request.POST:
                return redirect("access-needs", following.code)
            return redirect("access-profile")
    following = NeedGroup.objects.filter(order__gt=group.order).first()
    return render(
        request,
        "accessibility/profile_needs.html",
        {"form": form, "group": group, "following": following},
    )


@login_required
@require_POST
def profile_confirm(request):
    services.profile_confirm(user=request.user)
    messages.success(request, _("Thank you. We will ask you again in 6 months."))
    return redirect("access-profile")


@login_required
def sharing_list(request):
    memberships = Membership.objects.active().filter(user=request.user).select_related("project")
    levels = dict(
        SharingConsent.objects.filter(user=request.user).values_list("project_id", "level")
    )
    rows = [
        (m.project, ShareLevel(levels.get(m.project_id, ShareLevel.NOTHING))) for m in memberships
    ]
    return render(request, "accessibility/sharing_list.html", {"rows": rows})


@login_required
def sharing_edit(request, project_id):
    access = get_project_access(request, project_id, need=Can.SHARE_ACCESS_NEEDS)
    current = SharingConsent.objects.filter(user=request.user, project=access.project).first()
    form = ShareForm(
        _posted(request),
        project=access.project,
        initial={"level": current.level if current else ShareLevel.NOTHING},
    )
    if request.method == "POST" and form.is_valid():
        try:
            consent = services.sharing_set(
                user=request.user, project=access.project, level=form.cleaned_data["level"]
            )
        except ValidationError as error:
            form.add_error("level", error)
        else:
            if consent.level == ShareLevel.NOTHING:
                text = _("You share nothing with %(project)s.")
            else:
                text = _("You share %(level)s with %(project)s.")
            messages.success(
                request,
                text % {"project": access.project.title, "level": _level_words(consent.level)},
            )
            return redirect("access-sharing")
    return render(
        request,
        "accessibility/sharing_edit.html",
        {"access": access, "project": access.project, "form": form},
    )


def _level_words(level: str) -> str:
    return {
        ShareLevel.SUMMARY: _("a summary of your access needs"),
        ShareLevel.EVERYTHING: _("everything in your access profile"),
    }.get(level, "")


# The page shows the latest views; older ones stay in the audit trail for its retention period.
VIEWS_SHOWN = 200


@login_required
def view_log_list(request):
    """Who has seen my access needs: the audit trail's entries of those views (the one record
    of them), with where each happened. Three queries however many views and meetings."""
    views = list(
        Entry.objects.filter(subject=request.user, action=Action.ACCESS_NEEDS_VIEWED)
        .select_related("actor", "project")
        .order_by("-at", "-id")[:VIEWS_SHOWN]
    )
    meeting_ids = {_meeting_id(view.target) for view in views} - {None}
    meetings = Meeting.objects.only("title").in_bulk(meeting_ids) if meeting_ids else {}
    rows = [
        {
            "entry": view,
            "where": ViewedOn(view.detail).label if view.detail in ViewedOn.values else "",
            "meeting": meetings.get(_meeting_id(view.target)),
        }
        for view in views
    ]
    return render(request, "accessibility/view_log_list.html", {"views": rows})


def _meeting_id(target: str) -> int | None:
    """The meeting of a view's entry, whose target is "meeting:<id>" (see services.views_log)."""
    kind, _sep, pk = target.partition(":")
    return int(pk) if kind == "meeting" and pk.isdigit() else None


@login_required
def project_access(request, project_id):
    """What members shared with the project, for its facilitators; each view is logged."""
    access = get_project_access(request, project_id, need=Can.VIEW_SHARED_ACCESS_NEEDS)
    people = shared_profiles(access.project)
    services.views_log(
        viewer=request.user,
        subject_ids=[p.user_id for p in people],
        project=access.project,
        viewed_on=ViewedOn.PROJECT_PAGE,
    )
    return render(
        request,
        "accessibility/project_access.html",
        {"access": access, "project": access.project, "people": people},
    )


# A need's first rows on a meeting's plan; the catalogue has about 30 needs, so a plan with
# them all stays a page a facilitator (or a screen reader) can get through.
PLAN_OVERVIEW_ROWS = 5


@login_required
def meeting_plan(request, project_id, meeting_id):
    access, meeting = get_meeting_for_user(
        request, project_id, meeting_id, need=Can.VIEW_SHARED_ACCESS_NEEDS
    )
    plan = plan_for(meeting)
    # A big meeting's plan is summarised: each need with its first PLAN_OVERVIEW_ROWS people
    # (those to arrange first) and a link to all of them, 25 a page (?need=). Only the people
    # shown are logged as seen.
    need = request.GET.get("need")
    per_page = PER_PAGE if need else PLAN_OVERVIEW_ROWS
    sections = [
        (item, page_of(request if need else None, item.entries, per_page=per_page))
        for item in plan.items
        if need is None or str(item.need.pk) == need
    ]
    if need is not None and not sections:  # a made-up need, or nobody needs it any more
        raise Http404
    services.views_log(
        viewer=request.user,
        subject_ids={entry.user_id for _item, page in sections for entry in page},
        project=access.project,
        meeting=meeting,
        viewed_on=ViewedOn.MEETING_PLAN,
    )
    return render(
        request,
        "accessibility/meeting_plan.html",
        {
            "access": access,
            "project": access.project,
            "meeting": meeting,
            "plan": plan,
            "sections": sections,
            "need": sections[0][0].need if need and sections else None,
        },
    )


@login_required
def arrangement_edit(request, project_id, meeting_id, need_id, ref):
    access, meeting = get_meeting_for_user(request, project_id, meeting_id, need=Can.ARRANGE_ACCESS)
    found = plan_for(meeting).entry(need_id, ref)
    if found is None:  # not (or no longer) in the plan: consent withdrawn, or a made-up link
        raise Http404
    item, entry = found
    services.views_log(
        viewer=request.user,
        subject_ids=[entry.user_id],
        project=access.project,
        meeting=meeting,
        viewed_on=ViewedOn.MEETING_PLAN,
    )
    initial = None
    if entry.arrangement:
        initial = {"status": entry.arrangement.status, "note": entry.arrangement.note}
    form = ArrangementForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.arrangement_set(
            meeting=meeting,
            person_id=entry.user_id,
            need=item.need,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"].strip(),
            decided_by=request.user,
        )
        messages.success(request, _("%(need)s: saved.") % {"need": item.need.shown_label})
        return redirect("meeting-access-plan", access.project.pk, meeting.pk)
    return render(
        request,
        "accessibility/arrangement_edit.html",
        {
            "access": access,
            "project": access.project,
            "meeting": meeting,
            "item": item,
            "entry": entry,
            "form": form,
        },
    )
