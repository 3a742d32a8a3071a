"""Claimed, approved, batched and paid, by keyboard alone, with axe on every page
(expenses issue, Done when 1)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.utils import timezone

from expenses import tasks
from expenses.models import Claim, Method, PaymentChoice, PayoutBatch, Status
from projects.models import Attendance, Role
from tests.base import PASSWORD, add_member, give_second_factor, make_cast, make_meeting, make_user
from tests.expenses.helpers import PDF, set_policy, set_rate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_claims_a_facilitator_approves_finance_pays_and_the_person_sees_paid(
    visitor, settings, tmp_path
):
    settings.BACS_ORIGINATOR_SORT_CODE = "401234"
    settings.BACS_ORIGINATOR_ACCOUNT = "12345678"
    settings.BACS_ORIGINATOR_NAME = "Coproduce Council"
    settings.BACS_ORIGINATOR_SERVICE_USER_NUMBER = "123456"
    page = visitor.page
    cast = make_cast()
    set_policy(cast, budget_pence=100000)
    set_rate(cast, pence=2000)
    meeting = make_meeting(cast.project, days_from_now=-2, title="What we heard")
    Attendance.objects.create(meeting=meeting, user=cast.person, attended=True)
    finance = make_user("fiona")
    finance.user_permissions.add(Permission.objects.get(codename="process_payouts"))
    give_second_factor(finance)  # finance officers need one
    ticket = tmp_path / "bus-ticket.pdf"
    ticket.write_bytes(PDF)

    # The person says how they want to be paid.
    visitor.sign_in(cast.person.email, PASSWORD)
    visitor.follow_link("Payments")
    visitor.follow_link("Choose how you are paid")
    # Bank details: the password is asked for again first.
    visitor.type_into("Password", PASSWORD)
    visitor.press_button("Confirm")
    visitor.choose("Bank transfer", exact=True)
    visitor.type_into("Name on the account", "Pat Example")
    visitor.type_into("Sort code", "30-94-5")
    visitor.type_into("Account number", "00733446")
    visitor.choose("The full payment for my time")
    visitor.press_button("Save")  # a sort code one digit short
    assert page.get_by_text("Enter a valid sort code").first.is_visible()
    visitor.type_into("Sort code", "30-94-57")
    visitor.press_button("Save")
    assert page.get_by_text("**-**-57").is_visible()
    visitor.follow_link("Payments and benefits")

    # They claim for the meeting they attended: time pre-filled, plus a bus fare.
    visitor.go(f"/projects/{cast.project.pk}/")
    visitor.follow_link("Meetings")
    visitor.follow_link("What we heard")
    visitor.follow_link("Claim for this meeting")
    visitor.press_button("Start my claim")
    assert page.get_by_text("£40.00").first.is_visible()  # 2 hours at £20
    visitor.follow_link("Add an expense")
    visitor.choose("Travel: bus, train or taxi fares, parking")
    visitor.type_into("What was it for?", "Bus there and back")
    visitor.type_into("Amount", "£4.80", exact=True)
    receipt = page.get_by_label("Receipt")
    visitor.tab_to(receipt)  # a keyboard user reaches the file input, then picks the file
    receipt.set_input_files(str(ticket))
    visitor.press_button("Add", exact=True)
    assert page.get_by_text("Expense added").is_visible()
    visitor.press_button("Send claim")
    assert page.get_by_text("Claim sent").is_visible()
    visitor.sign_out()

    # The facilitator sees it waiting and approves it.
    visitor.sign_in(cast.facilitator.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/payments/")
    visitor.follow_link(re.compile(r"What we heard.*claim by Pat"))
    visitor.follow_link("Decide on this claim")
    visitor.press_button("Save decision")  # nothing chosen: the error summary
    assert page.get_by_text("There is a problem").is_visible()
    visitor.choose("Approve", exact=True)
    visitor.press_button("Save decision")
    assert page.get_by_text("Decision saved").is_visible()
    visitor.sign_out()

    # The weekday payout run: nothing while Pat's new bank details are in their cooling-off
    # period, then the claim once it is over.
    assert tasks.payout_run() == []
    with time_machine.travel(timezone.now() + timedelta(hours=73)):
        [batch_id] = tasks.payout_run()

    # The finance officer downloads the Bacs file and marks the batch sent.
    visitor.sign_in(finance.email, PASSWORD)
    visitor.follow_link("Payments")
    visitor.follow_link("Finance: payout batches")
    visitor.follow_link(f"Batch {batch_id}")
    # A payment file: the password again first, then back to the batch to download it.
    visitor.follow_link("Download the Bacs file")
    visitor.type_into("Password", PASSWORD)
    visitor.press_button("Confirm")
    download_link = page.get_by_role("link", name="Download the Bacs file")
    visitor.tab_to(download_link)
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    content = open(download.value.path(), "rb").read()
    assert content.startswith(b"VOL1")
    assert b"00000004480" in content  # £40.00 + £4.80, in pence
    visitor.press_button("Mark as sent to the bank")
    assert page.get_by_text("Its claims show as paid").is_visible()
    visitor.sign_out()

    # The person sees that they have been paid.
    visitor.sign_in(cast.person.email, PASSWORD)
    visitor.follow_link("Payments")
    assert page.get_by_role("strong").filter(has_text="Paid").first.is_visible()
    visitor.follow_link("What we heard")
    assert page.get_by_role("heading", name="Paid").is_visible()

    claim = Claim.objects.get()
    assert claim.status == Status.PAID
    assert claim.payable_pence == 4480
    assert PayoutBatch.objects.get().total_pence == 4480
    assert len(visitor.pages_checked) > 20


def test_policy_rates_a_claim_for_someone_two_approvals_and_cash_on_the_day(visitor):
    page = visitor.page
    cast = make_cast()
    fran = add_member(cast.project, Role.FACILITATOR, make_user("fran")).user
    give_second_factor(fran)  # facilitators approve claims with an authenticator app
    meeting = make_meeting(cast.project, days_from_now=-2, title="Ideas day")
    Attendance.objects.create(meeting=meeting, user=cast.carer, attended=True)
    PaymentChoice.objects.create(user=cast.carer, method=Method.CASH)

    # The commissioner sets the policy and the rate card, and looks at the budget.
    visitor.sign_in(cast.commissioner.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/payments/")
    visitor.follow_link("Set the payment policy")
    visitor.type_into("Password", PASSWORD)  # the payout rules: the password again first
    visitor.press_button("Confirm")
    visitor.type_into("Budget for paying people and their expenses", "2,000")
    visitor.type_into(re.compile("need a commissioner's approval too"), "-30")
    visitor.press_button("Save policy")
    assert page.get_by_text("Enter an amount of 0 or more").first.is_visible()
    visitor.type_into(re.compile("need a commissioner's approval too"), "30")
    visitor.press_button("Save policy")
    visitor.follow_link("Add a rate to the rate card")
    visitor.choose("Taking part in a meeting")
    visitor.choose("per hour")
    visitor.type_into("Amount", "20", exact=True)
    visitor.type_into("Day", "1", group="From")
    visitor.type_into("Month", "1", group="From")
    visitor.type_into("Year", "2026", group="From")
    visitor.press_button("Add rate")
    assert page.get_by_text("£20.00 per hour").is_visible()
    visitor.follow_link("Budget")
    assert page.get_by_text("£2,000.00").first.is_visible()
    visitor.sign_out()

    # A facilitator starts a claim for the carer, who confirms it by phone.
    visitor.sign_in(cast.facilitator.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/meetings/{meeting.pk}/")
    visitor.follow_link("Start a claim for someone")
    visitor.choose("Cam", exact=True)
    visitor.press_button("Start claim")
    visitor.follow_link("Add time spent")
    visitor.choose("Preparation")
    visitor.type_into("How many hours?", "1")
    visitor.press_button("Add", exact=True)  # the rate card does not pay for preparation
    assert page.get_by_text("does not pay for that activity").first.is_visible()
    visitor.follow_link("Cancel")
    visitor.choose("They confirmed this claim to me by phone")
    visitor.press_button("Send claim")
    assert page.get_by_text("Claim sent").is_visible()
    visitor.sign_out()

    # Another facilitator approves; above £30 the commissioner approves as well.
    visitor.sign_in(fran.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/payments/")
    visitor.follow_link(re.compile(r"Ideas day.*claim by Cam"))
    visitor.follow_link("Decide on this claim")
    visitor.choose("Approve", exact=True)
    visitor.press_button("Save decision")
    visitor.sign_out()
    visitor.sign_in(cast.commissioner.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/payments/")
    visitor.follow_link(re.compile(r"Ideas day.*claim by Cam"))
    visitor.follow_link("Decide on this claim")
    visitor.choose("Approve", exact=True)
    visitor.press_button("Save decision")
    visitor.sign_out()

    # At the next meeting the facilitator hands over the cash and records it.
    visitor.sign_in(cast.facilitator.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/payments/")
    visitor.follow_link(re.compile(r"Ideas day.*claim by Cam"))
    visitor.follow_link("Record cash handed over")
    visitor.type_into("What was given", "£40 in cash")
    visitor.press_button("Record payment")
    assert page.get_by_text("Payment recorded").is_visible()

    claim = Claim.objects.get()
    assert (claim.status, claim.first_approved_by, claim.second_approved_by) == (
        Status.PAID,
        fran,
        cast.commissioner,
    )
    assert claim.confirmed_by_phone_by == cast.facilitator
    assert claim.handed_over_by == cast.facilitator
