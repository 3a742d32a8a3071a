import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from charters.services import charter_for, charter_status
from projects.models import Meeting, Membership, Project, ProjectStatus, Role


def test_the_demo_has_projects_every_role_and_meetings_past_and_future(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")  # running it again changes nothing
    assert Project.objects.count() == 3
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role)
    assert User.objects.filter(email="outsider@example.com", memberships__isnull=True).exists()
    assert any(m.is_past for m in Meeting.objects.all())
    assert any(not m.is_past for m in Meeting.objects.all())
    for project in Project.objects.all():
        status = charter_status(charter_for(project))
        assert status.in_force == (project.status == ProjectStatus.ACTIVE)


def test_it_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.exists()
