"""The language switch in the header, the language saved on a person's account, and the
messages sent to them in it (accounts/language.py)."""

from datetime import datetime
from html import unescape

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from accounts.models import User
from reminders.models import CalendarFeed
from reminders.services import reminders_tick
from tests.base import LONDON, Client
from tests.reminders.test_meeting_kinds import _schedule

pytestmark = pytest.mark.django_db


def _switch(client, language, next_url="/"):
    return client.post(reverse("language-set"), {"language": language, "next": next_url})


def test_anyone_can_switch_to_welsh_and_back(client):
    response = _switch(client, "cy", "/privacy/")
    assert response.status_code == 302 and response["Location"] == "/privacy/"
    page = client.get("/privacy/").content.decode()
    assert '<html lang="cy"' in page and "Hysbysiad preifatrwydd" in page
    # The other language is a button named in itself, with its own lang attribute.
    assert 'lang="en-gb" class="app-language-switch__button">English</button>' in page
    _switch(client, "en-gb")
    assert '<html lang="en-gb"' in client.get("/privacy/").content.decode()


def test_the_switch_does_not_send_people_to_another_site(client):
    response = _switch(client, "cy", "https://evil.example/")
    assert response["Location"] == "/"


def test_a_language_the_portal_does_not_have_changes_nothing(client, cast):
    client.force_login(cast.person)
    _switch(client, "fr")
    cast.person.refresh_from_db()
    assert cast.person.language == ""


def test_a_signed_in_persons_choice_follows_them_to_another_device(client, cast):
    client.force_login(cast.person)
    _switch(client, "cy")
    cast.person.refresh_from_db()
    assert cast.person.language == "cy"
    elsewhere = Client()
    elsewhere.force_login(cast.person)
    assert '<html lang="cy"' in elsewhere.get("/").content.decode()


def test_the_language_is_a_setting_on_the_account_page(client, cast):
    client.force_login(cast.person)
    page = client.get(reverse("profile-edit")).content.decode()
    assert 'value="cy"' in page
    client.post(
        reverse("profile-edit"),
        {"preferred_name": "Pat", "full_name": "", "language": "cy"},
    )
    assert User.objects.get(pk=cast.person.pk).language == "cy"
    assert "Mae eich manylion wedi'u cadw." in unescape(client.get(reverse("profile-edit")).text)


def test_someone_who_signs_up_in_welsh_is_written_to_in_welsh(client):
    _switch(client, "cy")
    client.post(
        reverse("account_signup"),
        {
            "email": "newcomer@example.org",
            "password1": "a-long-test-password-1",
            "password2": "a-long-test-password-1",
            "preferred_name": "Nia",
        },
    )
    assert User.objects.get(email="newcomer@example.org").language == "cy"
    assert "Cadarnhewch eich cyfeiriad e-bost" in mail.outbox[-1].subject


@time_machine.travel(datetime(2027, 5, 3, 10, 0, tzinfo=LONDON), tick=False)
def test_a_welsh_speaker_gets_their_reminders_in_welsh_and_others_in_english(client, cast):
    cast.carer.language = "cy"
    cast.carer.save(update_fields=["language"])
    _schedule(client, cast)  # by the facilitator, in English
    reminders_tick()
    reminders_tick()
    by_person = {message.to[0]: message for message in mail.outbox}
    welsh = by_person[cast.carer.email]
    assert welsh.subject == "Gwahoddiad: Ideas day, Dydd Llun 10 Mai"
    assert "Rydych chi wedi cael gwahoddiad i Ideas day (Short breaks)." in welsh.body
    html = welsh.alternatives[0][0]
    assert '<html lang="cy">' in html
    english = by_person[cast.person.email]
    assert english.subject == "Invitation: Ideas day on Monday 10 May"


def test_the_calendar_feed_is_named_in_the_persons_language(client, cast):
    cast.person.language = "cy"
    cast.person.save(update_fields=["language"])
    feed = CalendarFeed.objects.create(user=cast.person, token="feed-token")
    body = client.get(reverse("calendar-feed", args=[feed.token])).content
    assert str(Calendar.from_ical(body)["x-wr-calname"]) == "Cyfarfodydd Coproduce"
