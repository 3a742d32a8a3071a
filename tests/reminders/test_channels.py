import pytest

from reminders import channels
from tests.reminders.fake_notify import API_KEY, FakeNotify


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("07700 900123", "+447700900123"),
        ("+44 7700 900123", "+447700900123"),
        ("(0044) 7700-900123", "+447700900123"),
        ("0121 496 0000", None),  # a landline cannot take a text
        ("07700 90012", None),
        ("not a number", None),
        ("", None),
    ],
)
def test_uk_mobile_numbers_are_recognised(typed, expected):
    assert channels.normalise_uk_mobile(typed) == expected


def test_a_text_message_goes_to_notify_signed_with_the_api_key(settings):
    with FakeNotify() as notify:
        settings.NOTIFY_API_KEY = API_KEY
        settings.NOTIFY_BASE_URL = notify.url
        settings.NOTIFY_SMS_TEMPLATE_ID = "template-1"
        channels.send_sms("+447700900123", "Reminder: Ideas day, Mon 10 May, 10:00.")
    [request] = notify.requests
    assert request["path"] == "/v2/notifications/sms"
    assert request["authorization"].startswith("Bearer ")
    assert request["json"] == {
        "phone_number": "+447700900123",
        "template_id": "template-1",
        "personalisation": {"message": "Reminder: Ideas day, Mon 10 May, 10:00."},
    }


def test_a_notify_error_is_raised_for_the_sender_to_retry(settings):
    with FakeNotify(fail=True) as notify:
        settings.NOTIFY_API_KEY = API_KEY
        settings.NOTIFY_BASE_URL = notify.url
        with pytest.raises(Exception, match="500"):
            channels.send_sms("+447700900123", "hello")
