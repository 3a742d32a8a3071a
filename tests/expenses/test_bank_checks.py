"""Sort codes and account numbers are checked with the banks' published modulus rules
(issue 17, part 4): when a person enters them, when a payout run puts them in a batch, and
again when the file for the bank is made."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from expenses import modulus, payout_files, services
from expenses.forms import PaymentChoiceForm
from expenses.models import BatchStatus, Claim, PaymentChoice, PayoutBatch, PayoutItem, Status
from tests.base import give_second_factor, make_user
from tests.expenses.helpers import BANK_FORM as CHOICE
from tests.expenses.helpers import approved_claim, bank_choice, signed_in_just_now
from tests.expenses.standard18 import problems

pytestmark = pytest.mark.django_db

# The GOV.UK design system's example account number: the right shape, but it does not pass
# the check for its example sort code, 30-94-57.
FAILS = "00733445"
MESSAGE = "Check your sort code and account number: they do not belong together."


def _form(data, instance=None):
    return PaymentChoiceForm(data, instance=instance or PaymentChoice())


@pytest.mark.parametrize("sort_code, account_number, valid", modulus.PUBLISHED_CASES[:30:3])
def test_the_form_takes_the_account_numbers_that_pass_and_refuses_the_others(
    sort_code, account_number, valid
):
    form = _form(CHOICE | {"sort_code": sort_code, "account_number": account_number})
    assert form.is_valid() is valid
    if not valid:
        assert form.errors == {"account_number": [MESSAGE + " " + _HINT]}


_HINT = "You can find both on a bank statement or in your banking app."


def test_a_person_is_told_in_plain_words_with_the_error_summary(client, cast):
    signed_in_just_now(client, cast.person)
    response = client.post(reverse("payment-choice-edit"), CHOICE | {"account_number": FAILS})
    assert response.status_code == 200
    page = response.text
    assert "There is a problem" in page
    assert 'href="#id_account_number"' in page  # the summary links to the field
    assert MESSAGE in page
    assert not PaymentChoice.objects.exists()


def test_changing_only_the_sort_code_is_checked_with_the_account_number_we_hold(cast):
    choice = bank_choice(cast.person)  # 30-94-57 and 00733446, which pass
    form = _form(CHOICE | {"sort_code": "08-99-99", "account_number": ""}, instance=choice)
    assert not form.is_valid()
    assert list(form.errors) == ["sort_code"]
    form = _form(CHOICE | {"sort_code": "", "account_number": "00733454"}, instance=choice)
    assert form.is_valid(), form.errors


def test_digits_typed_on_another_keyboard_are_read_as_digits(cast):
    form = _form(CHOICE | {"sort_code": "٣٠-٩٤-٥٧", "account_number": "００７３３４４６"})
    assert form.is_valid(), form.errors
    assert (form.instance.sort_code, form.instance.account_number) == ("309457", "00733446")


@pytest.fixture
def officer(client):
    user = make_user("fiona")
    user.user_permissions.add(Permission.objects.get(codename="process_payouts"))
    give_second_factor(user)
    signed_in_just_now(client, user, "mfa")
    return user


def test_a_payout_run_leaves_an_account_that_fails_out_of_the_file_and_says_why(
    client, cast, officer, originator
):
    paid = approved_claim(cast)
    # Details held from before the check, which fail it.
    refused = approved_claim(cast, claimant=cast.carer)
    bank_choice(cast.carer, account_number=FAILS)

    [batch_id] = services.payout_run()

    batch = PayoutBatch.objects.get(pk=batch_id)
    assert (batch.item_count, batch.total_pence) == (1, paid.payable_pence)
    left_out = PayoutItem.objects.get(claim=refused)
    assert left_out.batch_id == batch_id and left_out.failed_at is not None
    refused.refresh_from_db()
    assert refused.status == Status.FAILED
    assert "do not belong together" in refused.reason
    content = client.get(reverse("finance-batch-download", args=[batch_id, "bacs"])).content
    assert problems(content) == []
    assert FAILS.encode() not in content and b"00733446" in content
    csv = client.get(reverse("finance-batch-download", args=[batch_id, "csv"])).text
    assert FAILS not in csv and f"COPRODUCE {refused.pk}" not in csv
    # The finance officer sees which claim and why, with the account number masked.
    page = client.get(reverse("finance-batch-detail", args=[batch_id])).text
    assert f"COPRODUCE {refused.pk}" in page
    assert "Not in the file: the sort code and account number fail the banks&#x27; check" in page
    assert "****3445" in page and FAILS not in page
    # Once the person has corrected their details and asks again, a later run pays them.
    bank_choice(cast.carer)
    services.claim_retry(claim=refused, by=cast.carer)
    [second] = services.payout_run()
    assert PayoutItem.objects.get(batch_id=second).claim_id == refused.pk


def test_a_run_where_every_account_fails_leaves_nothing_to_send(client, cast, officer):
    claim = approved_claim(cast)
    bank_choice(cast.person, account_number=FAILS)
    [batch_id] = services.payout_run()
    batch = PayoutBatch.objects.get(pk=batch_id)
    assert (batch.item_count, batch.total_pence) == (0, 0)
    assert Claim.objects.get(pk=claim.pk).status == Status.FAILED
    page = client.get(reverse("finance-batch-detail", args=[batch_id])).text
    assert "There is nothing to send to the bank" in page
    assert "Download the Bacs file" not in page and "Mark as sent" not in page
    assert "Nothing to send" in client.get(reverse("finance-batch-list")).text


def test_an_account_that_fails_a_newer_table_stops_the_file_and_names_the_claim(
    client, cast, officer, originator
):
    claim = approved_claim(cast)
    [batch_id] = services.payout_run()
    # The weights table was updated after the batch was made, and this account now fails.
    item = PayoutItem.objects.get(batch_id=batch_id)
    item.account_number = FAILS
    item.save(update_fields=["account_number"])
    response = client.get(reverse("finance-batch-download", args=[batch_id, "bacs"]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("finance-batch-detail", args=[batch_id])
    assert (
        f"COPRODUCE {claim.pk} (sort code **-**-57, account ****3445) fails the banks&#x27; "
        "modulus check" in response.text
    )
    assert FAILS not in response.text
    # Marked as failed, the payment is left out and the file can be made.
    client.post(reverse("finance-payment-fail", args=[item.pk]), {"reason": "Bank details"})
    content = client.get(reverse("finance-batch-download", args=[batch_id, "csv"])).text
    assert content.splitlines() == ["Sort code,Account number,Account name,Amount,Reference"]


def test_a_payment_marked_failed_before_the_file_is_sent_is_not_in_it(cast, originator):
    approved_claim(cast)
    approved_claim(cast, claimant=cast.carer)
    [batch_id] = services.payout_run()
    batch = PayoutBatch.objects.get(pk=batch_id)
    officer = make_user("fiona")
    carer_item = batch.items.get(claim__claimant=cast.carer)
    services.payout_item_fail(item=carer_item, by=officer, reason="Wrong person")
    # Not in the file: otherwise the bank would pay it and the person could ask again.
    assert [c.reference for c in payout_files.credits(batch)] == [
        f"COPRODUCE {batch.items.get(claim__claimant=cast.person).claim_id}"
    ]
    services.batch_mark_submitted(batch=batch, by=officer)
    batch.refresh_from_db()
    sent = payout_files.bacs_file(batch)
    # A payment the bank returns after the file was sent stays in it: the file downloaded
    # again is the one that was sent.
    person_item = batch.items.get(claim__claimant=cast.person)
    services.payout_item_fail(item=person_item, by=officer, reason="Account closed")
    assert batch.status == BatchStatus.SUBMITTED
    assert payout_files.bacs_file(batch) == sent
