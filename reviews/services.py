"""Every write to review cycles, statements, answers and actions.

Views call these after checking access. The rules (which state allows what, the scale, one
answer per member, owners being members) live here so the views, the scheduled task and the
admin obey the same ones.
"""

import calendar
import random
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.models import Membership, Project
from reminders.models import Kind
from reminders.notices import notice_record

from .eligibility import NOT_ELIGIBLE, eligible_rows, is_eligible
from .models import (
    Action,
    Answer,
    CycleStatus,
    Draft,
    EligibleMember,
    Placement,
    Rating,
    Response,
    ReviewCycle,
    Rung,
    SealedBallot,
    Statement,
)
from .statements import default_statements

# Released anonymous rows are shuffled with the operating system's randomness, so their order
# cannot be replayed from a seed.
_shuffle = random.SystemRandom().shuffle


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def cycle_create(*, cycle: ReviewCycle, created_by) -> ReviewCycle:
    """Save a new (validated, unsaved) scheduled cycle."""
    cycle.created_by = created_by
    cycle.status = CycleStatus.SCHEDULED
    cycle.full_clean()
    cycle.save()
    return cycle


def _locked(cycle: ReviewCycle) -> ReviewCycle:
    return ReviewCycle.objects.select_for_update().get(pk=cycle.pk)


ALREADY_SENT = gettext_lazy("You have already sent your answers to this review.")
FROZEN = gettext_lazy("This review has opened, so its statements can no longer be changed.")


def _require_scheduled(cycle: ReviewCycle) -> None:
    if not cycle.is_scheduled:
        raise ValidationError(FROZEN)


@transaction.atomic
def statement_add(
    *,
    cycle: ReviewCycle,
    piece: str,
    text: str,
    easy_read: str,
    text_cy: str = "",
    easy_read_cy: str = "",
) -> Statement:
    """Add one of the project's own statements (and its Welsh, if given) to a cycle that has
    not opened yet."""
    _require_scheduled(_locked(cycle))
    return Statement.objects.create(
        cycle=cycle,
        piece=piece,
        text=text,
        easy_read=easy_read,
        text_cy=text_cy,
        easy_read_cy=easy_read_cy,
    )


@transaction.atomic
def statement_remove(*, statement: Statement) -> None:
    """Remove a project statement from a cycle that has not opened yet."""
    _require_scheduled(_locked(statement.cycle))
    statement.delete()


@transaction.atomic
def cycle_open(*, cycle: ReviewCycle, today: date | None = None) -> ReviewCycle:
    """Open a scheduled cycle now, freeze its statements (defaults, then the project's own) and
    record who may answer it: the active members at this moment, each in their group.

    Locks the cycle row, so a facilitator pressing "Open" while the daily task opens it does
    it once. Opening early moves the opening date to today; the planned dates are kept for the
    next cycle of a repeating review.
    """
    today = today or timezone.localdate()
    cycle = _locked(cycle)
    if not cycle.is_scheduled:
        raise ValidationError(_("This review is already open or closed."))
    cycle.statements = default_statements() + [s.as_data() for s in cycle.own_statements.all()]
    cycle.status = CycleStatus.OPEN
    cycle.planned_opens_on, cycle.planned_closes_on = cycle.opens_on, cycle.closes_on
    cycle.opens_on = min(cycle.opens_on, today)
    cycle.closes_on = max(cycle.closes_on, today)
    cycle.opened_at = timezone.now()
    cycle.save(
        update_fields=[
            "statements",
            "status",
            "planned_opens_on",
            "planned_closes_on",
            "opens_on",
            "closes_on",
            "opened_at",
        ]
    )
    EligibleMember.objects.bulk_create(eligible_rows(cycle))
    return cycle


@transaction.atomic
def cycle_close(*, cycle: ReviewCycle, today: date | None = None) -> ReviewCycle:
    """Close an open cycle; its results can then be seen. The anonymous answers are opened and
    written out (_open_ballots). A repeating cycle schedules the next one (with the same
    project statements and the planned length) unless one already follows it.

    Closing early moves the closing date to today. Idempotent under the row lock, which
    answers_submit takes too, so no ballot can arrive after they are opened.
    """
    today = today or timezone.localdate()
    cycle = _locked(cycle)
    if not cycle.is_open:
        raise ValidationError(_("Only an open review can be closed."))
    cycle.status = CycleStatus.CLOSED
    cycle.closes_on = min(cycle.closes_on, today)
    cycle.closed_at = timezone.now()
    cycle.save(update_fields=["status", "closes_on", "closed_at"])
    Draft.objects.filter(cycle=cycle).delete()
    _open_ballots(cycle)
    if cycle.repeat_months and not ReviewCycle.objects.filter(follows=cycle).exists():
        _schedule_next(cycle)
    return cycle


def _answer_rows(cycle: ReviewCycle, group: str, values: dict, user) -> list[Answer]:
    comments = values.get("comments", {})
    return [
        Answer(
            cycle=cycle,
            role_group=group,
            piece=s["piece"],
            statement_key=s["key"],
            value=values["ratings"][s["key"]],
            comment=comments.get(s["key"], "").strip(),
            user=user,
        )
        for s in cycle.statements
    ]


def _open_ballots(cycle: ReviewCycle) -> None:
    """Write every sealed ballot of a closing cycle out as anonymous Answer and Placement rows,
    then delete the ballots.

    Runs in the close's transaction, so every anonymous row of the cycle carries that one
    transaction id, none of the members' own. Rows are shuffled one by one (not ballot by
    ballot), so neither their place in the table nor their random ids follow the order the
    members answered in or keep one member's rows together.
    """
    answers, placements = [], []
    for ballot in SealedBallot.objects.filter(cycle=cycle):
        values = ballot.sealed
        answers += _answer_rows(cycle, values["group"], values, user=None)
        placements.append(Placement(cycle=cycle, role_group=values["group"], rung=values["rung"]))
    _shuffle(answers)
    _shuffle(placements)
    Answer.objects.bulk_create(answers)
    Placement.objects.bulk_create(placements)
    SealedBallot.objects.filter(cycle=cycle).delete()


def _schedule_next(cycle: ReviewCycle) -> ReviewCycle:
    """The next cycle of a repeating review: `repeat_months` after the planned opening, as long
    as planned, however early this one opened or closed."""
    months = cycle.repeat_months
    planned_opens_on = cycle.planned_opens_on or cycle.opens_on
    length = (cycle.planned_closes_on or cycle.closes_on) - planned_opens_on
    opens_on = add_months(planned_opens_on, months)
    # A cycle closed long after its dates must not schedule a follower in the past.
    while opens_on <= cycle.closes_on:
        opens_on = add_months(opens_on, months)
    follower = ReviewCycle.objects.create(
        project=cycle.project,
        title=cycle.title,
        opens_on=opens_on,
        closes_on=opens_on + length,
        repeat_months=months,
        follows=cycle,
        created_by=cycle.created_by,
    )
    Statement.objects.bulk_create(
        Statement(
            cycle=follower,
            piece=s.piece,
            text=s.text,
            easy_read=s.easy_read,
            text_cy=s.text_cy,
            easy_read_cy=s.easy_read_cy,
        )
        for s in cycle.own_statements.all()
    )
    return follower


def cycles_advance(*, today: date | None = None) -> None:
    """Open the cycles whose opening date has come and close those whose closing date has
    passed. Run daily by Celery beat; each cycle in its own transaction, so one bad row does
    not hold up the rest, and running twice changes nothing."""
    today = today or timezone.localdate()
    for cycle in ReviewCycle.objects.filter(status=CycleStatus.SCHEDULED, opens_on__lte=today):
        try:
            cycle_open(cycle=cycle, today=today)
        except ValidationError:
            pass  # opened by someone else meanwhile
    for cycle in ReviewCycle.objects.filter(status=CycleStatus.OPEN, closes_on__lt=today):
        try:
            cycle_close(cycle=cycle, today=cycle.closes_on)
        except ValidationError:
            pass


NOT_OPEN = gettext_lazy("This review is not open for answers.")


def _check_open(cycle: ReviewCycle) -> None:
    if not cycle.is_open:
        raise ValidationError(NOT_OPEN)


def answering_problem(cycle: ReviewCycle, user) -> str | None:
    """Why `user`, a member, cannot answer `cycle` now, in words for them; None if they can."""
    if not cycle.is_open:
        return NOT_OPEN
    if Response.objects.filter(cycle=cycle, user=user).exists():
        return ALREADY_SENT
    if not is_eligible(cycle, user):
        return NOT_ELIGIBLE
    return None


def _clean_values(cycle: ReviewCycle, ratings: dict, comments: dict, rung) -> None:
    keys = {s["key"] for s in cycle.statements}
    if set(ratings) - keys or set(comments) - keys:
        raise ValidationError(_("An answer is for a statement that is not in this review."))
    if any(value not in Rating.values for value in ratings.values()):
        raise ValidationError(_("Choose one of the answers on the scale."))
    if rung is not None and rung not in Rung.values:
        raise ValidationError(_("Choose one of the rungs of the ladder."))


def draft_save(*, cycle: ReviewCycle, user, ratings: dict, comments: dict, rung=None) -> Draft:
    """Merge answers into the member's draft, to come back to. Ratings must be on the scale,
    and the member one who may answer (answering_problem)."""
    _check_open(cycle)
    _clean_values(cycle, ratings, comments, rung)
    problem = answering_problem(cycle, user)
    if problem:
        raise ValidationError(problem)
    with transaction.atomic():
        draft, _created = Draft.objects.select_for_update().get_or_create(cycle=cycle, user=user)
        values = draft.values
        values.setdefault("ratings", {}).update(ratings)
        values.setdefault("comments", {}).update(comments)
        if rung is not None:
            values["rung"] = rung
        draft.save(update_fields=["values"])
    return draft


def draft_missing(cycle: ReviewCycle, draft: Draft | None) -> list[dict]:
    """The statements not yet rated in the draft."""
    ratings = draft.values.get("ratings", {}) if draft else {}
    return [s for s in cycle.statements if s["key"] not in ratings]


@transaction.atomic
def answers_submit(*, cycle: ReviewCycle, user, anonymous: bool) -> Response:
    """Turn the member's complete draft into answers, named or anonymous, and record that
    they answered.

    Preconditions: the cycle is open, the member is an active member who was one when it
    opened (EligibleMember), every statement is rated and a rung chosen. The Response's unique
    constraint refuses a second submission, even from two tabs at once. Answers count in the
    group the member was in when the cycle opened.

    Named answers are written at once. Anonymous ones are sealed in a SealedBallot (no name, no
    time, encrypted) and written out only when the cycle closes, in that transaction, shuffled
    among everyone else's (cycle_close): so no row of them shares this transaction, its time
    or its order with the Response. The draft that linked them to the member is deleted.
    """
    cycle = _locked(cycle)
    _check_open(cycle)
    if not Membership.objects.active().filter(project_id=cycle.project_id, user=user).exists():
        raise ValidationError(_("Only members of the project can answer its review."))
    problem = answering_problem(cycle, user)
    if problem:
        raise ValidationError(problem)
    draft = Draft.objects.filter(cycle=cycle, user=user).first()
    if draft_missing(cycle, draft) or not draft.values.get("rung"):
        raise ValidationError(_("Answer every statement and the ladder question before sending."))
    values = draft.values
    _clean_values(cycle, values["ratings"], values.get("comments", {}), values["rung"])
    try:
        with transaction.atomic():
            response = Response.objects.create(cycle=cycle, user=user)
    except IntegrityError:
        raise ValidationError(ALREADY_SENT) from None
    group = EligibleMember.objects.get(cycle=cycle, user=user).role_group
    if anonymous:
        comments = {k: v.strip() for k, v in values.get("comments", {}).items() if v.strip()}
        SealedBallot.objects.create(
            cycle=cycle,
            sealed={
                "group": group,
                "ratings": {s["key"]: values["ratings"][s["key"]] for s in cycle.statements},
                "comments": comments,
                "rung": values["rung"],
            },
        )
    else:
        Answer.objects.bulk_create(_answer_rows(cycle, group, values, user=user))
        Placement.objects.create(cycle=cycle, role_group=group, rung=values["rung"], user=user)
    draft.delete()
    return response


def _check_owner(project: Project, owner) -> None:
    if not Membership.objects.active().filter(project=project, user=owner).exists():
        raise ValidationError(_("The owner must be a member of the project."))


NO_OUTCOME = gettext_lazy("Say what changed before you mark the action done.")


@transaction.atomic
def action_save(*, action: Action) -> Action:
    """Create or update an agreed action; its owner must be an active member of the project.

    Done needs an outcome in plain words (what changed). The first time an action is marked
    done, every active member is told what changed (ACTION_DONE, in this transaction), once:
    marking it done again after reopening it tells nobody twice (the notice's unique key).
    The row is locked, so two facilitators saving at once record one first "done".
    """
    _check_owner(action.cycle.project, action.owner)
    action.outcome = action.outcome.strip()
    action.outcome_easy_read = action.outcome_easy_read.strip()
    if action.is_done and not action.outcome:
        raise ValidationError({"outcome": NO_OUTCOME})
    action.full_clean()
    if action.pk:
        # As saved, under the lock: the form's copy may be older than another's save.
        action.done_on = (
            Action.objects.select_for_update()
            .filter(pk=action.pk)
            .values_list("done_on", flat=True)
            .first()
        )
    first_done = action.is_done and action.done_on is None
    if first_done:
        action.done_on = timezone.localdate()
    action.save()
    if first_done:
        notice_record(
            kind=Kind.ACTION_DONE,
            recipient_ids=Membership.objects.active()
            .filter(project_id=action.cycle.project_id)
            .values_list("user_id", flat=True),
            subject=f"action:{action.pk}",
            occurrence="done",
            project_id=action.cycle.project_id,
        )
    return action
