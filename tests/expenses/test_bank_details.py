"""Bank details no longer change silently, and payouts no longer follow at once (issue 17,
part 0 and part 3): changing them asks for the password or the authenticator again, is in
the audit trail, tells the person by email and by text message, and holds their bank payouts
for a cooling-off period that the finance officer sees and may release early."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accessibility.models import AccessProfile
from audit.models import Action, Entry
from expenses import services
from expenses.models import BankChange, BankDetailsChange, Claim, PaymentChoice, Status
from expenses.schedule import expected_payment_date
from projects.models import Role
from reminders.models import Channel, Delivery, Kind, ReminderSettings, StoppedKind
from reminders.services import reminders_tick
from tests.base import PASSWORD, add_member, give_second_factor
from tests.expenses.helpers import BANK_FORM, approved_claim, bank_choice, signed_in_just_now
from tests.reminders.fake_notify import API_KEY, FakeNotify

pytestmark = pytest.mark.django_db

NEW_ACCOUNT = BANK_FORM | {"account_number": "07334452"}


def _change(client, data=NEW_ACCOUNT):
    return client.post(reverse("payment-choice-edit"), data)


# Re-authentication


def test_the_payment_choice_page_asks_for_the_password_again_first(client, cast):
    client.force_login(cast.person)  # signed in, but not just now
    response = client.get(reverse("payment-choice-edit"))
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("account_reauthenticate")
        + "?"
        + urlencode({"next": reverse("payment-choice-edit")})
    )


def test_bank_details_sent_without_a_recent_password_are_not_saved_or_kept(client, cast):
    bank_choice(cast.person)
    client.force_login(cast.person)
    response = _change(client)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert PaymentChoice.objects.get(user=cast.person).sort_code == "309457"
    assert not BankDetailsChange.objects.exists()
    # Nor does the form wait in the session (unencrypted) to be replayed afterwards.
    for session in Session.objects.all():
        assert "12345678" not in str(session.get_decoded())


@pytest.mark.parametrize("method", ["password", "mfa"])
def test_with_the_password_or_the_app_given_just_now_the_change_is_saved(client, cast, method):
    give_second_factor(cast.person)
    signed_in_just_now(client, cast.person, method)
    assert client.get(reverse("payment-choice-edit")).status_code == 200
    assert _change(client).status_code == 302
    assert PaymentChoice.objects.get(user=cast.person).account_number == "07334452"


def test_the_password_given_more_than_5_minutes_ago_is_asked_for_again(client, cast):
    signed_in_just_now(client, cast.person)
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        response = _change(client)
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not PaymentChoice.objects.exists()


def test_the_real_password_page_brings_the_person_back_to_the_form(client, cast):
    client.force_login(cast.person)
    url = client.get(reverse("payment-choice-edit"))["Location"]
    response = client.post(url, {"password": PASSWORD})
    assert response["Location"] == reverse("payment-choice-edit")
    assert client.get(reverse("payment-choice-edit")).status_code == 200


# Audit and notices


def _mobile(user, **fields):
    AccessProfile.objects.create(user=user, phone="07700 900123", **fields)


def test_a_change_is_audited_and_told_by_email_and_by_text_message(client, cast, settings):
    bank_choice(cast.person)
    _mobile(cast.person)  # by email is their channel; they gave a mobile number too
    settings.NOTIFY_API_KEY = API_KEY
    signed_in_just_now(client, cast.person)
    _change(client)
    change = BankDetailsChange.objects.get()
    entry = Entry.objects.get(action=Action.BANK_DETAILS_CHANGED)
    assert (entry.actor, entry.subject, entry.target) == (
        cast.person,
        cast.person,
        f"bank_details_change:{change.pk}",
    )
    assert "12345678" not in entry.detail and "200000" not in entry.detail
    notices = Delivery.objects.filter(kind=Kind.BANK_DETAILS_CHANGED, recipient=cast.person)
    assert sorted(notices.values_list("channel", flat=True)) == [Channel.EMAIL, Channel.SMS]
    with FakeNotify() as notify:
        settings.NOTIFY_BASE_URL = notify.url
        settings.NOTIFY_SMS_TEMPLATE_ID = "template-1"
        reminders_tick()
        reminders_tick()
    [text] = notify.requests
    assert text["json"]["phone_number"] == "+447700900123"
    assert "your bank details were changed" in text["json"]["personalisation"]["message"]
    [email] = mail.outbox
    assert email.to == [cast.person.email]
    assert email.subject == "Your bank details have been changed"
    assert "If you did not make this change" in email.body
    assert "we will not pay anything into the new account until" in email.body
    assert "12345678" not in email.body and "3445" not in email.body


def test_without_a_mobile_number_the_email_goes_alone(client, cast, settings):
    settings.NOTIFY_API_KEY = API_KEY
    signed_in_just_now(client, cast.person)
    _change(client)
    notices = Delivery.objects.filter(kind=Kind.BANK_DETAILS_CHANGED)
    assert list(notices.values_list("channel", flat=True)) == [Channel.EMAIL]


def test_the_notice_cannot_be_stopped_and_waits_for_no_quiet_hours_or_summary(client, cast):
    StoppedKind.objects.create(user=cast.person, kind=Kind.BANK_DETAILS_CHANGED)
    ReminderSettings.objects.create(
        user=cast.person, daily_summary=True, quiet_from="00:00", quiet_until="23:59"
    )
    signed_in_just_now(client, cast.person)
    _change(client)
    reminders_tick()
    [email] = mail.outbox
    assert "List-Unsubscribe" not in email.extra_headers


def test_easy_read_people_get_the_easy_read_notice(client, cast):
    AccessProfile.objects.create(user=cast.person, format="easy_read")
    signed_in_just_now(client, cast.person)
    _change(client)
    reminders_tick()
    assert "Someone changed your bank details" in mail.outbox[0].body


def test_keeping_the_details_we_have_is_no_change(client, cast):
    bank_choice(cast.person)
    signed_in_just_now(client, cast.person)
    _change(client, BANK_FORM | {"account_name": "", "sort_code": "", "account_number": ""})
    _change(client, BANK_FORM | {"account_name": "Pat Example"})  # the same details again
    assert not BankDetailsChange.objects.exists()
    assert not Delivery.objects.filter(kind=Kind.BANK_DETAILS_CHANGED).exists()


@pytest.mark.parametrize(
    "data, change, holds",
    [
        (NEW_ACCOUNT, BankChange.NEW_ACCOUNT, True),
        (BANK_FORM | {"account_name": "Patricia Example"}, BankChange.NAME_ONLY, False),
        ({"method": "cash", "time_payment": "full"}, BankChange.REMOVED, False),
    ],
)
def test_each_kind_of_change_is_told_and_only_a_new_account_holds_payments(
    client, cast, data, change, holds
):
    bank_choice(cast.person, account_name="Pat Example")
    signed_in_just_now(client, cast.person)
    _change(client, data)
    row = BankDetailsChange.objects.get()
    assert (row.change, row.hold_until is not None) == (change, holds)
    assert Delivery.objects.filter(kind=Kind.BANK_DETAILS_CHANGED).count() == 1
    assert Entry.objects.filter(action=Action.BANK_DETAILS_CHANGED).count() == 1


def test_bank_details_given_for_the_first_time_hold_payments_too(client, cast):
    signed_in_just_now(client, cast.person)
    _change(client, BANK_FORM)
    assert BankDetailsChange.objects.get().change == BankChange.NEW_ACCOUNT


# The cooling-off period


def _new_account_for(person):
    """The person's bank details changed just now, through the service as the page does."""
    choice = PaymentChoice.objects.get(user=person)
    choice.sort_code, choice.account_number = "309457", "07334452"
    services.payment_choice_save(choice=choice)


def test_approved_claims_of_a_changed_account_wait_out_the_cooling_off_period(cast, settings):
    settings.BANK_DETAILS_COOLING_OFF_HOURS = 72
    claim = approved_claim(cast)
    _new_account_for(cast.person)
    assert services.payout_run() == []
    assert Claim.objects.get(pk=claim.pk).status == Status.APPROVED
    with time_machine.travel(timezone.now() + timedelta(hours=71)):
        assert services.payout_run() == []
    with time_machine.travel(timezone.now() + timedelta(hours=73)):
        [batch_id] = services.payout_run()
    claim.refresh_from_db()
    assert claim.status == Status.SCHEDULED
    item = claim.payout_items.get()
    assert (item.batch_id, item.sort_code) == (batch_id, "309457")


def test_only_the_changed_accounts_claims_wait(cast):
    held = approved_claim(cast)
    other = approved_claim(cast, claimant=cast.carer)
    _new_account_for(cast.person)
    [batch_id] = services.payout_run()
    assert list(Claim.objects.filter(payout_items__batch_id=batch_id)) == [other]
    assert Claim.objects.get(pk=held.pk).status == Status.APPROVED


def test_no_cooling_off_when_it_is_set_to_0_hours(cast, settings):
    settings.BANK_DETAILS_COOLING_OFF_HOURS = 0
    approved_claim(cast)
    _new_account_for(cast.person)
    assert len(services.payout_run()) == 1


def test_the_person_sees_when_payments_to_the_new_account_start(client, cast):
    approved_claim(cast)
    _new_account_for(cast.person)
    client.force_login(cast.person)
    page = client.get(reverse("my-payments")).text
    assert "we will not pay into the new account until" in page


# The finance officer sees and releases holds


def test_the_finance_officer_sees_held_claims_and_when_each_hold_ends(client, cast, officer):
    claim = approved_claim(cast)
    _new_account_for(cast.person)
    ends = timezone.localtime(BankDetailsChange.objects.get().hold_until)
    client.force_login(officer)
    page = client.get(reverse("finance-batch-list")).text
    assert "Payments on hold after a change of bank details" in page
    assert f"Claim {claim.pk}" in page and cast.person.display_name in page
    assert ends.strftime("%-d %b %Y, %H:%M") in page


@pytest.mark.parametrize("people", [2, 20])
def test_the_finance_page_makes_the_same_queries_for_few_and_many_holds(
    client, cast, officer, django_assert_num_queries, people
):
    for _ in range(people):
        user = add_member(cast.project, Role.CARER).user
        bank_choice(user)
        approved_claim(cast, claimant=user)
        _new_account_for(user)
    client.force_login(officer)
    # user, permission, authenticator (the session comes from the cache), then the held
    # claims (count and page), the bank details to confirm, the policy changes waiting and
    # the batches
    with django_assert_num_queries(9):
        response = client.get(reverse("finance-batch-list"))
    assert response.text.count("Release early") == people


def _release(client, change, reason="I phoned Pat on the number we had; it was them."):
    return client.post(reverse("finance-hold-release", args=[change.pk]), {"reason": reason})


def test_releasing_a_hold_early_needs_a_code_from_the_app_given_just_now(client, cast, officer):
    approved_claim(cast)
    _new_account_for(cast.person)
    change = BankDetailsChange.objects.get()
    client.force_login(officer)  # signed in with the app, but not lately
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        response = _release(client, change)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    change.refresh_from_db()
    assert change.released_at is None
    # The password alone is not the second factor.
    client.reauthenticate(officer, "password")
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        client.reauthenticate(officer, "password")
        assert _release(client, change)["Location"].startswith(reverse("mfa_reauthenticate"))


def test_the_finance_officer_releases_a_hold_with_a_reason_and_the_next_run_pays(
    client, cast, officer
):
    claim = approved_claim(cast)
    _new_account_for(cast.person)
    change = BankDetailsChange.objects.get()
    signed_in_just_now(client, officer, "mfa")
    page = client.get(reverse("finance-hold-release", args=[change.pk])).text
    assert f"Claim {claim.pk}" in page
    response = _release(client, change, reason="   ")
    assert "Say why the hold can end early" in response.text
    assert "There is a problem" in response.text
    assert _release(client, change).status_code == 302
    change.refresh_from_db()
    assert (change.released_by, change.release_reason) == (
        officer,
        "I phoned Pat on the number we had; it was them.",
    )
    entry = Entry.objects.get(action=Action.BANK_HOLD_RELEASED)
    assert (entry.actor, entry.subject) == (officer, cast.person)
    assert "phoned Pat" in entry.detail
    assert len(services.payout_run()) == 1
    claim.refresh_from_db()
    assert claim.status == Status.SCHEDULED
    # Released once: a second release is refused.
    response = _release(client, change)
    assert "no longer on hold" in response.text


def test_nobody_releases_a_hold_on_their_own_payments(client, cast, officer):
    bank_choice(officer)
    _new_account_for(officer)
    change = BankDetailsChange.objects.get(user=officer)
    signed_in_just_now(client, officer, "mfa")
    response = _release(client, change)
    assert "Someone else must release a hold on your own payments" in response.text
    change.refresh_from_db()
    assert change.released_at is None


def test_only_finance_officers_release_holds(client, cast):
    bank_choice(cast.person)
    _new_account_for(cast.person)
    change = BankDetailsChange.objects.get()
    for user in (cast.commissioner, cast.facilitator, cast.person):
        signed_in_just_now(client, user, "mfa")
        assert _release(client, change).status_code == 403
    change.refresh_from_db()
    assert change.released_at is None


def test_a_held_claim_promises_the_date_after_the_hold(client, cast):
    claim = approved_claim(cast)
    _new_account_for(cast.person)
    hold_until = BankDetailsChange.objects.get().hold_until
    client.force_login(cast.person)
    page = client.get(reverse("claim-detail", args=[cast.project.pk, claim.pk])).text
    promised = expected_payment_date(hold_until)
    assert f"Paid by {promised:%A} {promised.day} {promised:%B}" in page
