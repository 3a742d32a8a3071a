"""Payment details recorded on behalf of a member without email (issue 20, item 9): a
facilitator records them with the member's agreement, after giving their own password again;
bank details recorded that way are not paid into until a finance officer who did not record
them has confirmed them with the person, on top of the cooling-off period; the member hears by
the phone call or letter they asked for, and sees who recorded them once they have an account."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, Entry
from expenses import services
from expenses.models import BankChange, BankDetailsChange, Claim, Method, PaymentChoice, Status
from projects.models import Membership, RecordedFor, RecordedOnBehalf
from reminders.models import Channel, Delivery, Kind
from reminders.models import Status as DeliveryStatus
from reminders.services import reminders_tick
from tests.expenses.helpers import approved_claim, finance_officer, signed_in_just_now
from tests.projects.permissions import _member_without_email

pytestmark = pytest.mark.django_db

GWEN_BANK = {
    "method": "bank",
    "account_name": "Gwen Parry",
    "sort_code": "30-94-57",
    "account_number": "00733446",
    "time_payment": "full",
    "consent": "Agreed on the phone on 3 May; she read her bank card out",
}


def _gwen(cast) -> Membership:
    return Membership.objects.get(pk=_member_without_email(cast)["membership_id"])


def _url(cast, gwen) -> str:
    return reverse("payment-on-behalf", args=[cast.project.pk, gwen.pk])


def _record(client, cast, gwen, data=GWEN_BANK):
    signed_in_just_now(client, cast.facilitator)
    return client.post(_url(cast, gwen), data)


def _recorded(cast, gwen, sort_code="309457", account_number="00733446", method="bank"):
    """Through the service, as the page does."""
    choice = PaymentChoice.objects.filter(user=gwen.user).first() or PaymentChoice(user=gwen.user)
    choice.method, choice.account_name = method, "Gwen Parry"
    choice.sort_code, choice.account_number = sort_code, account_number
    services.payment_choice_record_on_behalf(
        choice=choice, membership=gwen, consent="Agreed", recorded_by=cast.facilitator
    )
    return BankDetailsChange.objects.filter(user=gwen.user).first()


def _confirm(client, change, sort_code="30-94-57", account_number="00733446", note="Phoned"):
    return client.post(
        reverse("finance-bank-details-confirm", args=[change.pk]),
        {"sort_code": sort_code, "account_number": account_number, "note": note},
    )


# Recording


def test_the_facilitator_records_payment_details_with_the_members_agreement(client, cast):
    gwen = _gwen(cast)
    signed_in_just_now(client, cast.facilitator)
    page = client.get(_url(cast, gwen)).text
    # The form speaks about the member, not as them.
    assert "How do they want to be paid?" in page
    assert "The full payment for their time" in page
    assert "not used for any payment until a finance officer has checked them" in page
    response = _record(client, cast, gwen)
    assert response["Location"] == reverse("member-without-email", args=[cast.project.pk, gwen.pk])
    choice = PaymentChoice.objects.get(user=gwen.user)
    assert (choice.method, choice.sort_code, choice.account_number) == (
        "bank",
        "309457",
        "00733446",
    )
    assert choice.recorded_by == cast.facilitator
    record = RecordedOnBehalf.objects.get(membership=gwen, what=RecordedFor.PAYMENT)
    assert (record.recorded_by, record.consent) == (cast.facilitator, GWEN_BANK["consent"])
    change = BankDetailsChange.objects.get(user=gwen.user)
    assert (change.change, change.recorded_by, change.awaiting_confirmation) == (
        BankChange.NEW_ACCOUNT,
        cast.facilitator,
        True,
    )
    entry = Entry.objects.get(action=Action.BANK_DETAILS_CHANGED)
    assert (entry.actor, entry.subject) == (cast.facilitator, gwen.user)
    assert "recorded on their behalf" in entry.detail
    assert "309457" not in entry.detail and "00733446" not in entry.detail
    # The member page says what was recorded, masked, and that it waits for a check.
    page = client.get(response["Location"]).text
    assert "****3446" in page and "00733446" not in page
    assert "Waiting for a finance officer to check" in page
    assert "Payment details: recorded by" in page


def test_the_member_hears_by_the_phone_call_or_letter_they_asked_for(client, cast):
    gwen = _gwen(cast)
    _record(client, cast, gwen)
    notice = Delivery.objects.get(kind=Kind.BANK_DETAILS_CHANGED)
    assert (notice.recipient, notice.channel, notice.project) == (
        gwen.user,
        Channel.TODO,
        cast.project,
    )
    reminders_tick()
    notice.refresh_from_db()
    assert notice.status == DeliveryStatus.TODO
    page = client.get(reverse("todo-list", args=[cast.project.pk])).text
    assert "A change to your bank details" in page and "Gwen" in page


def test_recording_asks_for_the_facilitators_password_again_and_keeps_nothing(client, cast):
    gwen = _gwen(cast)
    client.force_login(cast.facilitator)  # signed in, but not just now
    response = client.post(_url(cast, gwen), GWEN_BANK)
    assert response["Location"] == (
        reverse("account_reauthenticate") + "?" + urlencode({"next": _url(cast, gwen)})
    )
    assert not PaymentChoice.objects.exists()


def test_it_asks_how_they_agreed(client, cast):
    gwen = _gwen(cast)
    response = _record(client, cast, gwen, GWEN_BANK | {"consent": " "})
    assert "Say how they agreed to you recording how they are paid" in response.text
    assert not PaymentChoice.objects.exists() and not BankDetailsChange.objects.exists()


def test_only_facilitators_record_payment_details_and_only_for_members_without_email(client, cast):
    gwen = _gwen(cast)
    signed_in_just_now(client, cast.commissioner)
    assert client.get(_url(cast, gwen)).status_code == 403
    signed_in_just_now(client, cast.facilitator)
    pat = cast.membership(cast.person)
    assert client.get(_url(cast, pat)).status_code == 404


def test_the_commissioners_member_page_has_no_payment_link(client, cast):
    gwen = _gwen(cast)
    client.force_login(cast.commissioner)
    page = client.get(reverse("member-without-email", args=[cast.project.pk, gwen.pk])).text
    assert "Record how they want to be paid" not in page
    client.force_login(cast.facilitator)
    page = client.get(reverse("member-without-email", args=[cast.project.pk, gwen.pk])).text
    assert "Record how they want to be paid" in page


def test_cash_needs_no_bank_details_and_no_check(client, cast):
    gwen = _gwen(cast)
    _record(client, cast, gwen, {"method": "cash", "time_payment": "full", "consent": "Agreed"})
    choice = PaymentChoice.objects.get(user=gwen.user)
    assert (choice.method, choice.sort_code) == (Method.CASH, "")
    assert not BankDetailsChange.objects.filter(awaiting_confirmation=True).exists()


# Payouts wait for the second person


def _gwens_claim(cast, gwen) -> Claim:
    return approved_claim(cast, claimant=gwen.user)


def test_a_payout_run_skips_bank_details_nobody_has_confirmed(cast, settings):
    settings.BANK_DETAILS_COOLING_OFF_HOURS = 72
    gwen = _gwen(cast)
    change = _recorded(cast, gwen)
    claim = _gwens_claim(cast, gwen)
    other = approved_claim(cast)  # pat's own details: paid as usual
    [batch_id] = services.payout_run()
    assert list(Claim.objects.filter(payout_items__batch_id=batch_id)) == [other]
    # Long after the cooling-off period, still not paid: nobody has confirmed them.
    with time_machine.travel(timezone.now() + timedelta(days=30)):
        assert services.payout_run() == []
    assert Claim.objects.get(pk=claim.pk).status == Status.APPROVED
    officer = finance_officer()
    services.bank_details_confirm(
        change=change, by=officer, sort_code="309457", account_number="00733446", note="Phoned"
    )
    # Confirmed, but the cooling-off period still holds the payment until it ends.
    assert services.payout_run() == []
    with time_machine.travel(timezone.now() + timedelta(hours=73)):
        [batch_id] = services.payout_run()
    claim.refresh_from_db()
    assert claim.status == Status.SCHEDULED
    assert claim.payout_items.get().account_number == "00733446"


def test_the_claim_promises_no_date_until_the_details_are_confirmed(client, cast):
    gwen = _gwen(cast)
    _recorded(cast, gwen)
    claim = _gwens_claim(cast, gwen)
    client.force_login(cast.facilitator)
    page = client.get(reverse("claim-detail", args=[cast.project.pk, claim.pk])).text
    assert "paid once a finance officer has checked the bank details" in page
    assert "The money goes straight into the bank account" not in page


# Confirming


def test_the_finance_officer_confirms_by_typing_what_the_person_told_them(client, cast):
    gwen = _gwen(cast)
    change = _recorded(cast, gwen)
    officer = finance_officer()
    signed_in_just_now(client, officer, "mfa")
    page = client.get(reverse("finance-batch-list")).text
    assert "Bank details to confirm" in page and "Gwen" in page
    page = client.get(reverse("finance-bank-details-confirm", args=[change.pk])).text
    assert "00733446" not in page and "309457" not in page  # typed, never shown
    assert "01632 960123" in page  # how to reach them
    wrong = _confirm(client, change, account_number="00733445")
    assert "These are not the details that were recorded" in wrong.text
    change.refresh_from_db()
    assert change.awaiting_confirmation
    assert _confirm(client, change, note="Phoned Gwen; she read her card").status_code == 302
    change.refresh_from_db()
    assert (change.awaiting_confirmation, change.confirmed_by) == (False, officer)
    assert change.confirmation_note == "Phoned Gwen; she read her card"
    entries = Entry.objects.filter(action=Action.BANK_DETAILS_CONFIRMED, subject=gwen.user)
    assert sorted(entries.values_list("detail", flat=True)) == [
        "confirmed",
        "did not match what was recorded",
    ]
    assert all(e.actor == officer for e in entries)
    # Confirmed once: the page is gone.
    assert _confirm(client, change).status_code == 404


def test_the_recorder_cannot_confirm_their_own_entry(client, cast):
    from django.contrib.auth.models import Permission

    # A facilitator who is also a finance officer.
    cast.facilitator.user_permissions.add(Permission.objects.get(codename="process_payouts"))
    gwen = _gwen(cast)
    change = _recorded(cast, gwen)
    signed_in_just_now(client, cast.facilitator, "mfa")
    response = _confirm(client, change)
    assert "Someone other than the person who recorded these details" in response.text
    change.refresh_from_db()
    assert change.awaiting_confirmation and change.confirmed_by is None
    # Nor release the cooling-off period they started.
    response = client.post(
        reverse("finance-hold-release", args=[change.pk]), {"reason": "I know her"}
    )
    assert "Someone other than the person who recorded" in response.text
    change.refresh_from_db()
    assert change.released_at is None


def test_confirming_needs_a_code_from_the_app_given_just_now(client, cast):
    gwen = _gwen(cast)
    change = _recorded(cast, gwen)
    officer = finance_officer()
    client.force_login(officer)
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        response = _confirm(client, change)
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    change.refresh_from_db()
    assert change.awaiting_confirmation


def test_only_finance_officers_confirm(client, cast):
    gwen = _gwen(cast)
    change = _recorded(cast, gwen)
    for user in (cast.commissioner, cast.facilitator):
        signed_in_just_now(client, user, "mfa")
        assert _confirm(client, change).status_code == 403
    change.refresh_from_db()
    assert change.awaiting_confirmation


def test_recording_again_needs_a_new_check(cast):
    gwen = _gwen(cast)
    first = _recorded(cast, gwen)
    services.bank_details_confirm(
        change=first,
        by=finance_officer(),
        sort_code="309457",
        account_number="00733446",
        note="Phoned",
    )
    second = _recorded(cast, gwen, account_number="07334452")
    assert second.pk != first.pk and second.awaiting_confirmation
    assert list(BankDetailsChange.objects.filter(awaiting_confirmation=True)) == [second]


# When they connect an account


def _connect(gwen, email="gwen@example.org"):
    gwen.user.email = email
    gwen.user.save(update_fields=["email"])


def test_once_connected_they_see_who_recorded_their_choice_and_when(client, cast):
    gwen = _gwen(cast)
    _recorded(cast, gwen)
    _connect(gwen)
    signed_in_just_now(client, gwen.user)
    day = f"{timezone.localdate():%-d %B %Y}"
    for url in (reverse("my-payments"), reverse("payment-choice-edit")):
        page = client.get(url).text
        assert f"Recorded on your behalf by {cast.facilitator.display_name} on {day}" in page
        assert "only once our finance team has checked it with you" in page


def test_their_own_change_replaces_the_wait_and_the_recorded_by(client, cast):
    gwen = _gwen(cast)
    _recorded(cast, gwen)
    _connect(gwen)
    signed_in_just_now(client, gwen.user)
    client.post(
        reverse("payment-choice-edit"),
        {
            "method": "bank",
            "account_name": "Gwen Parry",
            "sort_code": "",
            "account_number": "07334452",
            "time_payment": "full",
        },
    )
    assert PaymentChoice.objects.get(user=gwen.user).recorded_by is None
    assert not BankDetailsChange.objects.filter(awaiting_confirmation=True).exists()
    assert "Recorded on your behalf" not in client.get(reverse("my-payments")).text


@pytest.mark.parametrize("people", [2, 20])
def test_the_finance_page_makes_the_same_queries_for_few_and_many_to_confirm(
    client, cast, django_assert_num_queries, people
):
    from projects.services import member_add_without_email

    for n in range(people):
        member = member_add_without_email(
            project=cast.project,
            preferred_name=f"Gwen {n}",
            full_name="",
            role="person",
            by_phone=True,
            by_post=False,
            phone="01632 960123",
            postal_address="",
            consent="Agreed",
            added_by=cast.facilitator,
        )
        _recorded(cast, member)
    client.force_login(finance_officer())
    # As many as with holds (test_bank_details.py), whatever the number of people to confirm.
    with django_assert_num_queries(9):
        response = client.get(reverse("finance-batch-list"))
    assert response.text.count("recorded by") == people


def test_the_new_pages_are_all_welsh_for_welsh_readers(client, cast):
    from django.utils import translation

    from tests.coproduce.test_pages_in_welsh import english_left

    gwen = _gwen(cast)
    change = _recorded(cast, gwen)
    officer = finance_officer()
    # A Welsh page leaves Welsh active in this thread: put back what was there after.
    with translation.override(translation.get_language()):
        for user, url in [
            (cast.facilitator, _url(cast, gwen)),
            (cast.facilitator, reverse("member-without-email", args=[cast.project.pk, gwen.pk])),
            (officer, reverse("finance-bank-details-confirm", args=[change.pk])),
            (officer, reverse("finance-batch-list")),
        ]:
            user.language = "cy"
            user.save(update_fields=["language"])
            signed_in_just_now(client, user, "mfa")
            response = client.get(url)
            assert response.status_code == 200
            assert english_left(response.content.decode()) == [], url
