from datetime import timedelta

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db.models import Count, F
from django.utils import timezone

from accessibility.models import AccessProfile, SharingConsent
from accounts.models import User
from charters.services import charter_for, charter_status
from expenses.models import Claim, ClaimLine, PaymentChoice, Status
from projects.models import Attendance, Meeting, Membership, Project, ProjectStatus, Role
from reviews.models import Answer, CycleStatus, Placement, Response, ReviewCycle, RoleGroup
from reviews.statements import default_statements
from tests.accessibility.helpers import ensure_catalogue

SCALE = 0.02  # 10 projects, 400 people, 100 meetings, 2,000 claims, 1,000 answers


def _near(actual: int, expected: int, tolerance: float) -> bool:
    return abs(actual - expected) <= expected * tolerance


def test_council_scale_data_at_a_small_scale(db, settings):
    """One seeding (the slow part) checked from every side."""
    settings.DEBUG = True
    ensure_catalogue()
    evening = timezone.localtime().replace(hour=20, minute=0)  # after the day's meetings
    with time_machine.travel(evening, tick=True):
        call_command("seed_scale", scale=SCALE)
        _counts_follow_the_scale()
        _a_few_projects_are_big_and_most_are_small()
        _claims_are_in_every_state_and_only_for_meetings_attended()
        _reviews_are_closed_with_answers_from_both_groups()
        _active_projects_have_charters_and_shared_access_needs()
        _meetings_were_scheduled_weeks_ago()
    before = Claim.objects.count()
    call_command("seed_scale", scale=SCALE)  # running it again changes nothing
    assert Claim.objects.count() == before


def _counts_follow_the_scale():
    assert Project.objects.count() == 10
    assert User.objects.count() == 400
    assert _near(Meeting.objects.count(), 100, 0.1)
    assert _near(Claim.objects.count(), 2000, 0.1)
    assert _near(Answer.objects.count(), 1000, 0.1)
    assert Answer.objects.count() == Response.objects.count() * len(default_statements())


def _a_few_projects_are_big_and_most_are_small():
    sizes = sorted(
        Project.objects.annotate(n=Count("memberships")).values_list("n", flat=True), reverse=True
    )
    assert sizes[0] >= 4 * sizes[len(sizes) // 2]
    meetings = sorted(
        Project.objects.annotate(n=Count("meetings")).values_list("n", flat=True), reverse=True
    )
    assert meetings[0] > meetings[-1] >= 2
    # Every project has a meeting behind it and one ahead (the pages `make bench` measures, and
    # the portfolio's next meeting), whatever the hour: the test seeds in the evening.
    now = timezone.now()
    ahead = Project.objects.filter(meetings__starts_at__gte=now).distinct().count()
    behind = Project.objects.filter(meetings__starts_at__lt=now).distinct().count()
    assert ahead == behind == Project.objects.count()
    assert not Meeting.objects.filter(starts_at__date=timezone.localdate()).exists()
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role)


def _claims_are_in_every_state_and_only_for_meetings_attended():
    assert set(Claim.objects.values_list("status", flat=True)) == set(Status)
    attended = Claim.objects.filter(
        meeting__attendances__user=F("claimant"), meeting__attendances__attended=True
    )
    assert attended.count() == Claim.objects.count()
    assert not Claim.objects.filter(status=Status.PAID, paid_at__isnull=True).exists()
    assert ClaimLine.objects.count() >= Claim.objects.count()
    assert PaymentChoice.objects.filter(method="bank").exclude(sort_code="").exists()
    assert Attendance.objects.filter(attended=None, rsvp="yes").exists()  # meetings to come


def _reviews_are_closed_with_answers_from_both_groups():
    assert set(ReviewCycle.objects.values_list("status", flat=True)) == {CycleStatus.CLOSED}
    assert set(Placement.objects.values_list("role_group", flat=True)) == set(RoleGroup)
    assert Answer.objects.filter(user=None).exists()  # anonymous
    assert Answer.objects.exclude(user=None).exists()  # named


def _active_projects_have_charters_and_shared_access_needs():
    in_force = [
        charter_status(charter_for(p)).in_force
        for p in Project.objects.filter(status=ProjectStatus.ACTIVE)
    ]
    assert any(in_force)
    assert AccessProfile.objects.filter(needs__isnull=False).exists()
    assert SharingConsent.objects.filter(level="summary").exists()


def _meetings_were_scheduled_weeks_ago():
    # Meetings all "created" today would each invite every member at the next reminder run.
    assert not Meeting.objects.filter(created_at__gt=timezone.now() - timedelta(days=28)).exists()


def test_it_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_scale", scale=SCALE)
    assert not User.objects.exists()
