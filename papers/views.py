from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.downloads import private_attachment
from projects.access import Can, get_meeting_for_user

from . import services
from .files import LABELS
from .forms import DecisionForm, MeetingNoteForm, PaperForm
from .models import Decision, MeetingNote, Paper


def _open_meeting(request, project_id, meeting_id, need=Can.SCHEDULE_MEETINGS):
    """A meeting that is not cancelled, for someone who runs meetings."""
    access, meeting = get_meeting_for_user(request, project_id, meeting_id, need=need)
    if meeting.cancelled_at:
        raise Http404
    return access, meeting


@login_required
def paper_add(request, project_id, meeting_id):
    access, meeting = _open_meeting(request, project_id, meeting_id)
    form = PaperForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.paper_add(
            meeting=meeting,
            title=data["title"],
            version=data["version"],
            text=data["text"],
            upload=data["file"],
            file_type=form.file_type,
            added_by=request.user,
        )
        messages.success(request, _("Paper added."))
        return redirect("meeting-detail", access.project.pk, meeting.pk)
    return render(
        request,
        "papers/paper_form.html",
        {"access": access, "project": access.project, "meeting": meeting, "form": form},
    )


@login_required
def paper_open(request, project_id, meeting_id, paper_id):
    """A written paper as a page (in large print on asking); an uploaded one as a download,
    served only through here, to the project's members."""
    access, meeting = get_meeting_for_user(request, project_id, meeting_id)
    paper = get_object_or_404(Paper, meeting=meeting, pk=paper_id)
    if paper.file:
        extension = LABELS.get(paper.file_type, ("", "bin"))[1]
        name = slugify(paper.title) or "paper"
        return private_attachment(
            paper.file, filename=f"{name}-{paper.pk}.{extension}", content_type=paper.file_type
        )
    return render(
        request,
        "papers/paper_detail.html",
        {
            "access": access,
            "project": access.project,
            "meeting": meeting,
            "paper": paper,
            "large_print": request.GET.get("size") == "large",
        },
    )


@login_required
@require_POST
def paper_remove(request, project_id, meeting_id, paper_id):
    access, meeting = get_meeting_for_user(
        request, project_id, meeting_id, need=Can.SCHEDULE_MEETINGS
    )
    paper = get_object_or_404(Paper, meeting=meeting, pk=paper_id)
    services.paper_remove(paper=paper)
    messages.success(request, _("Paper removed."))
    return redirect("meeting-detail", access.project.pk, meeting.pk)


def _started_meeting(request, project_id, meeting_id):
    """Notes and decisions are written once the meeting has begun."""
    access, meeting = _open_meeting(request, project_id, meeting_id)
    if not meeting.has_started:
        raise Http404
    return access, meeting


@login_required
def note_edit(request, project_id, meeting_id):
    access, meeting = _started_meeting(request, project_id, meeting_id)
    note = MeetingNote.objects.filter(meeting=meeting).first()
    form = MeetingNoteForm(request.POST or None, instance=note)
    if request.method == "POST" and form.is_valid():
        services.note_save(
            meeting=meeting,
            agreed=form.cleaned_data["agreed"],
            easy_read=form.cleaned_data["easy_read"],
            written_by=request.user,
        )
        messages.success(request, _("Note of the meeting saved. Members can read it now."))
        return redirect("meeting-detail", access.project.pk, meeting.pk)
    return render(
        request,
        "papers/note_form.html",
        {"access": access, "project": access.project, "meeting": meeting, "form": form},
    )


@login_required
def decision_add(request, project_id, meeting_id):
    access, meeting = _started_meeting(request, project_id, meeting_id)
    form = DecisionForm(request.POST or None, project=access.project)
    if request.method == "POST" and form.is_valid():
        services.decision_add(
            meeting=meeting,
            text=form.cleaned_data["text"],
            action=form.cleaned_data["action"],
            recorded_by=request.user,
        )
        messages.success(request, _("Decision added."))
        return redirect("meeting-detail", access.project.pk, meeting.pk)
    return render(
        request,
        "papers/decision_form.html",
        {"access": access, "project": access.project, "meeting": meeting, "form": form},
    )


@login_required
@require_POST
def decision_remove(request, project_id, meeting_id, decision_id):
    access, meeting = get_meeting_for_user(
        request, project_id, meeting_id, need=Can.SCHEDULE_MEETINGS
    )
    get_object_or_404(Decision, meeting=meeting, pk=decision_id).delete()
    messages.success(request, _("Decision removed."))
    return redirect("meeting-detail", access.project.pk, meeting.pk)
