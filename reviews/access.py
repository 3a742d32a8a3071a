"""Loading review objects for a request: always through the project access helpers, so
outsiders get 404 and members without the capability 403 (see projects/access.py)."""

from django.http import Http404, HttpRequest

from projects.access import Can, ProjectAccess, get_project_access

from .models import ReviewCycle


def get_cycle_for_user(
    request: HttpRequest, project_id: int, cycle_id: int, need: Can = Can.VIEW_PROJECT
) -> tuple[ProjectAccess, ReviewCycle]:
    """A review cycle of a project the user may see; one of another project is a 404."""
    access = get_project_access(request, project_id, need)
    try:
        cycle = ReviewCycle.objects.get(project=access.project, pk=cycle_id)
    except ReviewCycle.DoesNotExist:
        raise Http404 from None
    return access, cycle
