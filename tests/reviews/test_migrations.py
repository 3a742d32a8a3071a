"""The anonymity migrations (reviews 0002 to 0004) on data written the old way: drafts become
encrypted and stay readable, anonymous rows are written again by the migration's own
transaction, open reviews get the members who may answer them, and nothing is lost."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.services import require_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BEFORE = [("reviews", "0001_initial")]
AFTER = [("reviews", "0004_sealed_ballots")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _old_data(apps) -> dict:
    User = apps.get_model("accounts", "User")
    Project = apps.get_model("projects", "Project")
    Membership = apps.get_model("projects", "Membership")
    Cycle = apps.get_model("reviews", "ReviewCycle")
    users = [User.objects.create(email=f"m{n}@example.org", password="!") for n in range(3)]
    project = Project.objects.create(
        title="Old", summary="S", starts_on=date(2026, 1, 1), created_by=users[0]
    )
    opens = timezone.localdate() - timedelta(days=2)
    for user in users[:2]:
        Membership.objects.create(
            project=project, user=user, role="person", joined_at=timezone.now() - timedelta(9)
        )
    # Joined after the review opened, and answered before there was any rule against it.
    Membership.objects.create(project=project, user=users[2], role="carer")
    cycle = Cycle.objects.create(
        project=project,
        title="Open one",
        opens_on=opens,
        closes_on=opens + timedelta(days=14),
        status="open",
        statements=[{"key": "k", "piece": "culture", "text": "T", "easy_read": "E"}],
        created_by=users[0],
    )
    Membership.objects.filter(user=users[2]).update(joined_at=timezone.now() + timedelta(days=1))
    apps.get_model("reviews", "Draft").objects.create(
        cycle=cycle, user=users[0], values={"ratings": {"k": 2}, "comments": {"k": "Draft words"}}
    )
    for user in users[1:]:
        apps.get_model("reviews", "Response").objects.create(cycle=cycle, user=user)
        apps.get_model("reviews", "Answer").objects.create(
            cycle=cycle, role_group="lived", piece="culture", statement_key="k", value=3
        )
        apps.get_model("reviews", "Placement").objects.create(
            cycle=cycle, role_group="lived", rung=4
        )
    return {"cycle": cycle.pk, "users": [u.pk for u in users]}


def test_the_anonymity_migrations_keep_everything_and_unlink_the_old_rows():
    require_postgres()
    try:
        old = _old_data(_migrate(BEFORE))
        with connection.cursor() as cursor:
            cursor.execute("SELECT id::text, xmin::text FROM reviews_answer")
            before = dict(cursor.fetchall())
        apps = _migrate(AFTER)

        Draft = apps.get_model("reviews", "Draft")
        assert Draft.objects.get().values == {"ratings": {"k": 2}, "comments": {"k": "Draft words"}}
        with connection.cursor() as cursor:
            cursor.execute("SELECT values FROM reviews_draft")
            assert "Draft words" not in cursor.fetchone()[0]
            cursor.execute("SELECT id::text, xmin::text FROM reviews_answer")
            after = dict(cursor.fetchall())
            cursor.execute("SELECT xmin::text FROM reviews_response")
            responses = {x for (x,) in cursor.fetchall()}
        # The same answers, with new ids, written by one transaction that recorded nobody.
        assert len(after) == len(before) == 2
        assert not set(after) & set(before)
        assert len(set(after.values())) == 1 and not set(after.values()) & responses
        assert apps.get_model("reviews", "Placement").objects.count() == 2

        cycle = apps.get_model("reviews", "ReviewCycle").objects.get(pk=old["cycle"])
        assert cycle.opened_at is not None and cycle.closed_at is None
        assert (cycle.planned_opens_on, cycle.planned_closes_on) == (
            cycle.opens_on,
            cycle.closes_on,
        )
        # The members by then, and the one who had already answered; each once.
        eligible = apps.get_model("reviews", "EligibleMember").objects.filter(cycle=cycle)
        assert sorted(eligible.values_list("user_id", flat=True)) == sorted(old["users"])
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
