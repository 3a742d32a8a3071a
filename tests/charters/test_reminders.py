"""The reminder to sign the current version of a charter."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from charters import services
from projects.models import ProjectStatus, Role
from reminders.kinds import KINDS
from reminders.models import Delivery, Kind, Status
from reminders.services import reminders_plan, reminders_send, reminders_tick
from tests.base import add_member, make_project, make_user
from tests.charters.helpers import publish

pytestmark = pytest.mark.django_db


def _emails_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def _rows(**filters):
    return Delivery.objects.filter(kind=Kind.CHARTER_UNSIGNED, **filters)


def test_members_who_have_not_signed_are_reminded_a_day_after_publishing_once(cast):
    version = publish(cast.project, cast.facilitator)
    services.signature_sign(version=version, member=cast.person, name="Pat")
    with time_machine.travel(version.published_at + timedelta(hours=23), tick=False):
        reminders_tick()
    assert mail.outbox == []  # not yet: people may sign at the meeting
    with time_machine.travel(version.published_at + timedelta(days=1, minutes=1), tick=False):
        reminders_tick()
        reminders_tick()
    assert _emails_to(cast.person) == []  # signed already
    message = _emails_to(cast.carer)[0]
    assert len(_emails_to(cast.carer)) == 1
    assert "version 1 of the Short breaks charter" in message.subject
    assert f"/projects/{cast.project.pk}/charter/" in message.body
    assert _rows(status=Status.SENT).count() == 4


def test_a_reminder_is_dropped_if_they_sign_before_it_goes(cast):
    version = publish(cast.project, cast.facilitator)
    now = version.published_at + timedelta(days=1, minutes=1)
    reminders_plan(now=now)
    services.signature_sign(version=version, member=cast.carer, name="Cam")
    reminders_send(now=now)
    assert _emails_to(cast.carer) == []
    row = _rows(recipient=cast.carer).get()
    assert (row.status, row.outcome) == (Status.DROPPED, "they have signed it")
    assert len(_emails_to(cast.person)) == 1


def test_a_reminder_is_dropped_if_a_new_version_replaces_it_before_it_goes(cast):
    first = publish(cast.project, cast.facilitator)
    now = first.published_at + timedelta(days=1, minutes=1)
    reminders_plan(now=now)
    publish(cast.project, cast.facilitator, payment="New words.")
    reminders_send(now=now)
    assert mail.outbox == []
    outcomes = set(_rows().values_list("status", "outcome"))
    assert outcomes == {(Status.DROPPED, "a newer version of the charter has been published")}


def test_each_version_has_its_own_reminder_and_withdrawn_members_are_not_chased(cast):
    first = publish(cast.project, cast.facilitator)
    signature = services.signature_sign(version=first, member=cast.person, name="Pat")
    services.signature_withdraw(signature=signature, reason="", recorded_by=cast.person)
    reminders_tick(now=first.published_at + timedelta(days=2))
    assert not _rows(recipient=cast.person).exists()
    second = publish(cast.project, cast.facilitator, payment="New words.")
    reminders_tick(now=second.published_at + timedelta(days=2))
    assert _rows(recipient=cast.carer).count() == 2
    assert _rows(recipient=cast.person).count() == 1


def test_a_member_who_joins_later_is_reminded_a_day_after_joining(cast):
    version = publish(cast.project, cast.facilitator)
    joined = version.published_at + timedelta(days=10)
    with time_machine.travel(joined, tick=False):
        newcomer = add_member(cast.project, Role.PERSON, make_user("nia")).user
    reminders_tick(now=joined + timedelta(hours=1))
    assert not _rows(recipient=newcomer).exists()
    reminders_tick(now=joined + timedelta(days=1, minutes=1))
    assert len(_emails_to(newcomer)) == 1


def test_closed_projects_and_unpublished_charters_send_nothing(cast):
    services.charter_for(cast.project)  # a draft, never published
    other = make_project(make_user())
    version = publish(other, other.created_by)
    other.status = ProjectStatus.CLOSED
    other.save(update_fields=["status"])
    reminders_tick(now=version.published_at + timedelta(days=3))
    assert not _rows().exists()


def _plan_queries(members: int) -> int:
    project = make_project(make_user(), title=f"Project of {members}")
    for _ in range(members - 1):
        add_member(project, Role.PERSON)
    version = publish(project, project.created_by)
    with CaptureQueriesContext(connection) as queries:
        rows = KINDS[Kind.CHARTER_UNSIGNED].plan(version.published_at + timedelta(days=2), None)
    assert len([r for r in rows if r.project_id == project.pk]) == members
    return len(queries)


def test_planning_takes_the_same_queries_for_3_and_30_members(db):
    assert _plan_queries(3) == _plan_queries(30) == 3
