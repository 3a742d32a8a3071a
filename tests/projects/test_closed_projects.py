"""A closed project is read-only for everyone and still reportable; a change says why it was
refused; its commissioner can open it again."""

from django.urls import reverse

from projects.models import Project, ProjectStatus
from tests.base import make_meeting


def _close(project):
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.CLOSED)


def test_every_change_to_a_closed_project_is_refused_with_a_clear_message(client, cast):
    meeting = make_meeting(cast.project)
    _close(cast.project)
    project = cast.project.pk
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("meeting-papers-ready", args=[project, meeting.pk]),
    )
    assert response.status_code == 403
    assert "This project is closed" in response.text
    meeting.refresh_from_db()
    assert meeting.papers_ready_at is None
    client.force_login(cast.person)
    response = client.post(
        reverse("meeting-answer", args=[project, meeting.pk]), {"rsvp": "yes", "mode": ""}
    )
    assert response.status_code == 403
    assert "Nothing in a closed project can be changed" in response.text
    assert not meeting.attendances.exists()


def test_a_closed_project_can_still_be_read_and_reported_on(client, cast):
    meeting = make_meeting(cast.project)
    _close(cast.project)
    project = cast.project.pk
    client.force_login(cast.person)
    page = client.get(reverse("meeting-detail", args=[project, meeting.pk]))
    assert page.status_code == 200
    assert "This project is closed. You can read everything in it" in page.text
    client.force_login(cast.commissioner)
    assert client.get(reverse("project-record", args=[project])).status_code == 200


def test_the_commissioner_opens_it_again_and_nobody_else_can(client, cast):
    _close(cast.project)
    project = cast.project.pk
    client.force_login(cast.facilitator)
    page = client.get(reverse("project-edit", args=[project]))
    assert "This project is closed" in page.text
    assert "Open the project again" not in page.text
    assert client.post(reverse("project-reopen", args=[project])).status_code == 403
    client.force_login(cast.commissioner)
    assert "Open the project again" in client.get(reverse("project-edit", args=[project])).text
    assert client.post(reverse("project-reopen", args=[project])).status_code == 302
    assert Project.objects.get(pk=project).status == ProjectStatus.ACTIVE


def test_reopening_and_closing_are_in_the_projects_record(client, cast):
    from audit.models import Action, Entry
    from tests.projects.test_project_views import VALID_PROJECT

    _close(cast.project)
    project = cast.project.pk
    client.force_login(cast.commissioner)
    client.post(reverse("project-reopen", args=[project]))
    client.post(reverse("project-reopen", args=[project]))  # open already: nothing more
    [entry] = Entry.objects.filter(action=Action.PROJECT_STATUS_CHANGED)
    assert (entry.actor, entry.project_id, entry.detail) == (
        cast.commissioner,
        project,
        "from closed to active",
    )
    client.post(
        reverse("project-edit", args=[project]),
        VALID_PROJECT | {"s-status": ProjectStatus.CLOSED},
    )
    assert Project.objects.get(pk=project).status == ProjectStatus.CLOSED
    closed = Entry.objects.filter(action=Action.PROJECT_STATUS_CHANGED).first()
    assert (closed.actor, closed.detail) == (cast.commissioner, "from active to closed")
    record = client.get(reverse("project-record", args=[project])).text
    assert record.count("Project status changed") == 2
