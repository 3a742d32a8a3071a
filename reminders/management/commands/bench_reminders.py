"""Time planning and sending of N due reminders and count their SQL queries.

On a database with data of its own, what that data makes due (a one-off catch-up the first
time the planner sees it) is planned first, untimed but reported, and set aside, so the timed
run plans over all the data, as every minute's run does, but sends only the N reminders.
Then it times the planner's runs over the next hour with nothing changed (CPU time).
Everything it creates is rolled back at the end, and email goes to memory, so it can run
against any development database: python manage.py bench_reminders --reminders 10000
"""

import time
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from accounts.models import User
from projects.models import Meeting, MeetingFormat, Membership, Project, Role
from reminders.models import Delivery, Status
from reminders.services import BATCH_SIZE, reminders_plan, reminders_send


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Benchmark the reminder job over N due reminders (development only)."

    def add_arguments(self, parser):
        parser.add_argument("--reminders", type=int, default=10_000)
        parser.add_argument("--per-project", type=int, default=500)

    def handle(self, *args, reminders, per_project, **options):
        if not settings.DEBUG:
            raise CommandError("bench_reminders only runs with DEBUG on.")
        try:
            with (
                transaction.atomic(),
                override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
            ):
                self._run(reminders, per_project)
                raise _Rollback
        except _Rollback:
            pass

    def _run(self, count, per_project):
        now = timezone.now()
        with CaptureQueriesContext(connection) as catching_up:
            started = time.perf_counter()
            backlog = reminders_plan(now=now)
            backlog_seconds = time.perf_counter() - started
        Delivery.objects.filter(status=Status.PENDING).update(
            status=Status.DROPPED, outcome="set aside by bench_reminders"
        )
        users = User.objects.bulk_create(
            User(email=f"bench{n}@example.invalid", preferred_name=f"B{n}", password="!")
            for n in range(count)
        )
        memberships, meetings = [], []
        for start in range(0, count, per_project):
            owner = users[start]
            project = Project.objects.create(
                title=f"Bench {start}", summary="-", starts_on=now.date(), created_by=owner
            )
            memberships += [
                Membership(project=project, user=user, role=Role.PERSON)
                for user in users[start : start + per_project]
            ]
            begins = now + timedelta(hours=20)
            meetings.append(
                Meeting(
                    project=project,
                    title="Bench meeting",
                    starts_at=begins,
                    ends_at=begins + timedelta(hours=1),
                    format=MeetingFormat.ONLINE,
                    created_by=owner,
                )
            )
        Membership.objects.bulk_create(memberships, batch_size=2000)
        Meeting.objects.bulk_create(meetings)

        with CaptureQueriesContext(connection) as planning:
            started = time.perf_counter()
            planned = reminders_plan(now=now)
            plan_seconds = time.perf_counter() - started
        with CaptureQueriesContext(connection) as sending:
            started = time.perf_counter()
            sent = reminders_send(now=now)
            send_seconds = time.perf_counter() - started
        batches = -(-sent // BATCH_SIZE)
        quiet = self._quiet_hour(now)
        self.stdout.write(
            f"database: {connection.vendor}\n"
            f"catch-up over the data already there (untimed, set aside): {backlog} rows "
            f"in {backlog_seconds:.2f} s, {len(catching_up)} queries\n"
            f"reminders due: {count} ({count // per_project} meetings of {per_project} people)\n"
            f"planned rows: {planned} in {plan_seconds:.2f} s, {len(planning)} queries\n"
            f"sent: {sent} in {send_seconds:.2f} s, {len(sending)} queries, "
            f"{batches} batches of up to {BATCH_SIZE}\n"
            f"total: {plan_seconds + send_seconds:.2f} s\n"
            f"planning with nothing changed, each minute of the next hour: {quiet}"
        )

    def _quiet_hour(self, now) -> str:
        """CPU time of the planner's next 60 runs, a minute apart, with no data changed: most
        skip every kind (reminders/changes.py), a few plan a kind whose occurrence came due."""
        seconds, queries, skipped = [], 0, 0
        for minute in range(1, 61):
            with CaptureQueriesContext(connection) as run:
                started = time.process_time()
                reminders_plan(now=now + timedelta(minutes=minute))
                seconds.append(time.process_time() - started)
            queries += len(run)
            skipped += len(run) <= 2
        return (
            f"{sum(seconds) / 60:.3f} s CPU a minute on average, {max(seconds):.2f} s at most; "
            f"{skipped} of 60 runs skipped every kind ({sorted(seconds)[30]:.3f} s, median); "
            f"{queries} queries in all"
        )
