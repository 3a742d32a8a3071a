from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.csv_safe import csv_bytes
from coproduce.pagination import page_of
from projects.access import Can, get_project_access
from projects.models import Project, ProjectStatus
from reviews.models import Piece
from reviews.results import DIRECTION_WORDS, GROUPS

from . import impact
from .context_processors import commissions_any
from .portfolio import PER_PAGE, SORT_LABELS, commissioned_by, ordered, portfolio_rows

CSV_TYPE = "text/csv; charset=utf-8"


def _choices(request) -> dict:
    """The sorting and filtering asked for in the query string, checked."""
    sort = request.GET.get("sort", "")
    status = request.GET.get("status", "")
    return {
        "sort": sort if sort in SORT_LABELS else "title",
        "status": status if status in ProjectStatus.values else "",
        "overdue": request.GET.get("overdue") == "1",
    }


def _projects(request, choices: dict):
    projects = commissioned_by(
        request.user,
        today=timezone.localdate(),
        status=choices["status"],
        overdue_only=choices["overdue"],
    )
    return ordered(projects, choices["sort"])


@login_required
def portfolio(request):
    """Every project the person commissions, a row each, sortable and filterable by links and
    a GET form (no JavaScript)."""
    choices = _choices(request)
    # Asked first, and given to the header (outcomes/context_processors.py): for someone who
    # commissions nothing, building the portfolio's query costs more than the rest of the page.
    commissions = commissions_any(request.user)
    projects = _projects(request, choices) if commissions else Project.objects.none()
    page = page_of(request, projects, per_page=PER_PAGE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "outcomes/portfolio.html",
        {
            "commissions": commissions,
            "page": page,
            "rows": portfolio_rows(page.object_list, today=timezone.localdate()),
            "choices": choices,
            "sort_labels": SORT_LABELS,
            "statuses": ProjectStatus.choices,
            "group_labels": [g.label for g in GROUPS],
            "query": query.urlencode(),
        },
    )


def csv_response(rows, filename: str) -> HttpResponse:
    """A download that opens cleanly in Excel: UTF-8 with a byte order mark, no formulas."""
    response = HttpResponse(csv_bytes(rows, for_excel=True), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


@login_required
def portfolio_csv(request):
    """The portfolio's columns for every project the filter keeps (not just one page)."""
    choices = _choices(request)
    rows = portfolio_rows(_projects(request, choices), today=timezone.localdate())
    groups = [g.label for g in GROUPS]
    header = [
        _("Project"),
        _("Status"),
        _("Charter in force"),
        _("Members who signed the charter"),
        _("Current members"),
        _("Next meeting"),
        _("Essential access needs arranged for it"),
        _("Essential access needs for it"),
        _("Claims waiting for approval"),
        _("Median working days from submitted to paid (last 90 days)"),
        _("Paid by the promised date (%, last 90 days)"),
        _("Latest closed review"),
    ]
    for _piece, label in Piece.choices:
        header += [
            _("%(piece)s: lived experience minus professionals") % {"piece": label},
            _("%(piece)s: since the review before") % {"piece": label},
        ]
    header += [_("Actions open"), _("Actions overdue")]
    header += [_("Ladder step (%(group)s)") % {"group": group} for group in groups]
    lines = [header]
    for row in rows:
        project = row.project
        line = [
            project.title,
            project.get_status_display(),
            _yes_no(row.charter_in_force),
            project.charter_signed,
            project.member_count,
            timezone.localtime(row.next_meeting.starts_at).date() if row.next_meeting else "",
            row.access_arranged if row.next_meeting else "",
            row.access_essential if row.next_meeting else "",
            project.claims_waiting,
            row.pay.median_working_days if row.pay.paid else "",
            row.pay.on_time_percent if row.pay.paid else "",
            row.cycle.title if row.cycle else "",
        ]
        pieces = row.pieces or [None] * len(Piece.choices)
        for piece in pieces:
            line += [
                piece.gap.difference if piece and piece.gap else "",
                DIRECTION_WORDS[piece.direction] if piece and piece.direction else "",
            ]
        line += [project.actions_open, project.actions_overdue]
        line += [label or "" for label in row.ladder_labels] or ["", ""]
        lines.append(line)
    return csv_response(lines, "portfolio.csv")


@login_required
def impact_report(request, project_id):
    """A printable board report: counts and trends, no names, no access needs."""
    access = get_project_access(request, project_id, need=Can.VIEW_IMPACT_REPORT)
    return render(
        request,
        "outcomes/impact_report.html",
        {
            "access": access,
            "project": access.project,
            "report": impact.report_for(access.project, today=timezone.localdate()),
            "group_labels": [g.label for g in GROUPS],
            "report_date": timezone.localdate(),
        },
    )


@login_required
def impact_report_csv(request, project_id):
    """The impact report as a pack of CSV files in one zip, one file per table."""
    access = get_project_access(request, project_id, need=Can.VIEW_IMPACT_REPORT)
    report = impact.report_for(access.project, today=timezone.localdate())
    response = HttpResponse(impact.csv_pack(report), content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="impact-report-{access.project.pk}.zip"'
    )
    return response
