from django.urls import reverse
from icalendar import Calendar

from reminders.models import CalendarFeed
from tests.base import make_meeting, make_project, make_user


def test_the_private_feed_lists_my_meetings_and_parses_as_icalendar(client, cast):
    mine = make_meeting(cast.project, title="Ideas day")
    make_meeting(make_project(make_user()), title="Not mine")
    client.force_login(cast.carer)
    client.get(reverse("reminder-list"))
    token = CalendarFeed.objects.get(user=cast.carer).token
    client.logout()  # calendar apps do not sign in: the address is the key
    response = client.get(reverse("calendar-feed", args=[token]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Ideas day (Short breaks)"
    assert event.decoded("dtstart") == mine.starts_at
    assert str(event["uid"]) == f"meeting-{mine.pk}@coproduce"


def test_after_a_reset_the_old_address_is_a_404(client, cast):
    client.force_login(cast.carer)
    client.get(reverse("reminder-list"))
    old = CalendarFeed.objects.get(user=cast.carer).token
    assert client.post(reverse("calendar-feed-reset")).status_code == 302
    new = CalendarFeed.objects.get(user=cast.carer).token
    assert new != old
    assert client.get(reverse("calendar-feed", args=[old])).status_code == 404
    assert client.get(reverse("calendar-feed", args=[new])).status_code == 200


def test_each_meeting_downloads_as_an_ics_file(client, cast):
    meeting = make_meeting(cast.project, title="Ideas day")
    client.force_login(cast.person)
    response = client.get(reverse("meeting-calendar", args=[cast.project.pk, meeting.pk]))
    assert "attachment" in response["Content-Disposition"]
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["summary"]) == "Ideas day (Short breaks)"
