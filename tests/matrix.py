"""The permission matrix: for every URL the project defines, what each kind of visitor gets.

Each app's tests declare their URLs in a module `tests/<app>/permissions.py` holding
`PERMISSIONS = {url_name: Rule(...)}`; tests/test_permission_matrix.py checks every rule for
anonymous, outsider and each role, and fails when a URL has no rule.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from projects.models import Role

ALL_ROLES = frozenset(Role)
ANONYMOUS = "anonymous"
OUTSIDER = "outsider"


@dataclass(frozen=True)
class Rule:
    # URL kwargs from the cast, e.g. lambda cast: {"project_id": cast.project.pk}.
    kwargs: Callable = lambda cast: {}
    # The roles that may use the URL; other members get 403.
    roles: frozenset = ALL_ROLES
    method: str = "get"
    # Form data for a POST, from the cast.
    data: Callable = lambda cast: {}
    # What a permitted request answers.
    ok: int = 200
    # Not project-scoped: anyone signed in may use it (outsider included).
    signed_in: bool = False
    # Open to visitors who are not signed in.
    public: bool = False
    # Only POST is allowed: a GET must answer 405.
    post_only: bool = False
    extra: dict = field(default_factory=dict)

    def expected(self, actor: str) -> int:
        if self.public:
            return self.ok
        if actor == ANONYMOUS:
            return 302
        if self.signed_in:
            return self.ok
        if actor == OUTSIDER:
            return 404
        return self.ok if actor in self.roles else 403


def project(cast) -> dict:
    return {"project_id": cast.project.pk}
