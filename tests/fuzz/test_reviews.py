"""Every reviews form, fuzzed through its view (see harness.py)."""

from datetime import date, timedelta

from django.utils import timezone

from reviews.forms import ActionForm, AnswerForm, CycleForm, StatementForm, SubmitForm
from reviews.models import (
    Action,
    Answer,
    Draft,
    Placement,
    Response,
    ReviewCycle,
    SealedBallot,
    Statement,
)
from reviews.statements import default_statements
from tests.fuzz.harness import date_fields, fuzz_form
from tests.reviews.factories import make_cycle

_TODAY = timezone.localdate()

test_cycle_create = fuzz_form(
    CycleForm,
    url="cycle-create",
    who=lambda cast: cast.facilitator,
    valid={
        "title": "Spring review",
        "repeat_months": "6",
        **date_fields("opens_on", _TODAY + timedelta(days=7)),
        **date_fields("closes_on", _TODAY + timedelta(days=28)),
    },
    watched=lambda cast: [ReviewCycle],
    saved_text=["title"],
)

test_statement_add = fuzz_form(
    StatementForm,
    url="statement-add",
    who=lambda cast: cast.facilitator,
    valid={"piece": "culture", "text": "We are paid on the day.", "easy_read": "Paid today."},
    watched=lambda cast: [Statement],
    saved_text=["text", "easy_read"],
)

_FIRST, _SECOND = (s["key"] for s in default_statements()[:2])

test_review_answer = fuzz_form(
    AnswerForm,
    url="review-answer",
    who=lambda cast: cast.person,
    valid={
        f"rating_{_FIRST}": "3",
        f"comment_{_FIRST}": "Mostly, yes.",
        f"rating_{_SECOND}": "0",
        f"comment_{_SECOND}": "",
        "rung": "5",
        "then": "later",
    },
    watched=lambda cast: [Draft, Response],
    saved_text=[f"comment_{_FIRST}", f"comment_{_SECOND}"],
)


def _drafted(cast) -> dict:
    from reviews import services

    cycle = make_cycle(cast.project, "open")
    services.draft_save(
        cycle=cycle,
        user=cast.person,
        ratings={s["key"]: 3 for s in cycle.statements},
        comments={_FIRST: "Good."},
        rung=5,
    )
    return {"project_id": cast.project.pk, "cycle_id": cycle.pk}


test_review_submit = fuzz_form(
    SubmitForm,
    url="review-submit",
    kwargs=_drafted,
    who=lambda cast: cast.person,
    valid={"named": "anonymous"},
    watched=lambda cast: [Draft, Response, SealedBallot, Answer, Placement],
)

test_action_create = fuzz_form(
    ActionForm,
    url="action-create",
    who=lambda cast: cast.facilitator,
    valid={
        "piece": "practice",
        "description": "Pay people on the day.",
        "owner_id": lambda cast: str(cast.carer.pk),
        "status": "in_progress",
        **date_fields("due_on", date(2030, 1, 1)),
    },
    watched=lambda cast: [Action],
    saved_text=["description"],
)
