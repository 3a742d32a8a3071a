"""A screen reader reads the catalogue as words (issue 20, "Smaller"): "PA" is spelled out as
"personal assistant (PA)", in the catalogue and, by a data migration, in databases loaded
before, unless site staff had reworded it."""

import importlib
import re

import pytest
from django.apps import apps
from django.urls import reverse

from accessibility import catalogue
from accessibility.models import Need, NeedGroup

pytestmark = pytest.mark.django_db

migration = importlib.import_module("accessibility.migrations.0006_spell_out_personal_assistant")
# Abbreviations a person may not know, unless the words "(PA)" follow their expansion.
BARE = re.compile(r"(?<!\()\b(PA|BSL|DBS|NHS)\b(?!\))")


def test_the_catalogue_has_no_bare_abbreviations():
    for _code, title, question, needs in catalogue.CATALOGUE:
        for words in (title, question, *(w for need in needs for w in need[1:])):
            assert not BARE.search(words), words


def test_the_support_page_says_personal_assistant(client, cast):
    client.force_login(cast.person)
    page = client.get(reverse("access-needs", args=["support"])).content.decode()
    assert "A support person or personal assistant (PA)" in page
    assert "My personal assistant (PA) or carer comes with me" in page


def test_the_migration_rewords_the_old_words_and_keeps_staff_words():
    NeedGroup.objects.filter(code="support").update(title="A support person or PA")
    Need.objects.filter(code="pa-attends").update(label="Our own words for it")
    migration.forwards(apps, None)
    assert NeedGroup.objects.get(code="support").title == (
        "A support person or personal assistant (PA)"
    )
    assert Need.objects.get(code="pa-attends").label == "Our own words for it"
    migration.backwards(apps, None)
    assert NeedGroup.objects.get(code="support").title == "A support person or PA"
