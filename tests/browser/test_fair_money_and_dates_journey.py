"""Issue 20, items 11 and 12 and the finance officer's smaller items, by keyboard alone with
axe on every page: a receipt threshold, a claim for work between meetings, a travel advance
reconciled after the meeting, tax-year totals and cash paid on the day, an access plan that
counts everyone invited, and a "find a date" poll turned into a meeting."""

import re

import pytest
from django.utils import timezone
from django.utils.dateformat import format as date_format

from accessibility.models import Importance, ShareLevel
from datepolls.models import DatePoll
from expenses import services
from expenses.models import Activity, Claim, ClaimKind, Method, Status
from projects.models import Attendance, Meeting, Rsvp
from tests.accessibility.helpers import give_needs, share
from tests.base import PASSWORD, make_cast, make_meeting
from tests.datepolls.helpers import day
from tests.expenses.helpers import bank_choice, finance_officer, receipt, set_rate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_fair_expenses_from_the_claimant_to_the_finance_officer(visitor):
    page = visitor.page
    cast = make_cast()
    set_rate(cast, pence=2000)
    set_rate(cast, pence=1500, activity=Activity.PHONE_CALL)
    bank_choice(cast.person)
    meeting = make_meeting(cast.project, days_from_now=7, title="Next steps")
    officer = finance_officer()

    # The commissioner sets a receipt threshold of £10.
    visitor.sign_in(cast.commissioner.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/payments/")
    visitor.follow_link("Set the payment policy")
    visitor.type_into("Password", PASSWORD)
    visitor.press_button("Confirm")
    visitor.choose("Bank transfer", exact=True)
    visitor.type_into("Expenses of this amount or more need a receipt", "10")
    visitor.press_button("Save policy")
    assert page.get_by_text("Expenses of £10.00 or more need a receipt").is_visible()
    visitor.sign_out()

    # The person claims for phone calls between meetings, and a £4.50 bus fare without a
    # receipt, under the threshold.
    visitor.sign_in(cast.person.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/payments/")
    visitor.follow_link("Claim for work between meetings")
    visitor.press_button("Start my claim")  # nothing filled in: the error summary
    assert page.get_by_text("Select what you spent time on").first.is_visible()
    visitor.choose("Phone or video calls")
    visitor.type_into("What was it?", "Called members about the survey")
    yesterday = day(-1)
    visitor.type_into("Day", str(yesterday.day), group="When did you do it?")
    visitor.type_into("Month", str(yesterday.month), group="When did you do it?")
    visitor.type_into("Year", str(yesterday.year), group="When did you do it?")
    visitor.type_into("How many hours?", "2")
    visitor.press_button("Start my claim")
    assert page.get_by_text("£30.00").first.is_visible()  # 2 hours at £15
    visitor.follow_link("Add an expense")
    visitor.choose("Travel: bus, train or taxi fares, parking")
    visitor.type_into("What was it for?", "Bus to the library")
    visitor.type_into("Amount", "4.50", exact=True)
    visitor.press_button("Add", exact=True)
    assert page.get_by_text("Expense added").is_visible()
    visitor.press_button("Send claim")
    assert page.get_by_text("Claim sent").is_visible()

    # And asks for travel money before the next meeting.
    visitor.go(f"/projects/{cast.project.pk}/meetings/{meeting.pk}/")
    visitor.follow_link("Ask for travel money before the meeting")
    visitor.type_into("What is the travel?", "Train there and back")
    visitor.type_into("How much do you need?", "20")
    visitor.press_button("Ask for the advance")
    assert page.get_by_text("Advance asked for. A facilitator").is_visible()
    visitor.sign_out()

    between = Claim.objects.get(kind=ClaimKind.BETWEEN_MEETINGS)
    advance = Claim.objects.get(kind=ClaimKind.ADVANCE)
    for claim in (between, advance):
        services.claim_approve(claim=claim, by=cast.facilitator)

    # The finance officer records that the between-meetings claim was paid in cash on the
    # day, and sees the tax year's totals; the payout run then pays only the advance.
    visitor.sign_in(officer.email, PASSWORD)
    visitor.go("/finance/")
    visitor.follow_link("Record cash paid on the day")
    visitor.follow_link(re.compile(f"Paid in cash claim {between.pk}"))
    visitor.type_into("How much cash was given?", "30")
    visitor.type_into("Who gave it, and where?", "Fred, at the library")
    visitor.press_button("Record cash payment")
    assert page.get_by_text("The claim is for £34.50").first.is_visible()
    visitor.type_into("How much cash was given?", "34.50")
    visitor.press_button("Record cash payment")
    assert page.get_by_text("Cash payment recorded").is_visible()
    visitor.go("/finance/")
    visitor.follow_link("Payments by tax year, person by person")
    assert page.get_by_text("£30.00").is_visible() and page.get_by_text("£4.50").is_visible()
    visitor.sign_out()
    [batch_id] = services.payout_run()
    between.refresh_from_db()
    assert (between.status, between.method) == (Status.PAID, Method.CASH)
    services.batch_mark_submitted(batch=advance.payout_items.get().batch, by=officer)

    # After the meeting the train cost £26: the claim pays the £6 difference.
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=meeting.starts_at - timezone.timedelta(days=14),
        ends_at=meeting.ends_at - timezone.timedelta(days=14),
    )
    meeting.refresh_from_db()
    Attendance.objects.create(meeting=meeting, user=cast.person, attended=True)
    claim = services.claim_start(meeting=meeting, claimant=cast.person)
    services.claim_line_add_expense(
        claim=claim,
        expense_type="travel",
        description="Train there and back",
        amount_pence=2600,
        receipt=receipt(),
        receipt_type="application/pdf",
    )
    visitor.sign_in(cast.person.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/claims/{claim.pk}/")
    assert page.get_by_text("We pay you £6.00 more").is_visible()
    assert batch_id


def test_access_plan_and_a_date_poll_turned_into_a_meeting(visitor):
    page = visitor.page
    cast = make_cast()
    meeting = make_meeting(cast.project, days_from_now=7, title="Ideas day")
    for user in (cast.person, cast.carer):
        give_needs(user, ("bsl", Importance.ESSENTIAL, ""))
        share(user, cast.project, ShareLevel.SUMMARY)
    Attendance.objects.create(meeting=meeting, user=cast.person, rsvp=Rsvp.YES)

    # The access plan counts Cam, who has not answered, as well as Pat, who said yes.
    visitor.sign_in(cast.facilitator.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/meetings/{meeting.pk}/")
    visitor.follow_link("Access plan for this meeting")
    assert page.get_by_text(re.compile(r"1 said yes,\s+1 has not answered yet")).is_visible()

    # The facilitator proposes dates.
    visitor.go(f"/projects/{cast.project.pk}/meetings/")
    visitor.follow_link("Finding a date")
    visitor.follow_link("Propose dates")
    visitor.press_button("Ask members")
    assert page.get_by_text("Say what the meeting is for").first.is_visible()
    visitor.type_into("What is the meeting for?", "Summer events")
    for n, days in ((1, 20), (2, 22)):
        d = day(days)
        visitor.type_into("Day", str(d.day), group=f"Date {n}")
        visitor.type_into("Month", str(d.month), group=f"Date {n}")
        visitor.type_into("Year", str(d.year), group=f"Date {n}")
        visitor.type_into(f"Date {n}: start time", "10:00")
        visitor.type_into(f"Date {n}: end time", "12:00")
    visitor.press_button("Ask members")
    assert page.get_by_text("Poll started").is_visible()
    visitor.sign_out()

    # Pat answers one date per page.
    poll = DatePoll.objects.get()
    visitor.sign_in(cast.person.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/date-polls/{poll.pk}/")
    visitor.follow_link("Answer one date at a time")
    visitor.press_button("Continue")  # nothing chosen: the error summary
    assert page.get_by_text("Select whether you can come").first.is_visible()
    visitor.choose("No, I cannot come")
    visitor.press_button("Continue")
    visitor.choose("Yes, I can come")
    visitor.press_button("Continue")
    assert page.get_by_text("Your answers are saved").is_visible()
    visitor.sign_out()

    # The facilitator sees the answers and makes the second date a meeting.
    visitor.sign_in(cast.facilitator.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/date-polls/{poll.pk}/")
    assert page.get_by_text(re.compile("1 can come, 0 can come if")).is_visible()
    second = poll.options.all()[1]
    when = date_format(timezone.localtime(second.starts_at), "l j F Y")
    visitor.follow_link(f"Make this date a meeting ({when})")
    visitor.choose("Online", exact=True)
    visitor.type_into("How to join online or by phone", "A video call link")
    visitor.press_button("Schedule meeting")
    assert page.get_by_text("Meeting scheduled from the poll").is_visible()
    poll.refresh_from_db()
    assert poll.meeting.starts_at == second.starts_at
