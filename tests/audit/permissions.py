from projects.models import Role
from tests.matrix import Rule, project

PERMISSIONS = {
    "my-activity": Rule(signed_in=True),
    "project-record": Rule(kwargs=project, roles=frozenset({Role.COMMISSIONER})),
}
