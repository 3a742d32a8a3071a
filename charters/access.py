"""Loading a project's charter and its versions through the project access helpers.

Outsiders get 404 and members without the capability 403 (projects/access.py); a version
number that the project's charter does not have is a 404 too.
"""

from django.http import Http404, HttpRequest

from projects.access import Can, ProjectAccess, get_project_access

from .models import Charter, CharterVersion
from .services import charter_for


def get_charter_for_user(
    request: HttpRequest, project_id: int, need: Can = Can.VIEW_PROJECT
) -> tuple[ProjectAccess, Charter]:
    access = get_project_access(request, project_id, need)
    return access, charter_for(access.project)


def get_version_for_user(
    request: HttpRequest, project_id: int, number: int, need: Can = Can.VIEW_PROJECT
) -> tuple[ProjectAccess, Charter, CharterVersion]:
    access, charter = get_charter_for_user(request, project_id, need)
    if charter.current_version and charter.current_version.number == number:
        return access, charter, charter.current_version
    try:
        version = CharterVersion.objects.get(charter=charter, number=number)
    except CharterVersion.DoesNotExist:
        raise Http404 from None
    return access, charter, version
