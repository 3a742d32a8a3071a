from charters import services
from projects.models import Role
from tests.charters.helpers import publish
from tests.matrix import Rule, project

FACILITATORS = frozenset({Role.FACILITATOR})
COMMISSIONERS = frozenset({Role.COMMISSIONER})


def _published(cast) -> dict:
    version = publish(cast.project, cast.facilitator)
    return {**project(cast), "number": version.number}


def _comment(cast) -> dict:
    comment = services.comment_create(
        charter=services.charter_for(cast.project),
        author=cast.person,
        section="payment",
        body="Can we be paid on the day?",
    )
    return {**project(cast), "comment_id": comment.pk}


PERMISSIONS = {
    "charter-detail": Rule(kwargs=project),
    "charter-draft": Rule(kwargs=project),
    "charter-draft-edit": Rule(kwargs=project, roles=FACILITATORS),
    "charter-publish": Rule(kwargs=project, roles=FACILITATORS),
    "charter-comment-create": Rule(kwargs=project),
    "charter-comment-dealt-with": Rule(
        kwargs=_comment, roles=FACILITATORS, method="post", ok=302, post_only=True
    ),
    "charter-version-list": Rule(kwargs=project),
    "charter-version-compare": Rule(kwargs=project),
    "charter-version-detail": Rule(kwargs=_published),
    "charter-version-print": Rule(kwargs=_published),
    "charter-sign": Rule(kwargs=_published),
    "charter-withdraw": Rule(kwargs=_published),
    "charter-witness": Rule(kwargs=project, roles=FACILITATORS),
    "charter-activation-override": Rule(kwargs=project, roles=COMMISSIONERS),
}
