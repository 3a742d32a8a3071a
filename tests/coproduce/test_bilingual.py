"""Words people write, in English and Welsh (coproduce/bilingual.py): each reader gets their
language, or the other one with its lang attribute and a note that says so."""

from html import unescape

import pytest
from django.urls import reverse

from charters import services as charters
from tests.base import make_meeting
from tests.reviews.factories import make_cycle

pytestmark = pytest.mark.django_db

ONLY_IN_ENGLISH = "Dim ond yn Saesneg mae hwn ar gael"
ONLY_IN_WELSH = "This is only available in Welsh"


def _read(client, user, language, url) -> str:
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    return unescape(client.get(url).content.decode())


def test_a_welsh_reader_gets_the_english_summary_marked_as_english(client, cast):
    page = _read(client, cast.person, "cy", reverse("project-detail", args=[cast.project.pk]))
    assert ONLY_IN_ENGLISH in page
    assert 'lang="en"><p>Redesigning short breaks with carers.</p>' in page


def test_a_welsh_reader_gets_the_welsh_summary_when_there_is_one(client, cast):
    cast.project.summary_cy = "Ailgynllunio seibiannau byr gyda gofalwyr."
    cast.project.save(update_fields=["summary_cy"])
    page = _read(client, cast.person, "cy", reverse("project-detail", args=[cast.project.pk]))
    assert "Ailgynllunio seibiannau byr gyda gofalwyr." in page
    assert ONLY_IN_ENGLISH not in page and "Redesigning short breaks" not in page


def test_an_english_reader_gets_an_agenda_written_only_in_welsh_marked_as_welsh(client, cast):
    meeting = make_meeting(cast.project, agenda_cy="Croeso a chyflwyniadau")
    page = _read(
        client, cast.person, "en-gb", reverse("meeting-detail", args=[cast.project.pk, meeting.pk])
    )
    assert ONLY_IN_WELSH in page
    assert 'lang="cy"><p>Croeso a chyflwyniadau</p>' in page


def test_the_welsh_is_edited_beside_the_english(client, cast):
    client.force_login(cast.facilitator)
    meeting = make_meeting(cast.project)
    url = reverse("meeting-edit", args=[cast.project.pk, meeting.pk])
    assert 'name="agenda_cy"' in client.get(url).content.decode()


def test_a_new_charter_starts_in_both_languages(client, cast):
    charter = charters.charter_for(cast.project)
    assert charter.draft["equality"]["text"].startswith("Nobody in this group matters more")
    assert charter.draft["equality"]["text_cy"].startswith("Does neb yn y grŵp hwn")
    page = _read(client, cast.person, "cy", reverse("charter-draft", args=[cast.project.pk]))
    assert "Does neb yn y grŵp hwn yn bwysicach na neb arall." in page
    assert ONLY_IN_ENGLISH not in page


def test_review_statements_are_frozen_in_both_languages(client, cast):
    cycle = make_cycle(cast.project)
    first = cycle.statements[0]
    assert first["text"] and first["text_cy"] and first["text"] != first["text_cy"]
    url = reverse("review-answer", args=[cast.project.pk, cycle.pk])
    page = _read(client, cast.person, "cy", url)
    assert first["text_cy"] in page and first["text"] not in page
