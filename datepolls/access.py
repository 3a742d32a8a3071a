"""Date polls are project-scoped: every member sees a poll of their project and answers it;
facilitators (who schedule meetings) start polls, see everyone's answers and choose the date.
Outsiders get 404 (projects.access)."""

from django.http import Http404

from projects.access import Can, ProjectAccess, get_project_access

from .models import DatePoll


def get_poll_for_user(
    request, project_id: int, poll_id: int, need: Can = Can.VIEW_PROJECT
) -> tuple[ProjectAccess, DatePoll]:
    access = get_project_access(request, project_id, need)
    poll = DatePoll.objects.filter(project=access.project, pk=poll_id).first()
    if poll is None:
        raise Http404
    return access, poll
