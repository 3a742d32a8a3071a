"""Payment details for a member without email, by keyboard alone with axe on every page: the
facilitator records them as the member told them (password again first), the member's phone
call goes on the to-do list, and a finance officer confirms the bank details by typing what
the member told them, after a mismatch is refused (issue 20, item 9)."""

import pytest

from expenses.models import BankDetailsChange, PaymentChoice
from projects.models import Role
from projects.services import member_add_without_email
from reminders.services import reminders_tick
from tests.base import PASSWORD, make_cast
from tests.expenses.helpers import finance_officer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_bank_details_recorded_for_gwen_wait_for_the_finance_officer(visitor):
    page = visitor.page
    cast = make_cast()
    fiona = finance_officer()
    gwen = member_add_without_email(
        project=cast.project,
        preferred_name="Gwen",
        full_name="Gwen Parry",
        role=Role.PERSON,
        by_phone=True,
        by_post=False,
        phone="01632 960123",
        postal_address="",
        consent="Agreed at the drop-in on 3 May",
        added_by=cast.facilitator,
    )

    # The facilitator records them, as Gwen told her, after giving her password again.
    visitor.sign_in(cast.facilitator.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/members/")
    visitor.follow_link("Gwen")
    visitor.follow_link("Record how they want to be paid")
    visitor.type_into("Password", PASSWORD)
    visitor.press_button("Confirm")
    assert page.get_by_text("You cannot check them yourself").is_visible()
    visitor.press_button("Save", exact=True)  # nothing filled in: the error summary
    assert page.get_by_text("There is a problem").is_visible()
    visitor.choose("Bank transfer")
    visitor.type_into("Name on the account", "Gwen Parry")
    visitor.type_into("Sort code", "30-94-57")
    visitor.type_into("Account number", "00733446")
    visitor.choose("The full payment for their time")
    visitor.type_into("How did they agree", "Agreed on the phone; she read her bank card")
    visitor.press_button("Save", exact=True)
    assert page.get_by_text("How Gwen is paid is saved").is_visible()
    assert page.get_by_text("Waiting for a finance officer to check").is_visible()
    assert PaymentChoice.objects.get(user=gwen.user).recorded_by == cast.facilitator
    # Gwen hears of it by the phone call she asked for.
    reminders_tick()
    visitor.follow_link("Reminders to give by phone or post")
    assert page.get_by_text("A change to your bank details").is_visible()
    visitor.sign_out()

    # The finance officer phones Gwen and types what she reads out.
    visitor.sign_in(fiona.email, PASSWORD)
    visitor.follow_link("Payments")
    visitor.follow_link("Finance: payout batches")
    assert page.get_by_role("heading", name="Bank details to confirm").is_visible()
    visitor.follow_link("Gwen")
    assert page.get_by_text("01632 960123").is_visible()
    visitor.press_button("Confirm the bank details")  # nothing typed: the error summary
    assert page.get_by_text("There is a problem").is_visible()
    visitor.type_into("Sort code the person gave you", "30-94-57")
    visitor.type_into("Account number the person gave you", "00733445")
    visitor.type_into("How did you check them with the person?", "Phoned Gwen at home")
    visitor.press_button("Confirm the bank details")
    assert page.get_by_text("These are not the details that were recorded").first.is_visible()
    visitor.type_into("Account number the person gave you", "00733446")
    visitor.press_button("Confirm the bank details")
    assert page.get_by_text("Bank details confirmed").is_visible()

    change = BankDetailsChange.objects.get(user=gwen.user)
    assert (change.awaiting_confirmation, change.confirmed_by) == (False, fiona)
    assert len(visitor.pages_checked) > 10
