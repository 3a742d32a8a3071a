"""The payment policy's second-approval threshold changes only with a second person (issue 17,
part 0; DESIGN.md, "Who may change roles"): raising or clearing it waits until another
commissioner of the project or a finance officer confirms it, never the person who proposed
it; lowering it applies at once. Changing the payout rules asks for the password again."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, Entry
from expenses import services
from expenses.models import Claim, PaymentPolicy, PolicyChange, PolicyChangeStatus, Status
from expenses.reminder_kinds import POLICY_CHANGE_WAITING
from projects.models import Membership, Role
from reminders.models import Delivery
from reminders.services import reminders_tick
from tests.base import PASSWORD, Client, add_member, give_second_factor, make_user
from tests.expenses.helpers import set_policy, signed_in_just_now, submitted_claim

pytestmark = pytest.mark.django_db

POLICY = {
    "budget_pence": "5000",
    "expense_types": ["travel"],
    "mileage_pence_per_mile": "0.45",
    "methods": ["bank"],
}


def _threshold(cast):
    return PaymentPolicy.objects.get(project=cast.project).approval_threshold_pence


def _save_policy(client, cast, threshold: str):
    return client.post(
        reverse("payment-policy-edit", args=[cast.project.pk]),
        POLICY | {"approval_threshold_pence": threshold},
    )


def _proposed(client, cast, threshold: str = "") -> PolicyChange:
    """With a £100 threshold in force, the commissioner proposes `threshold` (empty: none)
    on the policy page, and is still signed in."""
    set_policy(cast, approval_threshold_pence=10000)
    signed_in_just_now(client, cast.commissioner)
    _save_policy(client, cast, threshold)
    return PolicyChange.objects.get(status=PolicyChangeStatus.PENDING)


def _decide(client, change, decision):
    url = reverse("policy-change-decide", args=[change.project_id, change.pk])
    return client.post(url, {"decision": decision})


@pytest.fixture
def second(cast):
    """A second commissioner of the project, with the app like the first."""
    user = add_member(cast.project, Role.COMMISSIONER).user
    give_second_factor(user)
    return user


# Proposing


def test_lowering_the_threshold_applies_at_once(client, cast):
    set_policy(cast, approval_threshold_pence=10000)
    signed_in_just_now(client, cast.commissioner)
    assert _save_policy(client, cast, "50").status_code == 302
    assert _threshold(cast) == 5000
    assert not PolicyChange.objects.exists()
    entry = Entry.objects.get(action=Action.PAYMENT_POLICY_CHANGED)
    assert "approval threshold from £100.00 to £50.00" in entry.detail


def test_setting_a_threshold_for_the_first_time_applies_at_once(client, cast):
    signed_in_just_now(client, cast.commissioner)
    _save_policy(client, cast, "100")
    assert _threshold(cast) == 10000


@pytest.mark.parametrize("threshold, proposed", [("", None), ("500", 50000)])
def test_clearing_or_raising_the_threshold_waits_for_a_second_person(
    client, cast, threshold, proposed
):
    set_policy(cast, approval_threshold_pence=10000, budget_pence=1)
    signed_in_just_now(client, cast.commissioner)
    response = _save_policy(client, cast, threshold)
    assert response.status_code == 302
    policy = PaymentPolicy.objects.get(project=cast.project)
    assert policy.approval_threshold_pence == 10000  # unchanged
    assert policy.budget_pence == 500000  # the rest of the policy is saved
    change = PolicyChange.objects.get()
    assert (change.status, change.threshold_pence, change.threshold_before_pence) == (
        PolicyChangeStatus.PENDING,
        proposed,
        10000,
    )
    assert change.proposed_by == cast.commissioner
    page = client.get(reverse("claim-list", args=[cast.project.pk])).text
    assert "applies once another commissioner or the finance officer confirms it" in page


def test_the_payments_page_shows_the_waiting_change_and_who_proposed_it(client, cast):
    _proposed(client, cast)
    for user in (cast.commissioner, cast.facilitator):
        client.force_login(user)
        page = client.get(reverse("claim-list", args=[cast.project.pk])).text
        assert f"<bdi>{cast.commissioner.display_name}</bdi> proposed on" in page
        assert "that no claim needs a second approval" in page
        assert "Claims over £100.00 need a commissioner" in page


def test_a_new_proposal_replaces_the_one_waiting(client, cast, second):
    first = _proposed(client, cast)
    _save_policy(client, cast, "")  # the same again changes nothing
    assert PolicyChange.objects.get() == first
    signed_in_just_now(client, second)
    _save_policy(client, cast, "300")
    first.refresh_from_db()
    assert first.status == PolicyChangeStatus.REPLACED
    waiting = PolicyChange.objects.get(status=PolicyChangeStatus.PENDING)
    assert (waiting.threshold_pence, waiting.proposed_by) == (30000, second)


def test_commissioners_are_told_once_when_a_change_waits(client, cast, second):
    _proposed(client, cast)
    notices = Delivery.objects.filter(kind=POLICY_CHANGE_WAITING)
    assert {d.recipient for d in notices} == {cast.commissioner, second}
    reminders_tick()
    reminders_tick()
    [told] = [m for m in mail.outbox if m.to == [second.email]]
    assert told.subject == "A change to the payment rules of Short breaks needs confirming"
    assert (
        f"{cast.commissioner.display_name} proposed a change to the payment rules of Short "
        "breaks: no second approval at all." in told.body
    )
    [own] = [m for m in mail.outbox if m.to == [cast.commissioner.email]]
    assert "You proposed a change" in own.body
    assert len(mail.outbox) == 2


def test_a_notice_about_a_change_already_decided_is_not_sent(client, cast, second):
    _decide(client, _proposed(client, cast), "withdraw")
    reminders_tick()
    assert mail.outbox == []


# Confirming


def test_the_proposer_cannot_confirm_their_own_change(client, cast):
    change = _proposed(client, cast)
    page = client.get(reverse("policy-change-decide", args=[cast.project.pk, change.pk])).text
    assert "Confirm the change" not in page and "Withdraw the change" in page
    response = _decide(client, change, "confirm")
    assert response.status_code == 200
    assert "Select what you want to do" in response.text
    with pytest.raises(Exception, match="Someone else must confirm this change"):
        services.policy_change_confirm(change=change, by=cast.commissioner)
    assert _threshold(cast) == 10000
    change.refresh_from_db()
    assert change.status == PolicyChangeStatus.PENDING


def test_the_database_refuses_a_change_confirmed_by_its_proposer(cast):
    set_policy(cast, approval_threshold_pence=10000)
    change = PolicyChange.objects.create(
        project=cast.project, threshold_before_pence=10000, proposed_by=cast.commissioner
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        PolicyChange.objects.filter(pk=change.pk).update(
            status=PolicyChangeStatus.CONFIRMED, decided_by=cast.commissioner
        )


def test_members_who_are_not_commissioners_cannot_see_or_confirm_a_change(client, cast):
    set_policy(cast, approval_threshold_pence=10000)
    policy = PaymentPolicy.objects.get()
    policy.approval_threshold_pence = None
    _policy, change = services.payment_policy_save(policy=policy, by=cast.commissioner)
    for user in (cast.facilitator, cast.person, cast.carer, cast.professional):
        signed_in_just_now(client, user)
        assert _decide(client, change, "confirm").status_code == 403
    signed_in_just_now(client, cast.outsider)
    assert _decide(client, change, "confirm").status_code == 404
    with pytest.raises(Exception, match="Only another commissioner"):
        services.policy_change_confirm(change=change, by=cast.facilitator)
    assert _threshold(cast) == 10000


def test_another_commissioner_confirms_and_the_new_threshold_applies(client, cast, second):
    change = _proposed(client, cast, "500")
    signed_in_just_now(client, second)
    assert _decide(client, change, "confirm").status_code == 302
    assert _threshold(cast) == 50000
    change.refresh_from_db()
    assert (change.status, change.decided_by) == (PolicyChangeStatus.CONFIRMED, second)
    entry = Entry.objects.get(action=Action.POLICY_CHANGE_CONFIRMED)
    assert (entry.actor, entry.project) == (second, cast.project)
    assert "from £100.00 to £500.00" in entry.detail
    # Decided: confirming again is refused.
    page = _decide(client, change, "confirm").text
    assert "Confirmed" in page and 'name="decision"' not in page
    with pytest.raises(Exception, match="no longer waiting"):
        services.policy_change_confirm(change=change, by=second)


def test_a_finance_officer_confirms_from_the_finance_page(client, cast, officer):
    change = _proposed(client, cast)
    signed_in_just_now(client, officer)
    page = client.get(reverse("finance-batch-list")).text
    assert "Payment policy changes to confirm" in page
    url = reverse("policy-change-decide", args=[cast.project.pk, change.pk])
    assert url in page
    page = client.get(url).text
    assert cast.commissioner.display_name in page and "None: a facilitator" in page
    assert _decide(client, change, "confirm")["Location"] == reverse("finance-batch-list")
    assert _threshold(cast) is None


def test_confirming_asks_for_the_password_and_the_app_in_this_session(client, cast, second):
    change = _proposed(client, cast)
    client.force_login(second)  # with the app, but the password not given again
    response = _decide(client, change, "confirm")
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    password_only = Client()  # a session of its own, signed in with the password alone
    password_only.force_login_password_only(second)
    password_only.reauthenticate(second)
    response = _decide(password_only, change, "confirm")
    assert response["Location"].startswith(reverse("second-factor-needed"))
    assert _threshold(cast) == 10000


def test_the_proposer_withdraws_and_another_commissioner_turns_a_change_down(client, cast, second):
    first = _proposed(client, cast)
    assert _decide(client, first, "withdraw").status_code == 302
    _save_policy(client, cast, "")
    later = PolicyChange.objects.get(status=PolicyChangeStatus.PENDING)
    signed_in_just_now(client, second)
    assert _decide(client, later, "decline").status_code == 302
    first.refresh_from_db()
    later.refresh_from_db()
    assert (first.status, later.status) == (
        PolicyChangeStatus.WITHDRAWN,
        PolicyChangeStatus.DECLINED,
    )
    assert _threshold(cast) == 10000
    details = list(
        Entry.objects.filter(action=Action.POLICY_CHANGE_WITHDRAWN)
        .order_by("pk")
        .values_list("detail", flat=True)
    )
    assert details == ["withdrawn by the proposer", "not agreed"]
    assert Entry.objects.filter(action=Action.POLICY_CHANGE_PROPOSED).count() == 2


def test_a_stale_page_cannot_confirm_a_change_that_was_replaced(client, cast, second):
    old = _proposed(client, cast, "200")
    _save_policy(client, cast, "")  # replaced by a bigger change meanwhile
    signed_in_just_now(client, second)
    response = _decide(client, old, "confirm")
    assert response.status_code == 200
    assert _threshold(cast) == 10000


def test_policy_changes_are_in_the_projects_record_for_commissioners(client, cast, second):
    change = _proposed(client, cast)
    signed_in_just_now(client, second)
    _decide(client, change, "confirm")
    page = client.get(reverse("project-record", args=[cast.project.pk])).text
    assert "Payment policy change proposed" in page
    assert "Payment policy change confirmed" in page


# Re-authentication for the payout rules


def test_changing_the_payout_rules_asks_for_the_password_again(client, cast):
    set_policy(cast, approval_threshold_pence=10000)
    client.force_login(cast.commissioner)
    url = reverse("payment-policy-edit", args=[cast.project.pk])
    assert client.get(url)["Location"].startswith(reverse("account_reauthenticate"))
    response = _save_policy(client, cast, "50")
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert _threshold(cast) == 10000
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        client.reauthenticate(cast.commissioner)
    with time_machine.travel(timezone.now() + timedelta(minutes=7)):
        assert client.get(url)["Location"].startswith(reverse("account_reauthenticate"))


def test_the_form_sent_before_the_password_is_saved_once_it_is_given(client, cast):
    set_policy(cast, approval_threshold_pence=10000)
    client.force_login(cast.commissioner)
    prompt = _save_policy(client, cast, "50")["Location"]
    response = client.post(prompt, {"password": PASSWORD})
    assert response.status_code == 302
    assert _threshold(cast) == 5000


# The takeover that was seen: a facilitator alone cannot let £340 through on one approval


def test_a_facilitator_who_took_a_project_over_cannot_clear_the_threshold_and_approve_alone(
    client, cast
):
    set_policy(cast, approval_threshold_pence=15000)
    claim = submitted_claim(cast, expense_pence=30000)  # £40 for time + £300 = £340
    assert claim.gross_pence == 34000
    # The facilitator ends up the project's only commissioner (however they got there)...
    Membership.objects.filter(project=cast.project, user=cast.commissioner).update(role=Role.PERSON)
    Membership.objects.filter(project=cast.project, user=cast.facilitator).update(
        role=Role.COMMISSIONER
    )
    # ...clears the threshold on the policy page...
    signed_in_just_now(client, cast.facilitator)
    assert _save_policy(client, cast, "").status_code == 302
    change = PolicyChange.objects.get()
    # ...cannot confirm it themself...
    assert _decide(client, change, "confirm").status_code == 200
    assert _threshold(cast) == 15000
    # ...nor can the commissioner they demoted...
    signed_in_just_now(client, cast.commissioner)
    assert _decide(client, change, "confirm").status_code == 403
    # ...steps back to facilitator and approves the £340 claim.
    Membership.objects.filter(project=cast.project, user=cast.facilitator).update(
        role=Role.FACILITATOR
    )
    signed_in_just_now(client, cast.facilitator)
    url = reverse("claim-decide", args=[cast.project.pk, claim.pk])
    assert client.post(url, {"decision": "approve"}).status_code == 302
    claim.refresh_from_db()
    # One approval is not enough: it waits for a commissioner, and no batch pays it.
    assert (claim.status, claim.first_approved_by) == (Status.SUBMITTED, cast.facilitator)
    assert services.payout_run() == []
    assert not Claim.objects.get(pk=claim.pk).payout_items.exists()
    assert _threshold(cast) == 15000


def test_site_staff_cannot_change_the_threshold_in_the_admin(client, cast):
    policy = set_policy(cast, approval_threshold_pence=10000)
    staff = make_user("root")
    staff.is_superuser = staff.is_staff = True
    staff.save()
    give_second_factor(staff)
    client.force_login(staff)
    page = client.get(reverse("admin:expenses_paymentpolicy_change", args=[policy.pk])).text
    assert 'name="approval_threshold_pence"' not in page
    assert 'name="budget_pence"' in page
