"""Exactly once on a real PostgreSQL (Done when 2): concurrent payout workers, one of them
killed in the middle of its batch; and people acting on one claim at the same moment."""

import multiprocessing
import os
import signal
import threading

import pytest
from django.db import connections
from django.db.models import Count, F, Sum

from accounts.models import User
from expenses import modulus, services, tasks
from expenses.models import (
    Claim,
    ClaimEvent,
    Method,
    PaymentChoice,
    PayoutBatch,
    PayoutItem,
    Status,
)
from projects.models import Role
from tests.base import add_member, make_cast
from tests.expenses.helpers import attended_meeting, submitted_claim
from tests.races import race
from tests.services import require_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CLAIMS = 500
WORKERS = 8


def _approved_claims(cast, count: int) -> list[Claim]:
    meeting = attended_meeting(cast, people=[])
    users = User.objects.bulk_create(
        [User(email=f"claimant{i}@example.org", preferred_name=f"C{i}") for i in range(count)]
    )
    PaymentChoice.objects.bulk_create(
        [
            PaymentChoice(
                user=u,
                method=Method.BANK,
                account_name=f"Claimant {i}",
                sort_code="309457",
                account_number=modulus.made_up_account_number("309457", i * 100),
            )
            for i, u in enumerate(users)
        ]
    )
    return Claim.objects.bulk_create(
        [
            Claim(
                project=cast.project,
                meeting=meeting,
                claimant=u,
                status=Status.APPROVED,
                method=Method.BANK,
                time_pence=1000 + i,
                expenses_pence=(i % 7) * 137,
            )
            for i, u in enumerate(users)
        ]
    )


def _worker(start, held, victim: bool) -> None:
    """One payout worker in its own process. The victim stops inside its transaction, with
    its claims locked and its batch written but not committed, and waits to be killed."""
    connections.close_all()  # never use the parent's connection from a child
    if victim:
        manager = PayoutItem.objects
        write_items = manager.bulk_create

        def write_then_hang(*args, **kwargs):
            rows = write_items(*args, **kwargs)
            held.set()
            signal.pause()
            return rows

        manager.bulk_create = write_then_hang
    start.wait()
    try:
        tasks.payout_run()
    finally:
        connections.close_all()


def test_eight_workers_and_one_killed_mid_batch_pay_every_claim_exactly_once(monkeypatch):
    require_postgres()
    cast = make_cast()
    claims = _approved_claims(cast, CLAIMS)
    expected_total = sum(c.payable_pence for c in claims)
    # Small batches, so the workers really compete for the claims.
    monkeypatch.setattr(services, "PAYOUT_BATCH_LIMIT", 20)
    connections.close_all()  # the children must not share this process's connection

    context = multiprocessing.get_context("fork")
    start, held = context.Barrier(WORKERS), context.Event()
    processes = [
        context.Process(target=_worker, args=(start, held, index == 0)) for index in range(WORKERS)
    ]
    for process in processes:
        process.start()
    assert held.wait(timeout=60), "the victim never reached the middle of its batch"
    victim = processes[0]
    os.kill(victim.pid, signal.SIGKILL)
    for process in processes:
        process.join(timeout=120)
    assert victim.exitcode == -signal.SIGKILL
    assert [p.exitcode for p in processes[1:]] == [0] * (WORKERS - 1)

    # The victim's batch was rolled back; its claims are still approved (if no other worker
    # took them after its locks went), and the next run takes them.
    tasks.payout_run()

    assert Claim.objects.filter(status=Status.SCHEDULED).count() == CLAIMS
    items = PayoutItem.objects.all()
    assert items.count() == CLAIMS
    assert items.values("claim_id").distinct().count() == CLAIMS
    batches = PayoutBatch.objects.annotate(
        items_total=Sum("items__amount_pence"), items_count=Count("items")
    )
    assert batches.count() > 1
    for batch in batches:
        claims_total = Claim.objects.filter(payout_items__batch=batch).aggregate(
            total=Sum(F("time_pence") + F("expenses_pence"))
        )["total"]
        assert batch.total_pence == batch.items_total == claims_total
        assert batch.item_count == batch.items_count
    assert sum(b.total_pence for b in batches) == expected_total

    # Paid once: marking every batch sent pays each claim one time.
    officer = add_member(cast.project, Role.COMMISSIONER).user
    for batch in batches:
        services.batch_mark_submitted(batch=batch, by=officer)
    assert Claim.objects.filter(status=Status.PAID).count() == CLAIMS
    paid_once = ClaimEvent.objects.filter(action="paid").values("claim_id").annotate(n=Count("id"))
    assert sorted(row["n"] for row in paid_once) == [1] * CLAIMS


def test_two_facilitators_approving_at_once_approve_once():
    require_postgres()
    cast = make_cast()
    other = add_member(cast.project, Role.FACILITATOR).user
    claim = submitted_claim(cast)
    errors = race(
        lambda: services.claim_approve(claim=claim, by=cast.facilitator),
        lambda: services.claim_approve(claim=claim, by=other),
    )
    assert len(errors) == 1
    assert "not waiting for approval" in errors[0].messages[0]
    assert claim.events.filter(action="approved").count() == 1


def test_two_finance_officers_marking_a_batch_sent_at_once_pay_once():
    require_postgres()
    cast = make_cast()
    claim = submitted_claim(cast)
    services.claim_approve(claim=claim, by=cast.facilitator)
    [batch_id] = services.payout_run()
    batch = PayoutBatch.objects.get(pk=batch_id)
    errors = race(
        lambda: services.batch_mark_submitted(batch=batch, by=cast.commissioner),
        lambda: services.batch_mark_submitted(batch=batch, by=cast.facilitator),
    )
    assert len(errors) == 1
    assert claim.events.filter(action="paid").count() == 1


def test_new_bank_details_saved_while_a_payout_run_holds_the_claim_are_not_paid(monkeypatch):
    """The run has taken the claim (no hold yet) when the person's new details commit: it
    reads the details under lock after that, and so sees the hold the change made too."""
    require_postgres()
    cast = make_cast()
    claim = submitted_claim(cast)
    services.claim_approve(claim=claim, by=cast.facilitator)
    taken, go = threading.Event(), threading.Event()
    lock_choices = PaymentChoice.objects.select_for_update

    def pause_the_run(*args, **kwargs):
        if threading.current_thread().name == "payout":
            taken.set()
            go.wait(timeout=30)
        return lock_choices(*args, **kwargs)

    monkeypatch.setattr(PaymentChoice.objects, "select_for_update", pause_the_run)
    made = []

    def run():
        try:
            made.extend(services.payout_run())
        finally:
            connections.close_all()

    payout = threading.Thread(target=run, name="payout")
    payout.start()
    assert taken.wait(timeout=30)
    choice = PaymentChoice.objects.get(user=cast.person)
    choice.sort_code, choice.account_number = "200000", "12345678"
    services.payment_choice_save(choice=choice)
    go.set()
    payout.join(timeout=60)
    assert made == []
    assert not PayoutItem.objects.exists()
    assert Claim.objects.get(pk=claim.pk).status == Status.APPROVED
