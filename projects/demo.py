"""Demo data for lived-experience leadership, called by `manage.py seed_demo`: Sam (a person who
draws on care) co-chairs the main project and has scheduled a meeting for its lived-experience
members only. Running it again changes nothing."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from .models import Audience, Meeting, MeetingFormat, Membership, Project


def seed(people: dict, project_title: str) -> None:
    project = Project.objects.get(title=project_title)
    sam = people["person@example.com"]
    Membership.objects.filter(project=project, user=sam).update(co_chair=True)
    if Meeting.objects.filter(project=project, audience=Audience.LIVED_EXPERIENCE).exists():
        return
    day = timezone.localdate() + timedelta(days=14)
    london = ZoneInfo(settings.TIME_ZONE)
    Meeting.objects.create(
        project=project,
        title="Carers' and members' own meeting",
        audience=Audience.LIVED_EXPERIENCE,
        starts_at=datetime.combine(day, time(14), london),
        ends_at=datetime.combine(day, time(15, 30), london),
        format=MeetingFormat.ONLINE,
        joining_details="Sam will send the video link the day before.",
        planned_breaks="A 10 minute break halfway.",
        agenda="1. What we want to say at the next full meeting\n2. Anything else",
        created_by=sam,
    )
