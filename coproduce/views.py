from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.permissions import holds_permission
from expenses.models import Claim, Status
from projects.access import ProjectClosed
from projects.models import Meeting, Project, Rsvp

from .pagination import page_of


def permission_denied(request, exception=None):
    """403: a change to a closed project says so; anything else, that the role does not allow
    it."""
    if isinstance(exception, ProjectClosed):
        context = {"project": exception.project}
        return render(request, "projects/project_closed.html", context, status=403)
    return render(request, "403.html", status=403)


def home(request):
    """Signed in: my projects and my next meetings across them. Signed out: what this is."""
    if not request.user.is_authenticated:
        return render(request, "home_visitor.html")
    # A commissioner may have dozens of projects: a page at a time (coproduce/pagination.py).
    mine = Project.objects.for_member(request.user).with_member_count()
    projects = page_of(request, mine.order_by("title", "pk"))
    next_meetings = (
        Meeting.objects.upcoming()
        .filter(project__in=Project.objects.for_member(request.user))
        .select_related("project")
        .annotate(
            my_answer=Count(
                "attendances",
                filter=Q(attendances__user=request.user, attendances__rsvp=Rsvp.YES),
            )
        )[:10]
    )
    # Claims sent back for a change, or whose payment failed: the person has something to do.
    claims_for_me = (
        Claim.objects.filter(claimant=request.user, status__in=[Status.RETURNED, Status.FAILED])
        .select_related("meeting")
        .order_by("-pk")[:10]
    )
    return render(
        request,
        "home.html",
        {
            "projects": projects,
            "next_meetings": next_meetings,
            "claims_for_me": claims_for_me,
            "may_start_projects": holds_permission(request.user, "projects", "start_project"),
        },
    )


def accessibility_statement(request):
    return render(request, "legal/accessibility_statement.html")


def privacy_notice(request):
    return render(request, "legal/privacy_notice.html")


@login_required
def second_factor_needed(request):
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    return render(
        request,
        "second_factor_needed.html",
        {"next": next_url, "has_authenticator": is_mfa_enabled(request.user)},
    )


def bench_baseline(request):
    """What Django itself does per request on this machine, through the same middleware: the
    benchmark's baseline. Routed only when BENCH_BASELINE is on."""
    return HttpResponse("<!DOCTYPE html><title>Baseline</title><p>Baseline</p>")
