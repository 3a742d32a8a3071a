from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from coproduce.pagination import page_of
from projects.access import Can, get_project_access
from projects.forms import MeetingForm
from projects.models import Meeting, Membership

from . import services
from .access import get_poll_for_user
from .forms import AnswerForm, DatePollForm
from .models import Answer, DateAnswer, DatePoll


@login_required
def date_poll_list(request, project_id):
    access = get_project_access(request, project_id)
    polls = page_of(request, DatePoll.objects.filter(project=access.project))
    return render(
        request,
        "datepolls/date_poll_list.html",
        {"access": access, "project": access.project, "polls": polls},
    )


@login_required
def date_poll_create(request, project_id):
    access = get_project_access(request, project_id, need=Can.SCHEDULE_MEETINGS)
    form = DatePollForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            poll = services.date_poll_open(
                project=access.project,
                by=request.user,
                title=form.cleaned_data["title"],
                note=form.cleaned_data["note"],
                dates=form.dates,
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("date_1", message)
        else:
            messages.success(request, _("Poll started. Members are told on their own channel."))
            return redirect("date-poll-detail", access.project.pk, poll.pk)
    return render(
        request,
        "datepolls/date_poll_form.html",
        {"access": access, "project": access.project, "form": form},
    )


@login_required
def date_poll_detail(request, project_id, poll_id):
    """Everyone: the dates and their own answers. Those who schedule meetings: how many can
    come on each date and who, and the date to turn into a meeting. A fixed number of queries
    whatever the numbers of dates, members and answers."""
    access, poll = get_poll_for_user(request, project_id, poll_id)
    options = list(poll.options.all())
    facilitating = access.can(Can.SCHEDULE_MEETINGS)
    answers = DateAnswer.objects.filter(option__poll=poll).select_related("user")
    if not facilitating:
        answers = answers.filter(user=request.user)
    answers = list(answers)
    mine = {a.option_id: a for a in answers if a.user_id == request.user.pk}
    results = []
    if facilitating:
        members = Membership.objects.active().filter(project=access.project).count()
        for option in options:
            rows = sorted(
                (a for a in answers if a.option_id == option.pk),
                key=lambda a: a.user.display_name,
            )
            counts = Counter(a.answer for a in rows)
            results.append(
                {
                    "option": option,
                    "yes": counts[Answer.YES],
                    "if_need_be": counts[Answer.IF_NEED_BE],
                    "no": counts[Answer.NO],
                    "not_answered": members - len(rows),
                    "rows": rows,
                }
            )
    return render(
        request,
        "datepolls/date_poll_detail.html",
        {
            "access": access,
            "project": access.project,
            "poll": poll,
            "options": [(n, option, mine.get(option.pk)) for n, option in enumerate(options, 1)],
            "results": results,
            "facilitating": facilitating,
            "may_answer": poll.is_open and access.can(Can.ANSWER_MEETING),
        },
    )


@login_required
def date_poll_answer(request, project_id, poll_id, number):
    """One date per page: can you come? Then the next date, then back to the poll."""
    access, poll = get_poll_for_user(request, project_id, poll_id, need=Can.ANSWER_MEETING)
    options = list(poll.options.all())
    if not poll.is_open or not 1 <= number <= len(options):
        raise Http404
    option = options[number - 1]
    existing = DateAnswer.objects.filter(option=option, user=request.user).first()
    when = timezone.localtime(option.starts_at)
    label = _("Can you come on %(day)s, %(start)s to %(end)s?") % {
        "day": date_format(when, "l j F Y"),
        "start": date_format(when, "H:i"),
        "end": date_format(timezone.localtime(option.ends_at), "H:i"),
    }
    form = AnswerForm(
        request.POST or None,
        label=label,
        initial={"answer": existing.answer} if existing else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.date_answer_save(
                option=option, user=request.user, answer=form.cleaned_data["answer"]
            )
        except ValidationError as exc:
            form.add_error("answer", exc.messages[0])
        else:
            if number < len(options):
                return redirect("date-poll-answer", access.project.pk, poll.pk, number + 1)
            messages.success(request, _("Thank you. Your answers are saved."))
            return redirect("date-poll-detail", access.project.pk, poll.pk)
    return render(
        request,
        "datepolls/date_poll_answer.html",
        {
            "access": access,
            "project": access.project,
            "poll": poll,
            "form": form,
            "number": number,
            "count": len(options),
        },
    )


@login_required
def date_poll_schedule(request, project_id, poll_id, option_id):
    """The chosen date becomes a meeting: the meeting form, filled in from the poll."""
    access, poll = get_poll_for_user(request, project_id, poll_id, need=Can.SCHEDULE_MEETINGS)
    option = poll.options.filter(pk=option_id).first()
    if option is None or not poll.is_open:
        raise Http404
    start = timezone.localtime(option.starts_at)
    form = MeetingForm(
        request.POST or None,
        instance=Meeting(project=access.project, created_by=request.user),
        initial={
            "title": poll.title,
            "date": start.date(),
            "start_time": start.time(),
            "end_time": timezone.localtime(option.ends_at).time(),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.date_poll_schedule(poll=poll, meeting=form.instance)
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(request, _("Meeting scheduled from the poll."))
            return redirect("meeting-detail", access.project.pk, meeting.pk)
    return render(
        request,
        "datepolls/date_poll_schedule.html",
        {"access": access, "project": access.project, "poll": poll, "form": form},
    )
