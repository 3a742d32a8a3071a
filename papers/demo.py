"""Demo data for papers, called by `manage.py seed_demo`: papers for the main project's next
meeting (standard and easy read) and the note and decisions of its last one. Running it again
changes nothing."""

from django.utils import timezone

from projects.models import Meeting, Project
from reviews.models import Action

from .models import Decision, MeetingNote, Paper

_PAPER = (
    "The council has set aside money for short breaks next year.\n\n"
    "Carers told us three things matter most: finding out what is on offer, booking without "
    "long forms, and breaks that fit round the person they care for.\n\n"
    "At this meeting we will look at four ideas and choose two to try first."
)
_EASY_READ = (
    "There is money for short breaks next year.\n\n"
    "Carers told us what matters.\n\n"
    "We will choose 2 ideas to try first."
)


def seed(people: dict, project_title: str) -> None:
    facilitator = people["facilitator@example.com"]
    project = Project.objects.get(title=project_title)
    meetings = Meeting.objects.filter(project=project, cancelled_at__isnull=True)
    upcoming = meetings.upcoming().first()
    if upcoming and not Paper.objects.filter(meeting=upcoming).exists():
        for version, text in (("standard", _PAPER), ("easy_read", _EASY_READ)):
            Paper.objects.create(
                meeting=upcoming,
                title="Ideas for short breaks",
                version=version,
                text=text,
                added_by=facilitator,
            )
    last = meetings.past().first()
    if last is None or MeetingNote.objects.filter(meeting=last).exists():
        return
    MeetingNote.objects.create(
        meeting=last,
        agreed=(
            "We went through what 40 carers told us. We agreed the booking form is the "
            "biggest barrier, and that carers will test any new form before it is used."
        ),
        easy_read="Booking a short break is too hard.\nCarers will test the new form first.",
        written_by=facilitator,
        updated_at=timezone.now(),
    )
    action = Action.objects.filter(cycle__project=project).first()
    for text, linked in (
        ("Replace the six-page booking form with a one-page form.", action),
        ("Carers on the group test the new form before it goes live.", None),
    ):
        Decision.objects.create(meeting=last, text=text, action=linked, recorded_by=facilitator)
