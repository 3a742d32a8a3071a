"""The person's own profile pages: several short forms, nothing required, clear errors."""

import pytest
from django.urls import reverse

from accessibility.models import AccessProfile, Importance, ProfileNeed
from tests.accessibility.helpers import ensure_catalogue, give_needs

pytestmark = pytest.mark.django_db


def test_a_person_picks_needs_in_a_group_with_their_own_words(client, cast):
    ensure_catalogue()
    client.force_login(cast.person)
    url = reverse("access-needs", args=["venue"])
    assert "What helps you at the venue?" in client.get(url).text
    response = client.post(
        url,
        {
            "quiet-room": Importance.ESSENTIAL,
            "quiet-room-words": "Somewhere with a door I can close",
            "lighting": Importance.NEGOTIABLE,
            "next": "1",
        },
    )
    assert response["Location"] == reverse("access-needs", args=["online"])
    rows = {pn.need.code: pn for pn in ProfileNeed.objects.filter(profile__user=cast.person)}
    assert rows.keys() == {"quiet-room", "lighting"}
    assert rows["quiet-room"].importance == Importance.ESSENTIAL
    assert rows["quiet-room"].own_words == "Somewhere with a door I can close"
    # Saving the group again without a need removes it; other groups are untouched.
    give_needs(cast.person, ("bsl", Importance.ESSENTIAL, ""))
    client.post(url, {"lighting": Importance.ESSENTIAL})
    codes = set(
        ProfileNeed.objects.filter(profile__user=cast.person).values_list("need__code", flat=True)
    )
    assert codes == {"lighting", "bsl"}
    page = client.get(reverse("access-profile")).text
    assert "Soft or adjustable lighting (essential)" in page


@pytest.mark.parametrize(
    "data, message",
    [
        ({"quiet-room": "vital"}, "Select a valid choice"),
        ({"quiet-room-words": "a door"}, "Choose essential or negotiable, or delete your words"),
        ({"quiet-room": Importance.ESSENTIAL, "quiet-room-words": "x" * 1001}, "at most 1000"),
    ],
)
def test_bad_needs_answers_are_refused_and_nothing_changes(client, cast, data, message):
    ensure_catalogue()
    client.force_login(cast.person)
    response = client.post(reverse("access-needs", args=["venue"]), data)
    assert response.status_code == 200
    assert message in response.text
    assert "There is a problem" in response.text
    assert not ProfileNeed.objects.exists()


def test_an_unknown_group_is_a_404(client, cast):
    ensure_catalogue()
    client.force_login(cast.person)
    assert client.get(reverse("access-needs", args=["diagnosis"])).status_code == 404


def test_a_code_from_another_group_is_refused_by_the_service(cast):
    from django.core.exceptions import ValidationError

    from accessibility import services
    from accessibility.models import NeedGroup

    ensure_catalogue()
    with pytest.raises(ValidationError, match="not in the list"):
        services.profile_needs_set(
            user=cast.person,
            group=NeedGroup.objects.get(code="venue"),
            answers={"bsl": (Importance.ESSENTIAL, "")},
        )
    with pytest.raises(ValidationError, match="essential or negotiable"):
        services.profile_needs_set(
            user=cast.person,
            group=NeedGroup.objects.get(code="venue"),
            answers={"lighting": ("vital", "")},
        )
    assert not ProfileNeed.objects.exists()


def test_nothing_is_required_on_the_about_page(client, cast):
    client.force_login(cast.person)
    assert client.post(reverse("access-about"), {}).status_code == 302
    client.post(reverse("access-about"), {"pronouns": "they/them", "own_words": "Go slowly"})
    profile = AccessProfile.objects.get(user=cast.person)
    assert (profile.pronouns, profile.own_words) == ("they/them", "Go slowly")


CONTACT = {
    "channels": ["email", "text"],
    "phone": "07700 900123",
    "format": "easy_read",
    "best_times": "Mornings",
    "notice_days": "10",
}


def test_contact_preferences_are_saved(client, cast):
    client.force_login(cast.person)
    assert client.post(reverse("access-contact"), CONTACT).status_code == 302
    profile = AccessProfile.objects.get(user=cast.person)
    assert (profile.by_email, profile.by_text, profile.by_phone, profile.by_post) == (
        True,
        True,
        False,
        False,
    )
    assert (profile.phone, profile.format, profile.notice_days) == ("07700 900123", "easy_read", 10)


def test_contact_preferences_are_saved_in_standard_print(client, cast):
    """The form once offered only large print and easy read, so nobody could choose texts or a
    notice period without a format they did not need."""
    client.force_login(cast.person)
    page = client.get(reverse("access-contact")).text
    assert 'value="standard"' in page
    assert (
        client.post(reverse("access-contact"), CONTACT | {"format": "standard"}).status_code == 302
    )
    profile = AccessProfile.objects.get(user=cast.person)
    assert (profile.format, profile.by_text, profile.notice_days) == ("standard", True, 10)


@pytest.mark.parametrize(
    "change, message",
    [
        ({"phone": "12345"}, "Enter a UK phone number"),
        ({"phone": "0121 496 0000"}, "Enter a UK mobile number to get text messages"),
        ({"channels": ["phone"], "phone": ""}, "Enter a phone number so that we can call you"),
        ({"channels": ["post"]}, "Enter your address so that we can write to you"),
        ({"notice_days": "29"}, "Enter a number of days from 0 to 28"),
        ({"notice_days": "a week"}, "Enter a number of days, like 7"),
        ({"format": "braille-ish"}, "Select a valid choice"),
    ],
)
def test_bad_contact_details_are_refused_and_nothing_is_saved(client, cast, change, message):
    client.force_login(cast.person)
    response = client.post(reverse("access-contact"), CONTACT | change)
    assert response.status_code == 200
    assert message in response.text
    assert not AccessProfile.objects.exists()


def test_the_printable_page_has_the_needs_and_a_print_stylesheet(client, cast):
    give_needs(cast.person, ("bsl", Importance.ESSENTIAL, "For the whole day"))
    client.force_login(cast.person)
    page = client.get(reverse("access-print")).text
    assert "A British Sign Language interpreter" in page and "For the whole day" in page
    assert 'media="print"' in page


def test_my_profile_is_still_right_records_the_date(client, cast):
    from datetime import timedelta

    from django.utils import timezone

    profile = give_needs(cast.person)
    AccessProfile.objects.filter(pk=profile.pk).update(
        checked_at=timezone.now() - timedelta(days=200)
    )
    client.force_login(cast.person)
    client.post(reverse("access-confirm"))
    profile.refresh_from_db()
    assert timezone.now() - profile.checked_at < timedelta(minutes=1)
