"""Demo data for date polls, called by `manage.py seed_demo`: an open poll for the first demo
project, with a few answers. Running it again changes nothing."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from projects.models import Project

from . import services
from .models import Answer, DatePoll


def seed(people: dict, project_title: str) -> None:
    project = Project.objects.get(title=project_title)
    if DatePoll.objects.filter(project=project).exists():
        return
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    dates = [
        (
            datetime.combine(today + timedelta(days=days), time(hour), zone),
            datetime.combine(today + timedelta(days=days), time(hour + 2), zone),
        )
        for days, hour in ((24, 10), (26, 14), (31, 10))
    ]
    poll = services.date_poll_open(
        project=project,
        by=people["facilitator@example.com"],
        title="Planning the summer short breaks",
        note="In person at the library, with a hearing loop and step-free access.",
        dates=dates,
    )
    first, second, third = poll.options.all()
    for email, answers in (
        ("carer@example.com", (Answer.YES, Answer.NO, Answer.IF_NEED_BE)),
        ("amina.begum@example.org", (Answer.YES, Answer.YES, Answer.NO)),
    ):
        for option, answer in zip((first, second, third), answers, strict=True):
            services.date_answer_save(option=option, user=people[email], answer=answer)
