from projects.models import Role
from tests.matrix import Rule, project

BOARD = frozenset({Role.COMMISSIONER, Role.FACILITATOR})

PERMISSIONS = {
    # Anyone signed in: it lists the projects they commission, which may be none.
    "portfolio": Rule(signed_in=True),
    "portfolio-csv": Rule(signed_in=True),
    "impact-report": Rule(kwargs=project, roles=BOARD),
    "impact-report-csv": Rule(kwargs=project, roles=BOARD),
}
