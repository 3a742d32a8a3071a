from projects.models import Role
from tests.datepolls.helpers import open_poll
from tests.matrix import ALL_ROLES, Rule, project

SCHEDULERS = frozenset({Role.FACILITATOR})


def _poll(cast) -> dict:
    return {**project(cast), "poll_id": open_poll(cast).pk}


def _answer(cast) -> dict:
    return {**_poll(cast), "number": 1}


def _schedule(cast) -> dict:
    poll = open_poll(cast)
    return {**project(cast), "poll_id": poll.pk, "option_id": poll.options.first().pk}


PERMISSIONS = {
    "date-poll-list": Rule(kwargs=project),
    "date-poll-create": Rule(kwargs=project, roles=SCHEDULERS),
    "date-poll-detail": Rule(kwargs=_poll),
    "date-poll-answer": Rule(kwargs=_answer, roles=ALL_ROLES),
    "date-poll-schedule": Rule(kwargs=_schedule, roles=SCHEDULERS),
}
