from privacy.registry import OnErase, Section, register

from .models import Action, Answer, Draft, EligibleMember, Placement, Response, ReviewCycle
from .results_cache import forget_results


def _make_named_answers_anonymous(user):
    # Answers stay in the project's results, as if they had been given anonymously; the
    # cached results still show their name and who answered by name, so they go.
    forget_results(
        Response.objects.filter(user=user).values_list("cycle__project_id", flat=True).distinct()
    )
    Answer.objects.filter(user=user).update(user=None)
    Placement.objects.filter(user=user).update(user=None)


KEPT = "Part of the project's review record; it no longer shows your name."

register(
    Section(
        "Review cycles you scheduled",
        ReviewCycle,
        ("created_by",),
        ("project__title", "title", "opens_on", "closes_on"),
        on_erase=OnErase.KEEP,
        reason=KEPT,
    ),
    Section("Review answers you have not sent yet", Draft, ("user",), ("cycle__title", "values")),
    Section(
        "Reviews you could answer (you were a member when they opened)",
        EligibleMember,
        ("user",),
        ("cycle__project__title", "cycle__title", "role_group"),
    ),
    Section(
        "Reviews you answered",
        Response,
        ("user",),
        ("cycle__project__title", "cycle__title", "answered_on"),
        on_erase=OnErase.KEEP,
        reason="The count of who answered each review; it no longer shows your name.",
    ),
    # Anonymous answers hold no link to anyone, so only named ones appear here.
    Section(
        "Your named review answers",
        Answer,
        ("user",),
        ("cycle__title", "piece", "statement_key", "value", "comment"),
    ),
    Section(
        "Where you placed projects on the ladder",
        Placement,
        ("user",),
        ("cycle__title", "rung"),
    ),
    Section(
        "Review actions you own or agreed",
        Action,
        ("owner", "created_by"),
        ("cycle__title", "piece", "description", "due_on", "status"),
        on_erase=OnErase.KEEP,
        reason=KEPT,
    ),
    erase_step=_make_named_answers_anonymous,
)
