"""The person's own forms, fuzzed through their views (see harness.py): access needs,
profile, sign-up, reminders and erasure."""

from allauth.account.models import EmailAddress

from accessibility.forms import AboutForm, ArrangementForm, ContactForm, NeedsForm, ShareForm
from accessibility.models import AccessProfile, Arrangement, ProfileNeed, SharingConsent
from accounts.forms import ProfileForm, SignupForm
from accounts.models import User
from privacy.forms import EraseForm
from reminders.forms import ReminderSettingsForm
from reminders.models import CalendarFeed, ReminderSettings
from tests.accessibility.helpers import ensure_catalogue
from tests.fuzz.harness import fuzz_form


def _profile_of_pat(cast):
    ensure_catalogue()
    AccessProfile.objects.create(user=cast.person, own_words="I lip-read.")


test_access_about = fuzz_form(
    AboutForm,
    url="access-about",
    kwargs=lambda cast: {},
    who=lambda cast: cast.person,
    setup=_profile_of_pat,
    valid={"name_to_use": "Pat", "pronouns": "they/them", "own_words": "I need breaks."},
    watched=lambda cast: [AccessProfile],
    saved_text=["name_to_use", "pronouns", "own_words"],
)

test_access_needs = fuzz_form(
    NeedsForm,
    url="access-needs",
    kwargs=lambda cast: {"group_code": "venue"},
    who=lambda cast: cast.person,
    setup=_profile_of_pat,
    valid={
        "quiet-room": "essential",
        "quiet-room-words": "Somewhere dark.",
        "lighting": "negotiable",
        "lighting-words": "",
        "hearing-loop": "",
        "next": "1",
    },
    watched=lambda cast: [AccessProfile, ProfileNeed],
    saved_text=["quiet-room-words", "lighting-words"],
)

test_access_contact = fuzz_form(
    ContactForm,
    url="access-contact",
    kwargs=lambda cast: {},
    who=lambda cast: cast.person,
    setup=_profile_of_pat,
    valid={
        "channels": ["email", "text", "post"],
        "phone": "07700 900 982",
        "postal_address": "1 High Street\nTown",
        "format": "large_print",
        "best_times": "Mornings",
        "notice_days": "7",
    },
    watched=lambda cast: [AccessProfile],
    saved_text=["postal_address", "best_times"],
)

test_access_sharing = fuzz_form(
    ShareForm,
    url="access-sharing-edit",
    who=lambda cast: cast.person,
    setup=_profile_of_pat,
    valid={"level": "summary"},
    watched=lambda cast: [SharingConsent],
)

test_arrangement_edit = fuzz_form(
    ArrangementForm,
    url="arrangement-edit",
    who=lambda cast: cast.facilitator,
    valid={"status": "not_possible", "note": "We offer a room next door."},
    watched=lambda cast: [Arrangement],
    saved_text=["note"],
)

test_profile_edit = fuzz_form(
    ProfileForm,
    url="profile-edit",
    kwargs=lambda cast: {},
    who=lambda cast: cast.person,
    valid={"preferred_name": "Pat", "full_name": "Patricia Example"},
    watched=lambda cast: [User],
    saved_text=["preferred_name", "full_name"],
)


def _no_sign_up_limit(cast):
    from django.conf import settings

    # allauth counts sign-ups per address in the cache, which no savepoint rolls back.
    settings.ACCOUNT_RATE_LIMITS = False


test_sign_up = fuzz_form(
    SignupForm,
    url="account_signup",
    kwargs=lambda cast: {},
    who=lambda cast: None,
    setup=_no_sign_up_limit,
    valid={
        "email": "sam@example.org",
        "password1": "a-long-new-password-2",
        "password2": "a-long-new-password-2",
        "preferred_name": "Sam",
    },
    watched=lambda cast: [User, EmailAddress],
    saved_text=["preferred_name"],
)


def _reminder_rows(cast):
    ReminderSettings.objects.create(user=cast.person)
    CalendarFeed.objects.create(user=cast.person)


test_reminder_settings = fuzz_form(
    ReminderSettingsForm,
    url="reminder-list",
    kwargs=lambda cast: {},
    who=lambda cast: cast.person,
    setup=_reminder_rows,
    valid={"daily_summary": "on", "quiet_from": "21:00", "quiet_until": "8am"},
    watched=lambda cast: [ReminderSettings],
)


def _signed_in_just_now(user):
    def sign_in(client):
        client.force_login(user)
        # As if the password was given again just now (the page asks for it), without a
        # request to the sign-in page before every post.
        client.reauthenticate(user)

    return sign_in


test_erase = fuzz_form(
    EraseForm,
    url="my-data-erase",
    kwargs=lambda cast: {},
    who=lambda cast: cast.carer,
    valid={"understood": "on"},
    watched=lambda cast: [User.objects.filter(pk=cast.carer.pk)],
    before_each_for=lambda cast: _signed_in_just_now(cast.carer),
    is_accepted=lambda response: b"has been erased" in response.content,
)
