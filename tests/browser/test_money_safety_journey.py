"""A threshold change waits for a second person, and a hold on a changed bank account is
released early by the finance officer, by keyboard alone, with axe on every page (issue 17,
part 0)."""

import re

import pytest
from django.contrib.auth.models import Permission

from expenses import services
from expenses.models import BankDetailsChange, PaymentChoice, PaymentPolicy
from tests.base import PASSWORD, give_second_factor, make_cast, make_user
from tests.expenses.helpers import approved_claim, set_policy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_raised_threshold_waits_for_the_finance_officer_who_also_releases_a_hold(visitor):
    page = visitor.page
    cast = make_cast()
    set_policy(cast, approval_threshold_pence=15000)
    finance = make_user("fiona")
    finance.user_permissions.add(Permission.objects.get(codename="process_payouts"))
    give_second_factor(finance)  # finance officers need one
    approved_claim(cast)
    choice = PaymentChoice.objects.get(user=cast.person)
    choice.sort_code, choice.account_number = "200000", "12345678"
    services.payment_choice_save(choice=choice)  # Pat's new account: payments held

    # The commissioner raises the threshold: it waits for someone else.
    visitor.sign_in(cast.commissioner.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/payments/")
    visitor.follow_link("Set the payment policy")
    visitor.type_into("Password", PASSWORD)
    visitor.press_button("Confirm")
    visitor.type_into(re.compile("need a commissioner's approval too"), "500")
    visitor.press_button("Save policy")
    assert page.get_by_text("applies once another commissioner or the finance officer").is_visible()
    assert page.get_by_text("only claims over £500.00 need a second approval").is_visible()
    visitor.follow_link("See the proposed change")
    assert page.get_by_label("Withdraw the change").is_visible()
    visitor.sign_out()

    # The finance officer confirms it from the finance page, and releases Pat's hold.
    visitor.sign_in(finance.email, PASSWORD)
    visitor.follow_link("Payments")
    visitor.follow_link("Finance: payout batches")
    assert page.get_by_text("Payments on hold after a change of bank details").is_visible()
    visitor.follow_link("Short breaks")
    visitor.type_into("Password", PASSWORD)
    visitor.press_button("Confirm")
    visitor.press_button("Save decision")  # nothing chosen: the error summary
    assert page.get_by_text("There is a problem").is_visible()
    visitor.choose("Confirm the change: it applies from now")
    visitor.press_button("Save decision")
    assert page.get_by_text("Change confirmed").is_visible()
    visitor.follow_link(re.compile("Release early"))
    visitor.press_button("Release the hold")  # no reason: the error summary
    assert page.get_by_text("Say why the hold can end early").first.is_visible()
    visitor.type_into("Why can the hold end early?", "Phoned Pat on the number we had.")
    visitor.press_button("Release the hold")
    assert page.get_by_text("Hold released").is_visible()

    assert PaymentPolicy.objects.get().approval_threshold_pence == 50000
    assert BankDetailsChange.objects.get().released_by == finance
    assert len(visitor.pages_checked) > 10
