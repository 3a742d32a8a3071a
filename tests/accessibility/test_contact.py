"""Contact preferences from the access profile reach the reminders: channel, format, phone
and notice."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail

from accessibility.contact import contact_preferences_for
from accessibility.models import AccessProfile
from reminders.models import Delivery, Status
from reminders.services import reminders_tick
from tests.base import LONDON, make_meeting
from tests.reminders.fake_notify import API_KEY, FakeNotify

pytestmark = pytest.mark.django_db

START = datetime(2027, 5, 10, 10, 0, tzinfo=LONDON)


def _profile(user, **fields):
    return AccessProfile.objects.create(user=user, **fields)


@pytest.mark.parametrize(
    "fields, channel",
    [
        ({"by_text": True, "phone": "07700 900123"}, "sms"),
        ({"by_text": True, "phone": "0121 496 0000"}, "email"),  # a landline takes no texts
        ({"by_email": False, "by_phone": True, "phone": "0121 496 0000"}, "todo"),
        ({"by_email": False, "by_post": True, "postal_address": "1 High St"}, "todo"),
        ({"by_email": False}, "email"),  # nothing ticked: never nothing
    ],
)
def test_the_channel_follows_the_profile(cast, fields, channel):
    _profile(cast.person, **fields)
    assert contact_preferences_for([cast.person.pk])[cast.person.pk].channel == channel


def test_preferences_for_many_people_take_one_query(cast, django_assert_num_queries):
    for user in (cast.person, cast.carer, cast.professional):
        _profile(user, format="easy_read", notice_days=10)
    with django_assert_num_queries(1):
        prefs = contact_preferences_for([cast.person.pk, cast.carer.pk, cast.outsider.pk])
    assert prefs.keys() == {cast.person.pk, cast.carer.pk}
    assert (prefs[cast.carer.pk].format, prefs[cast.carer.pk].lead_days) == ("easy_read", 10)


def test_reminders_go_by_text_in_easy_read_with_the_persons_own_notice(cast, settings):
    _profile(cast.person, by_text=True, phone="07700 900123", notice_days=10)
    _profile(cast.carer, format="easy_read")
    _profile(cast.professional, by_email=False, by_phone=True, phone="0121 496 0000")
    make_meeting(
        cast.project, title="Ideas day", starts_at=START, ends_at=START + timedelta(hours=1)
    )
    with FakeNotify() as notify:
        settings.NOTIFY_API_KEY = API_KEY
        settings.NOTIFY_BASE_URL = notify.url
        settings.NOTIFY_SMS_TEMPLATE_ID = "template-1"
        with time_machine.travel(START - timedelta(days=10), tick=False):
            reminders_tick()
    # Ten days' notice: only the person who asked for it is reminded this early, by text.
    [request] = notify.requests
    assert request["json"]["phone_number"] == "+447700900123"
    assert "Ideas day" in request["json"]["personalisation"]["message"]
    assert mail.outbox == []
    with time_machine.travel(START - timedelta(days=7), tick=False):
        reminders_tick()
    [to_carer] = [m for m in mail.outbox if m.to == [cast.carer.email]]
    assert "There is a meeting soon." in to_carer.body  # the easy read version
    todo = Delivery.objects.get(recipient=cast.professional, occurrence="7d")
    assert (todo.channel, todo.status) == ("todo", Status.TODO)
