"""Claimed, approved, batched and paid, by keyboard alone, with axe on every page
(expenses issue, Done when 1)."""

import re

import pytest
from django.contrib.auth.models import Permission

from expenses import tasks
from expenses.models import Claim, PayoutBatch, Status
from projects.models import Attendance
from tests.base import PASSWORD, make_cast, make_meeting, make_user
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
    ticket = tmp_path / "bus-ticket.pdf"
    ticket.write_bytes(PDF)

    # The person says how they want to be paid.
    visitor.sign_in(cast.person.email, PASSWORD)
    visitor.follow_link("Payments")
    visitor.follow_link("Choose how you are paid")
    visitor.choose("Bank transfer", exact=True)
    visitor.type_into("Name on the account", "Pat Example")
    visitor.type_into("Sort code", "30-94-5")
    visitor.type_into("Account number", "00733445")
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

    # The weekday payout run.
    [batch_id] = tasks.payout_run()

    # The finance officer downloads the Bacs file and marks the batch sent.
    visitor.sign_in(finance.email, PASSWORD)
    visitor.follow_link("Payments")
    visitor.follow_link("Finance: payout batches")
    visitor.follow_link(f"Batch {batch_id}")
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
