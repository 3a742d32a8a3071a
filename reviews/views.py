from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accessibility.reading import shows_easy_read
from coproduce.csv_safe import SafeWriter
from coproduce.pagination import page_of
from projects.access import Can, get_project_access

from . import services
from .access import get_cycle_for_user
from .charts import trend_charts
from .eligibility import eligible_counts, joined_while_open
from .forms import ActionForm, AnswerForm, CycleForm, StatementForm, SubmitForm
from .models import (
    Action,
    ActionStatus,
    Draft,
    EligibleMember,
    Piece,
    Rating,
    Response,
    ReviewCycle,
    RoleGroup,
    Rung,
    Statement,
)
from .results import (
    MIN_GROUP_SIZE,
    cycle_results,
    scale_choices,
    trend,
    trend_table,
)
from .results_cache import results_key
from .statements import default_statements

# "You said, we did": each action is a few lines of words.
ACTIONS_PER_PAGE = 25


def _context(access, **extra) -> dict:
    return {"access": access, "project": access.project, **extra}


def _statement_groups(cycle: ReviewCycle) -> list[tuple[str, list[dict]]]:
    """(piece, statements) from the frozen set once open; before that, what would be frozen
    if it opened now."""
    statements = cycle.statements
    if cycle.is_scheduled:
        statements = default_statements() + [s.as_data() for s in cycle.own_statements.all()]
    return [
        (label, [s for s in statements if s["piece"] == piece]) for piece, label in Piece.choices
    ]


@login_required
def cycle_list(request, project_id):
    access = get_project_access(request, project_id)
    cycles = list(access.project.review_cycles.defer("statements"))
    answered = set(
        Response.objects.filter(cycle__in=cycles, user=request.user).values_list(
            "cycle_id", flat=True
        )
    )
    eligible = set(
        EligibleMember.objects.filter(cycle__in=cycles, user=request.user).values_list(
            "cycle_id", flat=True
        )
    )
    return render(
        request,
        "reviews/cycle_list.html",
        _context(access, cycles=cycles, answered=answered, eligible=eligible),
    )


@login_required
def cycle_create(request, project_id):
    access = get_project_access(request, project_id, need=Can.MANAGE_REVIEWS)
    form = CycleForm(request.POST or None, instance=ReviewCycle(project=access.project))
    if request.method == "POST" and form.is_valid():
        cycle = services.cycle_create(cycle=form.instance, created_by=request.user)
        messages.success(request, _("Review scheduled. You can add the project's own statements."))
        return redirect("cycle-detail", access.project.pk, cycle.pk)
    return render(request, "reviews/cycle_form.html", _context(access, form=form))


@login_required
def cycle_detail(request, project_id, cycle_id):
    access, cycle = get_cycle_for_user(request, project_id, cycle_id)
    previous = (
        ReviewCycle.objects.filter(project=access.project, opens_on__lt=cycle.opens_on)
        .order_by("-opens_on", "-id")
        .first()
    )
    answered = Response.objects.filter(cycle=cycle, user=request.user).exists()
    problem = None
    if cycle.is_open and access.can(Can.RATE_REVIEW) and not answered:
        problem = services.answering_problem(cycle, request.user)
    return render(
        request,
        "reviews/cycle_detail.html",
        _context(
            access,
            cycle=cycle,
            statement_groups=_statement_groups(cycle),
            can_manage=access.can(Can.MANAGE_REVIEWS),
            own_statements=cycle.own_statements.all() if cycle.is_scheduled else None,
            answered=answered,
            problem=problem,
            has_draft=Draft.objects.filter(cycle=cycle, user=request.user).exists(),
            answer_count=cycle.responses.count(),
            eligible_count=cycle.eligible_members.count(),
            joined=joined_while_open(cycle),
            actions=cycle.actions.select_related("owner"),
            previous=previous,
            previous_actions=previous.actions.select_related("owner") if previous else None,
        ),
    )


def _transition(request, project_id, cycle_id, service, done: str):
    access, cycle = get_cycle_for_user(request, project_id, cycle_id, need=Can.MANAGE_REVIEWS)
    try:
        service(cycle=cycle)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, done)
    return redirect("cycle-detail", access.project.pk, cycle.pk)


@login_required
@require_POST
def cycle_open(request, project_id, cycle_id):
    return _transition(
        request,
        project_id,
        cycle_id,
        services.cycle_open,
        _("The review is open. Members can now answer."),
    )


@login_required
@require_POST
def cycle_close(request, project_id, cycle_id):
    return _transition(
        request,
        project_id,
        cycle_id,
        services.cycle_close,
        _("The review is closed. The results can now be seen."),
    )


@login_required
def statement_add(request, project_id, cycle_id):
    access, cycle = get_cycle_for_user(request, project_id, cycle_id, need=Can.MANAGE_REVIEWS)
    form = StatementForm(request.POST or None)
    if not cycle.is_scheduled:
        messages.error(
            request, _("This review has opened, so its statements can no longer be changed.")
        )
        return redirect("cycle-detail", access.project.pk, cycle.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.statement_add(cycle=cycle, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Statement added."))
            return redirect("cycle-detail", access.project.pk, cycle.pk)
    return render(request, "reviews/statement_form.html", _context(access, cycle=cycle, form=form))


@login_required
@require_POST
def statement_remove(request, project_id, cycle_id, statement_id):
    access, cycle = get_cycle_for_user(request, project_id, cycle_id, need=Can.MANAGE_REVIEWS)
    statement = get_object_or_404(Statement, cycle=cycle, pk=statement_id)
    try:
        services.statement_remove(statement=statement)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Statement removed."))
    return redirect("cycle-detail", access.project.pk, cycle.pk)


def _answering(request, project_id, cycle_id):
    """The cycle and the member's draft, or a redirect explaining why they cannot answer."""
    access, cycle = get_cycle_for_user(request, project_id, cycle_id, need=Can.RATE_REVIEW)
    problem = services.answering_problem(cycle, request.user)
    if problem:
        messages.error(request, problem)
        return access, cycle, None, redirect("cycle-detail", access.project.pk, cycle.pk)
    draft = Draft.objects.filter(cycle=cycle, user=request.user).first()
    return access, cycle, draft, None


@login_required
def review_answer(request, project_id, cycle_id, step=None):
    """Rate the statements: all on one page, or one per page (`step`, with the ladder question
    as the last step). Every button saves the draft; nothing is sent until the check page."""
    access, cycle, draft, refused = _answering(request, project_id, cycle_id)
    if refused:
        return refused
    statements = cycle.statements
    numbers = {s["key"]: i for i, s in enumerate(statements, start=1)}
    last_step = len(statements) + 1
    if step is not None and not 1 <= step <= last_step:
        raise Http404
    shown = statements if step is None else statements[step - 1 : step]
    form = AnswerForm(
        request.POST or None,
        statements=shown,
        numbers=numbers,
        draft_values=draft.values if draft else {},
        ladder=step is None or step == last_step,
        easy_read=shows_easy_read(request),
    )
    if request.method == "POST" and form.is_valid():
        ratings, comments, rung = form.values()
        try:
            services.draft_save(
                cycle=cycle, user=request.user, ratings=ratings, comments=comments, rung=rung
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if request.POST.get("then") == "later":
                messages.success(request, _("Your answers are saved. Come back to finish them."))
                return redirect("cycle-detail", access.project.pk, cycle.pk)
            if step is not None and step < last_step:
                return redirect("review-answer-step", access.project.pk, cycle.pk, step + 1)
            return redirect("review-submit", access.project.pk, cycle.pk)
    return render(
        request,
        "reviews/answer_form.html",
        _context(
            access,
            cycle=cycle,
            form=form,
            step=step,
            last_step=last_step,
            statement=shown[0] if step is not None and shown else None,
        ),
    )


@login_required
def review_submit(request, project_id, cycle_id):
    """Check your answers, choose named or anonymous, and send."""
    access, cycle, draft, refused = _answering(request, project_id, cycle_id)
    if refused:
        return refused
    values = draft.values if draft else {}
    missing = services.draft_missing(cycle, draft)
    form = SubmitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        anonymous = form.cleaned_data["named"] == "anonymous"
        try:
            services.answers_submit(cycle=cycle, user=request.user, anonymous=anonymous)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Thank you. Your answers have been sent anonymously.")
                if anonymous
                else _("Thank you. Your answers have been sent with your name."),
            )
            return redirect("cycle-detail", access.project.pk, cycle.pk)
    ratings = dict(Rating.choices)
    numbers = {s["key"]: i for i, s in enumerate(cycle.statements, start=1)}
    mine = EligibleMember.objects.get(cycle=cycle, user=request.user).role_group
    size = eligible_counts(cycle).get(mine, 0)
    rows = [
        {
            "number": numbers[s["key"]],
            "statement": s,
            "rating": ratings.get(values.get("ratings", {}).get(s["key"])),
            "comment": values.get("comments", {}).get(s["key"], ""),
        }
        for s in cycle.statements
    ]
    return render(
        request,
        "reviews/answer_check.html",
        _context(
            access,
            cycle=cycle,
            form=form,
            rows=rows,
            missing=missing,
            first_missing=numbers[missing[0]["key"]] if missing else None,
            rung=dict(Rung.choices).get(values.get("rung")),
            ladder_step=len(cycle.statements) + 1,
            min_group_size=MIN_GROUP_SIZE,
            # Too few can answer to be anonymous: only all-named answers would be shown.
            small_group={"size": size, "label": RoleGroup(mine).label}
            if size < MIN_GROUP_SIZE
            else None,
        ),
    )


@login_required
def review_results(request, project_id, cycle_id):
    access, cycle = get_cycle_for_user(request, project_id, cycle_id, need=Can.VIEW_REVIEW_RESULTS)
    context = _context(access, cycle=cycle)
    if cycle.is_closed:
        # Worked out only when the rendered results are not in the cache (results_cache.py).
        points = SimpleLazyObject(lambda: trend(access.project.pk, up_to=cycle))
        context.update(
            results_key=results_key(cycle),
            results=SimpleLazyObject(lambda: cycle_results(cycle)),
            charts=SimpleLazyObject(lambda: trend_charts(points)),
            trend_rows=SimpleLazyObject(lambda: trend_table(points)),
            pieces=Piece.choices,
            actions=cycle.actions.select_related("owner"),
        )
    elif cycle.is_open and access.can(Can.MANAGE_REVIEWS):
        # While open, only how many have answered: early results could name late answerers.
        context["answer_count"] = cycle.responses.count()
    return render(request, "reviews/results.html", context)


@login_required
def review_results_csv(request, project_id, cycle_id):
    access, cycle = get_cycle_for_user(request, project_id, cycle_id, need=Can.VIEW_REVIEW_RESULTS)
    if not cycle.is_closed:
        raise Http404
    results = cycle_results(cycle)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="review-{cycle.pk}-results.csv"'
    writer = SafeWriter(response)
    scale = [label for _v, label in scale_choices()]
    writer.writerow(
        [_("Piece"), _("Statement"), _("Group"), _("Answers"), *scale, _("Mean score"), _("Gap")]
    )
    for piece in results.pieces:
        lines = [(_("All statements"), piece)] + [
            (s.statement["text"], s) for s in piece.statements
        ]
        for text, result in lines:
            gap = result.gap.difference if result.gap else ""
            for index, spread in enumerate(result.spreads):
                if spread.suppressed:
                    withheld = _("Fewer than %(size)s answers: not shown") % {
                        "size": MIN_GROUP_SIZE
                    }
                    numbers = [withheld] + [""] * (len(scale) + 1)
                else:
                    counts = [row[1][index] for row in result.table]
                    numbers = [spread.answers, *counts, spread.mean]
                writer.writerow([piece.label, text, spread.label, *numbers, gap])
    return response


@login_required
def action_create(request, project_id, cycle_id):
    return _action_form(request, project_id, cycle_id, None)


@login_required
def action_edit(request, project_id, cycle_id, action_id):
    return _action_form(request, project_id, cycle_id, action_id)


def _action_form(request, project_id, cycle_id, action_id):
    access, cycle = get_cycle_for_user(request, project_id, cycle_id, need=Can.MANAGE_REVIEWS)
    if action_id is None:
        action = Action(cycle=cycle, created_by=request.user)
    else:
        action = get_object_or_404(Action, cycle=cycle, pk=action_id)
    form = ActionForm(request.POST or None, instance=action, project=access.project)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_save(action=form.instance)
        except ValidationError as error:
            form.add_error(None if hasattr(error, "error_dict") else "owner_id", error)
        else:
            messages.success(request, _("Action saved."))
            return redirect("cycle-detail", access.project.pk, cycle.pk)
    return render(
        request,
        "reviews/action_form.html",
        # Not "action": includes/form.html would take it for the form's address.
        _context(access, cycle=cycle, existing=action if action_id else None, form=form),
    )


@login_required
def you_said_we_did(request, project_id):
    """Every action agreed after the project's reviews, for every member: open ones first (the
    most overdue at the top), then done and dropped ones, newest first. Done ones stay, with
    what changed."""
    access = get_project_access(request, project_id)
    actions = (
        Action.objects.filter(cycle__project=access.project)
        .select_related("owner", "cycle")
        .annotate(finished=Q(status__in=[ActionStatus.DONE, ActionStatus.DROPPED]))
        .order_by("finished", "due_on", "-done_on", "id")
    )
    page = page_of(request, actions, per_page=ACTIONS_PER_PAGE)
    return render(
        request,
        "reviews/you_said_we_did.html",
        _context(
            access,
            page=page,
            today=timezone.localdate(),
            can_manage=access.can(Can.MANAGE_REVIEWS),
        ),
    )
