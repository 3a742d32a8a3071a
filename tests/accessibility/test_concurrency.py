"""Races that only a real PostgreSQL shows: two tabs or two facilitators saving at once."""

import pytest

from accessibility import services
from accessibility.models import (
    AccessProfile,
    Arrangement,
    Importance,
    NeedGroup,
    ProfileNeed,
    ShareLevel,
    SharingConsent,
)
from tests.accessibility.helpers import ensure_catalogue, give_needs
from tests.base import make_cast, make_meeting
from tests.races import race
from tests.services import require_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_tabs_saving_the_same_needs_at_once_make_one_profile_and_one_row_each():
    require_postgres()
    ensure_catalogue()
    cast = make_cast()
    venue = NeedGroup.objects.get(code="venue")
    answers = {"quiet-room": (Importance.ESSENTIAL, "a door that closes")}
    errors = race(
        *[lambda: services.profile_needs_set(user=cast.person, group=venue, answers=answers)] * 3,
        catching=Exception,  # an IntegrityError from a lost race included
    )
    assert errors == []
    assert AccessProfile.objects.count() == 1
    assert ProfileNeed.objects.get().own_words == "a door that closes"


def test_sharing_set_twice_at_once_keeps_one_consent():
    require_postgres()
    cast = make_cast()
    errors = race(
        lambda: services.sharing_set(user=cast.person, project=cast.project, level="summary"),
        lambda: services.sharing_set(user=cast.person, project=cast.project, level="everything"),
        catching=Exception,
    )
    assert errors == []
    assert SharingConsent.objects.get().level in (ShareLevel.SUMMARY, ShareLevel.EVERYTHING)


def test_two_facilitators_arranging_the_same_item_at_once_leave_one_answer():
    require_postgres()
    cast = make_cast()
    meeting = make_meeting(cast.project)
    need = give_needs(cast.person, ("bsl", Importance.ESSENTIAL, "")).needs.get().need

    def arrange(note):
        return lambda: services.arrangement_set(
            meeting=meeting,
            person_id=cast.person.pk,
            need=need,
            status="arranged",
            note=note,
            decided_by=cast.facilitator,
        )

    errors = race(arrange("booked by Fred"), arrange("booked by Fay"), catching=Exception)
    assert errors == []
    assert Arrangement.objects.get().note in ("booked by Fred", "booked by Fay")
