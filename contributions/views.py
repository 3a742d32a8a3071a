from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects.access import Can, get_project_access

from . import services
from .facts import contribution_of
from .models import ContributionRecord
from .pdf import record_pdf


@login_required
def my_contribution(request):
    """What I have given, project by project, and my records of it."""
    latest = {}
    for record in ContributionRecord.objects.filter(person=request.user).order_by("requested_at"):
        latest[record.project_id] = record
    contribution = contribution_of(request.user)
    return render(
        request,
        "contributions/my_contribution.html",
        {
            "contribution": contribution,
            "rows": [(p, latest.get(p.project_id)) for p in contribution.projects],
        },
    )


@login_required
@require_POST
def record_request(request, project_id):
    access = get_project_access(request, project_id)
    services.record_request(person=request.user, project=access.project)
    messages.success(
        request,
        _("You asked for a record of your part in %(project)s. A facilitator will confirm it.")
        % {"project": access.project.title},
    )
    return redirect("my-contribution")


def _my_confirmed_record(request, record_id) -> ContributionRecord:
    """Only the person's own, confirmed records: anything else is a 404."""
    if not request.user.is_authenticated:
        raise Http404
    return get_object_or_404(
        ContributionRecord.objects.select_related("person", "confirmed_by"),
        pk=record_id,
        person=request.user,
        confirmed_at__isnull=False,
    )


@login_required
def record_detail(request, record_id):
    record = _my_confirmed_record(request, record_id)
    return render(request, "contributions/record_detail.html", {"record": record})


@login_required
def record_download(request, record_id):
    record = _my_confirmed_record(request, record_id)
    response = HttpResponse(record_pdf(record), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="record-of-contribution-{record.pk}.pdf"'
    )
    return response


@login_required
def record_list(request, project_id):
    """For facilitators: the records members asked for, to confirm."""
    access = get_project_access(request, project_id, need=Can.CONFIRM_CONTRIBUTION)
    waiting = (
        ContributionRecord.objects.filter(project=access.project, confirmed_at__isnull=True)
        .select_related("person")
        .order_by("requested_at")
    )
    return render(
        request,
        "contributions/record_list.html",
        {"access": access, "project": access.project, "waiting": waiting},
    )


@login_required
@require_POST
def record_confirm(request, project_id, record_id):
    access = get_project_access(request, project_id, need=Can.CONFIRM_CONTRIBUTION)
    record = get_object_or_404(ContributionRecord, project=access.project, pk=record_id)
    try:
        services.record_confirm(record=record, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("Record confirmed for %(name)s.") % {"name": record.person.display_name}
        )
    return redirect("contribution-record-list", access.project.pk)
