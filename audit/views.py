from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from projects.access import Can, get_project_access

from .models import PROJECT_ACTIONS, Entry

# The pages show the latest entries; older ones stay in the database for the retention period.
SHOWN = 200


@login_required
def my_activity(request):
    """The entries about my data: sign-ins, who viewed my access needs or bank details..."""
    entries = Entry.objects.filter(subject=request.user).select_related("actor", "project")
    return render(request, "audit/my_activity.html", {"entries": entries[:SHOWN]})


@login_required
def project_record(request, project_id):
    """For commissioners: the project's money and membership entries."""
    access = get_project_access(request, project_id, need=Can.VIEW_PROJECT_RECORD)
    entries = Entry.objects.filter(
        project=access.project, action__in=PROJECT_ACTIONS
    ).select_related("actor", "subject")
    return render(
        request,
        "audit/project_record.html",
        {"access": access, "project": access.project, "entries": entries[:SHOWN]},
    )
