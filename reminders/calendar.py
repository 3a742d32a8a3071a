"""iCalendar files: a person's private feed of their meetings, and one file per meeting."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from coproduce.bidi import isolate


def _text(value: str) -> str:
    """Line breaks as iCalendar takes them: it escapes a line feed, but a carriage return (which
    a browser sends for every line break in a text box) would end the line and break the file."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _event(meeting) -> Event:
    # Titles, places and joining details people typed are isolated (Unicode FSI ... PDI, only
    # when they hold right-to-left text or direction controls), so that a title in Urdu keeps
    # "(project)" after it in a calendar app's English line. Both are ordinary characters to
    # iCalendar, which takes any UTF-8 text.
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@coproduce")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", _one_line(f"{isolate(meeting.title)} ({isolate(meeting.project.title)})"))
    if meeting.venue_address:
        event.add("location", _text(isolate(meeting.venue_address)))
    url = settings.SITE_URL + reverse("meeting-detail", args=[meeting.project_id, meeting.pk])
    event.add("url", url)
    event.add(
        "description", _text("\n\n".join(filter(None, [isolate(meeting.joining_details), url])))
    )
    return event


def calendar_for(meetings, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Coproduce//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _one_line(name))
    for meeting in meetings:
        calendar.add_component(_event(meeting))
    return calendar.to_ical()
