"""The expenses pages: bad input refused with nothing changed, bank details masked and
encrypted (Done when 5), uploads checked (Done when 5), query counts (Done when 6)."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertInHTML

from expenses import services
from expenses.models import Claim, ClaimLine, PaymentChoice, PaymentPolicy, Rate, Status
from tests.base import add_member, give_second_factor, make_user
from tests.expenses.helpers import (
    BANK_FORM,
    PDF,
    PNG,
    a_batch,
    approved_claim,
    attended_meeting,
    bank_choice,
    receipt,
    set_rate,
    submitted_claim,
)

pytestmark = pytest.mark.django_db


def _draft(cast):
    set_rate(cast)
    return services.claim_start(meeting=attended_meeting(cast), claimant=cast.person)


def _url(name, cast, **kwargs):
    return reverse(name, kwargs={"project_id": cast.project.pk, **kwargs})


# Payment choice and bank details


def test_bank_details_are_saved_encrypted_and_shown_masked(client, cast):
    client.force_login(cast.person)
    client.reauthenticate(cast.person)  # the password again, just now
    response = client.post(reverse("payment-choice-edit"), BANK_FORM)
    assert response.status_code == 302
    choice = PaymentChoice.objects.get(user=cast.person)
    assert (choice.sort_code, choice.account_number) == ("309457", "00733446")
    with connection.cursor() as cursor:
        cursor.execute("SELECT account_name, sort_code, account_number FROM expenses_paymentchoice")
        stored = " ".join(cursor.fetchone())
    assert "309457" not in stored and "00733446" not in stored and "Pat" not in stored
    for url in [reverse("my-payments"), reverse("payment-choice-edit")]:
        page = client.get(url).text
        assert "00733446" not in page and "309457" not in page and "30-94-57" not in page
    page = client.get(reverse("my-payments")).text
    assert "**-**-57" in page and "****3446" in page


def test_facilitators_and_finance_officers_see_bank_details_only_masked(client, cast, settings):
    settings.BACS_ORIGINATOR_SORT_CODE = "401234"
    bank_choice(cast.person)
    claim = submitted_claim(cast)
    client.force_login(cast.facilitator)
    for url in [
        _url("claim-detail", cast, claim_id=claim.pk),
        _url("claim-decide", cast, claim_id=claim.pk),
        _url("claim-list", cast),
    ]:
        page = client.get(url).text
        assert "00733446" not in page and "309457" not in page, url
    services.claim_approve(claim=claim, by=cast.facilitator)
    [batch_id] = services.payout_run()
    officer = make_user("fiona")
    officer.user_permissions.add(Permission.objects.get(codename="process_payouts"))
    give_second_factor(officer)  # finance officers need one
    client.force_login(officer)
    page = client.get(reverse("finance-batch-detail", args=[batch_id])).text
    assert "00733446" not in page and "309457" not in page
    assert "**-**-57" in page and "****3446" in page


def test_leaving_bank_details_empty_keeps_the_ones_we_have(client, cast):
    bank_choice(cast.person)
    client.force_login(cast.person)
    client.reauthenticate(cast.person)  # the password again, just now
    response = client.post(
        reverse("payment-choice-edit"),
        BANK_FORM | {"account_name": "", "sort_code": "", "account_number": ""},
    )
    assert response.status_code == 302
    assert PaymentChoice.objects.get(user=cast.person).account_number == "00733446"


def test_choosing_cash_deletes_the_bank_details(client, cast):
    bank_choice(cast.person)
    client.force_login(cast.person)
    client.reauthenticate(cast.person)  # the password again, just now
    client.post(reverse("payment-choice-edit"), {"method": "cash", "time_payment": "full"})
    choice = PaymentChoice.objects.get(user=cast.person)
    assert (choice.method, choice.sort_code, choice.account_number) == ("cash", "", "")


@pytest.mark.parametrize(
    "change, message",
    [
        ({"sort_code": "30-94-5"}, "Enter a valid sort code"),
        ({"sort_code": "ab-cd-ef"}, "Enter a valid sort code"),
        ({"account_number": "12345"}, "Enter a valid account number"),
        ({"account_number": "123456789"}, "Enter a valid account number"),
        ({"account_name": ""}, "Enter the name on the account"),
        ({"time_payment": "lower"}, "Enter the most you want for your time"),
        ({"time_payment": "donate"}, "Enter the name of the charity"),
        ({"time_payment": "lower", "lower_amount_pence": "-5"}, "Enter an amount of 0 or more"),
        ({"method": "cheque"}, "Select a valid choice"),
    ],
)
def test_bad_payment_choices_are_refused_and_nothing_is_saved(client, cast, change, message):
    client.force_login(cast.person)
    client.reauthenticate(cast.person)  # the password again, just now
    response = client.post(reverse("payment-choice-edit"), BANK_FORM | change)
    assert response.status_code == 200
    assert message in response.text
    assert "There is a problem" in response.text
    assert not PaymentChoice.objects.exists()


def test_a_seven_digit_account_number_gets_its_leading_zero(client, cast):
    client.force_login(cast.person)
    client.reauthenticate(cast.person)  # the password again, just now
    client.post(reverse("payment-choice-edit"), BANK_FORM | {"account_number": "7334452"})
    assert PaymentChoice.objects.get(user=cast.person).account_number == "07334452"


# Expenses and receipts


def _expense(cast, client, **data):
    claim = _draft(cast)
    client.force_login(cast.person)
    fields = {
        "expense_type": "travel",
        "description": "Bus fare",
        "amount_pence": "£4.50",
        "receipt": receipt(),
    } | data
    response = client.post(_url("claim-expense-add", cast, claim_id=claim.pk), fields)
    return claim, response


def test_an_expense_with_a_receipt_is_added_and_the_receipt_served_only_through_the_app(
    client, cast
):
    claim, response = _expense(cast, client)
    assert response.status_code == 302
    line = ClaimLine.objects.get(claim=claim, kind="expense")
    assert (line.amount_pence, line.receipt_type) == (450, "application/pdf")
    assert "ticket" not in line.receipt.name  # stored under a random name
    url = _url("receipt-download", cast, claim_id=claim.pk, line_id=line.pk)
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    client.force_login(cast.carer)
    assert client.get(url).status_code == 403
    client.force_login(cast.outsider)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "upload, message",
    [
        # A program dressed up as a PDF.
        (receipt("receipt.pdf", b"MZ\x90\x00" + b"\x00" * 60), "be what its name says"),
        # A real PDF called a photo.
        (receipt("photo.jpg", PDF, "image/jpeg"), "be what its name says"),
        # HTML with an image's name.
        (receipt("photo.png", b"<html><script>alert(1)</script>", "image/png"), "what its name"),
        (receipt("empty.pdf", b""), "The submitted file is empty"),
    ],
)
def test_a_disguised_receipt_is_refused_and_nothing_is_saved(client, cast, upload, message):
    claim, response = _expense(cast, client, receipt=upload)
    assert response.status_code == 200
    assert message in response.text
    assert not claim.lines.filter(kind="expense").exists()


def test_an_oversized_receipt_is_refused(client, cast, settings):
    settings.RECEIPT_MAX_BYTES = 1000
    big = receipt("big.png", PNG + b"\x00" * 2000, "image/png")
    claim, response = _expense(cast, client, receipt=big)
    assert "The receipt must be smaller than 1000" in response.text
    assert not claim.lines.filter(kind="expense").exists()


def test_a_png_receipt_is_accepted(client, cast):
    claim, response = _expense(cast, client, receipt=receipt("bus.PNG", PNG, "image/png"))
    assert response.status_code == 302
    assert claim.lines.get(kind="expense").receipt_type == "image/png"


@pytest.mark.parametrize(
    "amount, message",
    [
        ("-4.50", "Enter an amount of 0 or more"),
        ("£-4.50", "Enter an amount of 0 or more"),
        ("4.505", "Enter an amount in pounds and pence"),
        ("four pounds", "Enter an amount in pounds and pence"),
        ("1e3", "Enter an amount in pounds and pence"),
        ("0", "Enter an amount of £0.01 or more"),
        ("1000.01", "Enter an amount of £1,000.00 or less"),
        ("99999999999999", "Enter an amount of £1,000.00 or less"),
        ("", "Enter the amount"),
    ],
)
def test_negative_or_absurd_amounts_are_refused(client, cast, amount, message):
    claim, response = _expense(cast, client, amount_pence=amount)
    assert response.status_code == 200
    assert message in response.text
    assert not claim.lines.filter(kind="expense").exists()


@pytest.mark.parametrize("amount, pence", [("£12.50", 1250), ("12.5", 1250), ("1,000", 100000)])
def test_amounts_are_read_exactly(client, cast, amount, pence):
    claim, _response = _expense(cast, client, amount_pence=amount)
    assert claim.lines.get(kind="expense").amount_pence == pence


def test_time_spent_preparing_is_paid_at_its_rate(client, cast):
    claim = _draft(cast)
    set_rate(cast, pence=1200, activity="preparation")
    client.force_login(cast.person)
    url = _url("claim-time-add", cast, claim_id=claim.pk)
    response = client.post(url, {"activity": "reading", "hours": "1"})
    assert "does not pay for that activity" in response.text
    response = client.post(url, {"activity": "preparation", "hours": "1.3"})
    assert "Enter hours in quarters" in response.text
    response = client.post(url, {"activity": "preparation", "hours": "1.5"})
    assert response.status_code == 302
    assert claim.lines.get(activity="preparation").amount_pence == 1800


# Submitting and deciding


def test_the_person_sends_their_claim_and_the_facilitator_approves_it(client, cast):
    bank_choice(cast.person)
    claim = _draft(cast)
    client.force_login(cast.person)
    client.post(_url("claim-submit", cast, claim_id=claim.pk))
    claim.refresh_from_db()
    assert claim.status == Status.SUBMITTED
    client.force_login(cast.facilitator)
    response = client.post(_url("claim-decide", cast, claim_id=claim.pk), {"decision": "approve"})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == Status.APPROVED


def test_a_claim_without_a_payment_choice_is_not_sent(client, cast):
    claim = _draft(cast)
    client.force_login(cast.person)
    response = client.post(_url("claim-submit", cast, claim_id=claim.pk), follow=True)
    assert "Say how you would like to be paid first" in response.text
    claim.refresh_from_db()
    assert claim.status == Status.DRAFT


def test_sending_back_without_a_reason_is_refused(client, cast):
    claim = submitted_claim(cast)
    client.force_login(cast.facilitator)
    response = client.post(_url("claim-decide", cast, claim_id=claim.pk), {"decision": "return"})
    assert "Say why" in response.text
    claim.refresh_from_db()
    assert claim.status == Status.SUBMITTED


def test_approving_an_already_approved_claim_shows_why_and_changes_nothing(client, cast):
    claim = approved_claim(cast)
    client.force_login(cast.facilitator)
    response = client.post(_url("claim-decide", cast, claim_id=claim.pk), {"decision": "approve"})
    assert response.status_code == 200
    assert "not waiting for approval" in response.text
    assert claim.events.filter(action="approved").count() == 1


def test_a_facilitator_claiming_for_someone_records_their_phone_confirmation(client, cast):
    set_rate(cast)
    bank_choice(cast.person)
    meeting = attended_meeting(cast)
    client.force_login(cast.facilitator)
    response = client.post(
        _url("claim-start-on-behalf", cast, meeting_id=meeting.pk),
        {"claimant": str(cast.person.pk)},
    )
    claim = Claim.objects.get()
    assert response.status_code == 302
    assert claim.started_by == cast.facilitator
    detail = client.get(_url("claim-detail", cast, claim_id=claim.pk)).text
    assert "They confirmed this claim to me by phone" in detail
    client.post(_url("claim-submit", cast, claim_id=claim.pk), {"by_phone": "on"})
    claim.refresh_from_db()
    assert (claim.status, claim.confirmed_by_phone_by) == (Status.SUBMITTED, cast.facilitator)


def test_a_claim_for_a_meeting_not_attended_is_refused_on_the_page(client, cast):
    meeting = attended_meeting(cast, people=[cast.carer])
    client.force_login(cast.person)
    response = client.post(_url("claim-start", cast, meeting_id=meeting.pk))
    assert response.status_code == 400
    assert "only claim for a meeting you attended" in response.text
    assert not Claim.objects.exists()


def test_the_meeting_page_offers_a_claim_to_those_who_attended(client, cast):
    meeting = attended_meeting(cast, people=[cast.person])
    url = reverse("meeting-detail", args=[cast.project.pk, meeting.pk])
    client.force_login(cast.person)
    assert "Claim for this meeting" in client.get(url).text
    client.force_login(cast.carer)
    assert "Claim for this meeting" not in client.get(url).text


# Policy and rates


def test_the_commissioner_sets_the_policy_and_a_rate(client, cast):
    client.force_login(cast.commissioner)
    client.reauthenticate(cast.commissioner)  # the password again, just now
    response = client.post(
        _url("payment-policy-edit", cast),
        {
            "budget_pence": "5,000",
            "expense_types": ["travel", "mileage"],
            "mileage_pence_per_mile": "0.45",
            "methods": ["bank", "cash"],
            "approval_threshold_pence": "100",
        },
    )
    assert response.status_code == 302
    policy = PaymentPolicy.objects.get(project=cast.project)
    assert (policy.budget_pence, policy.mileage_pence_per_mile) == (500000, 45)
    assert policy.expense_types == ["travel", "mileage"]
    assert policy.methods == ["bank", "cash"]
    assert policy.approval_threshold_pence == 10000
    response = client.post(
        _url("rate-create", cast),
        {
            "activity": "meeting",
            "unit": "hour",
            "amount_pence": "25",
            "effective_from_0": "1",
            "effective_from_1": "4",
            "effective_from_2": "2027",
        },
    )
    assert response.status_code == 302
    assert Rate.objects.get().amount_pence == 2500


def test_a_policy_without_a_payment_method_is_refused(client, cast):
    client.force_login(cast.commissioner)
    client.reauthenticate(cast.commissioner)  # the password again, just now
    response = client.post(
        _url("payment-policy-edit", cast),
        {"budget_pence": "5000", "mileage_pence_per_mile": "0.45"},
    )
    assert "Select at least one way of being paid" in response.text
    assert not PaymentPolicy.objects.exists()


def test_the_budget_shows_spent_committed_left_and_days_to_pay(client, cast):
    from datetime import timedelta

    PaymentPolicy.objects.create(project=cast.project, budget_pence=100000)
    paid = approved_claim(cast)
    PaymentChoice.objects.filter(user=cast.carer).delete()
    approved_claim(cast, claimant=cast.carer)
    Claim.objects.filter(pk=paid.pk).update(
        status=Status.PAID, paid_at=paid.submitted_at + timedelta(days=3)
    )
    client.force_login(cast.commissioner)
    page = client.get(_url("budget", cast)).text
    assert "£1,000.00" in page  # budget
    assert page.count("£40.00") == 2  # spent and committed
    assert "£920.00" in page  # left
    assert "3.0 days" in page


# Query counts


@pytest.mark.parametrize("rows", [3, 30, 120])
def test_the_facilitators_claims_list_makes_the_same_queries_for_3_30_and_120_claims(
    client, cast, django_assert_num_queries, rows
):
    set_rate(cast)
    meeting = attended_meeting(cast, people=[])
    for _ in range(rows):
        user = add_member(cast.project, "carer").user
        submitted_claim(cast, claimant=user, meeting=attended_meeting(cast, people=[user]))
    client.force_login(cast.facilitator)
    url = _url("claim-list", cast)
    # user, membership, policy, a policy change waiting, rates, then for each of the
    # two lists (waiting for you, all claims) a count and a page
    with django_assert_num_queries(10):
        response = client.get(url)
    # Each list shows a page of 25 at most.
    assert response.text.count("Waiting for approval") == 2 * min(rows, 25)
    assert meeting


def test_each_claim_row_names_the_person_and_links_the_claim_with_its_day_amount_and_status(
    client, cast
):
    cast.person.preferred_name = "علي <b>"  # right to left, and markup
    cast.person.save()
    meeting = attended_meeting(cast, people=[cast.person], title="Ideas & plans")
    claim = submitted_claim(cast, claimant=cast.person, meeting=meeting)
    client.force_login(cast.facilitator)
    page = client.get(_url("claim-list", cast)).text
    name = "<bdi>علي &lt;b&gt;</bdi>"
    day = timezone.localtime(meeting.starts_at).strftime("%-d %b %Y")
    link = reverse("claim-detail", args=[cast.project.pk, claim.pk])
    row = (
        f'<tr class="govuk-table__row"><td class="govuk-table__cell">{name}</td>'
        f'<td class="govuk-table__cell"><a class="govuk-link" href="{link}">Ideas &amp; plans'
        f'<span class="govuk-visually-hidden">, claim by {name}</span></a>, {day}</td>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">£40.00</td>'
        '<td class="govuk-table__cell"><strong class="govuk-tag govuk-tag--yellow">'
        "Waiting for approval</strong></td></tr>"
    )
    assertInHTML(row, page, count=2)  # waiting for you, and all claims
    cast.facilitator.language = "cy"
    cast.facilitator.save(update_fields=["language"])
    assert f"hawliad gan {name}" in client.get(_url("claim-list", cast)).text


def test_the_two_claim_lists_page_separately(client, cast):
    set_rate(cast)
    for _ in range(55):
        user = add_member(cast.project, "carer").user
        submitted_claim(cast, claimant=user, meeting=attended_meeting(cast, people=[user]))
    client.force_login(cast.facilitator)
    url = _url("claim-list", cast)
    first = client.get(url).text
    assert "Waiting for you (55)" in first
    assert "All claims (55)" in first
    assert 'href="?waiting=2" rel="next"' in first
    assert 'href="?page=2" rel="next"' in first
    # The second page of the waiting list keeps the first page of all claims, and the links
    # of each list keep the other list's page.
    page = client.get(url, {"waiting": 2}).text
    assert page.count("Waiting for approval") == 25 + 25
    assert 'href="?waiting=2&amp;page=2" rel="next"' in page
    assert 'aria-label="Pages of claims waiting for you"' in page


# Finance officer


def test_a_superuser_is_not_thereby_a_finance_officer(client, cast):
    admin = make_user("root")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    client.force_login(admin)
    assert client.get(reverse("finance-batch-list")).status_code == 403


def test_the_finance_officer_downloads_the_files_and_marks_the_batch_sent(
    client, cast, officer, settings
):
    settings.BACS_ORIGINATOR_SORT_CODE = "401234"
    settings.BACS_ORIGINATOR_ACCOUNT = "12345678"
    settings.BACS_ORIGINATOR_NAME = "Coproduce Council"
    settings.BACS_ORIGINATOR_SERVICE_USER_NUMBER = "123456"
    batch = a_batch(cast)
    client.force_login(officer)
    client.reauthenticate(officer)  # the password again, just now
    assert "Batch" in client.get(reverse("finance-batch-list")).text
    bacs = client.get(reverse("finance-batch-download", args=[batch.pk, "bacs"]))
    assert bacs.status_code == 200
    assert bacs.content.startswith(b"VOL1")
    assert (
        bacs.content
        == client.get(reverse("finance-batch-download", args=[batch.pk, "bacs"])).content
    )
    csv = client.get(reverse("finance-batch-download", args=[batch.pk, "csv"]))
    assert csv.content.startswith(b"Sort code,")
    assert client.get(reverse("finance-batch-download", args=[batch.pk, "pdf"])).status_code == 404
    client.post(reverse("finance-batch-submit", args=[batch.pk]))
    claim = batch.items.get().claim
    claim.refresh_from_db()
    assert claim.status == Status.PAID
    client.force_login(cast.person)
    assert "Paid" in client.get(_url("claim-detail", cast, claim_id=claim.pk)).text


def test_a_bacs_file_without_the_originator_settings_says_what_is_missing(client, cast, officer):
    batch = a_batch(cast)
    client.force_login(officer)
    client.reauthenticate(officer)  # the password again, just now
    response = client.get(reverse("finance-batch-download", args=[batch.pk, "bacs"]), follow=True)
    assert "BACS_ORIGINATOR_SERVICE_USER_NUMBER must be six digits" in response.text


def test_the_finance_officer_marks_a_payment_failed_and_the_person_sees_why(client, cast, officer):
    batch = a_batch(cast)
    item = batch.items.get()
    client.force_login(officer)
    url = reverse("finance-payment-fail", args=[item.pk])
    assert "Why did the payment fail" in client.get(url).text
    client.post(url, {"reason": "The account is closed"})
    client.force_login(cast.person)
    page = client.get(_url("claim-detail", cast, claim_id=item.claim_id)).text
    assert "The account is closed" in page
    assert "Pay me again" in page


def test_the_payments_export_neutralises_spreadsheet_formulas(client, cast, officer):
    cast.person.full_name = '=HYPERLINK("http://evil")'
    cast.person.save()
    a_batch(cast)
    client.force_login(officer)
    client.reauthenticate(officer)  # the password again, just now
    response = client.get(reverse("finance-export"))
    assert response.status_code == 200
    assert "'=HYPERLINK" in response.content.decode()
    assert "\n=HYPERLINK" not in response.content.decode()
    assert ',"=' not in response.content.decode()


# The person's payments page


def test_the_payments_page_totals_payments_for_time_not_expenses(client, cast):
    from datetime import datetime, timedelta

    from django.utils import timezone

    from tests.base import LONDON

    first = approved_claim(cast, expense_pence=1000)
    now = timezone.now()
    Claim.objects.filter(pk=first.pk).update(status=Status.PAID, paid_at=now)
    old = approved_claim(cast, meeting=attended_meeting(cast, days_ago=300, people=[cast.person]))
    Claim.objects.filter(pk=old.pk).update(
        status=Status.PAID, paid_at=datetime(2020, 5, 1, 12, tzinfo=LONDON)
    )
    client.force_login(cast.person)
    page = client.get(reverse("my-payments")).text
    # This week and this tax year: the £40 time payment, not the £10 expense.
    assert page.count("£40.00") >= 2
    assert "£50.00" not in page.split("Your claims")[0]
    assert "Tax year from 6 April 2020: £40.00" in page
    assert timedelta  # used above


def test_the_benefits_page_gives_information_and_where_to_get_advice(client, cast):
    client.force_login(cast.person)
    page = client.get(reverse("benefits-information")).text
    assert "Expenses are not earnings" in page
    assert "Vouchers count too" in page
    assert "Citizens Advice" in page


def test_a_claims_page_makes_the_same_queries_for_few_and_many_lines(client, cast):
    from django.test.utils import CaptureQueriesContext

    claim = _draft(cast)
    set_rate(cast, activity="preparation")
    client.force_login(cast.person)
    url = _url("claim-detail", cast, claim_id=claim.pk)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    for _ in range(10):
        services.claim_line_add_time(claim=claim, activity="preparation", minutes=30)
        services.claim_line_add_expense(
            claim=claim,
            expense_type="food",
            description="Lunch",
            amount_pence=500,
            receipt=receipt(),
            receipt_type="application/pdf",
        )
    assert queries() == few
