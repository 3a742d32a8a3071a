from projects.models import Role
from reviews.models import Action, Statement
from tests.matrix import Rule, project
from tests.reviews.factories import make_cycle

FACILITATORS = frozenset({Role.FACILITATOR})


def _cycle(status):
    def kwargs(cast) -> dict:
        return {**project(cast), "cycle_id": make_cycle(cast.project, status).pk}

    return kwargs


def _statement(cast) -> dict:
    cycle = make_cycle(cast.project, "scheduled")
    statement = Statement.objects.create(cycle=cycle, piece="culture", text="T", easy_read="E")
    return {**project(cast), "cycle_id": cycle.pk, "statement_id": statement.pk}


def _action(cast) -> dict:
    cycle = make_cycle(cast.project, "closed")
    action = Action.objects.create(
        cycle=cycle,
        piece="culture",
        description="Pay people on the day",
        owner=cast.facilitator,
        due_on="2030-01-01",
        created_by=cast.facilitator,
    )
    return {**project(cast), "cycle_id": cycle.pk, "action_id": action.pk}


PERMISSIONS = {
    "cycle-list": Rule(kwargs=project),
    "cycle-create": Rule(kwargs=project, roles=FACILITATORS),
    "cycle-detail": Rule(kwargs=_cycle("open")),
    "cycle-open": Rule(
        kwargs=_cycle("scheduled"), roles=FACILITATORS, method="post", ok=302, post_only=True
    ),
    "cycle-close": Rule(
        kwargs=_cycle("open"), roles=FACILITATORS, method="post", ok=302, post_only=True
    ),
    "statement-add": Rule(kwargs=_cycle("scheduled"), roles=FACILITATORS),
    "statement-remove": Rule(
        kwargs=_statement, roles=FACILITATORS, method="post", ok=302, post_only=True
    ),
    "review-answer": Rule(kwargs=_cycle("open")),
    "review-answer-step": Rule(kwargs=lambda cast: {**_cycle("open")(cast), "step": 1}),
    "review-submit": Rule(kwargs=_cycle("open")),
    "review-results": Rule(kwargs=_cycle("closed")),
    "review-results-csv": Rule(kwargs=_cycle("closed")),
    "action-create": Rule(kwargs=_cycle("closed"), roles=FACILITATORS),
    "action-edit": Rule(kwargs=_action, roles=FACILITATORS),
    "you-said-we-did": Rule(kwargs=project),
}
