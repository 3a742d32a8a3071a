"""A view of someone's access needs is recorded once, in the audit trail, and the person's
"Who has seen your access needs" page, their activity record and their download all read
that one record."""

import json
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from accessibility.models import Importance, ShareLevel
from audit.models import Action, Entry
from privacy import services as privacy_services
from projects.models import Attendance, Role, Rsvp
from tests.accessibility.helpers import give_needs, share
from tests.base import add_member, make_meeting

VIEWS = Entry.objects.filter(action=Action.ACCESS_NEEDS_VIEWED)


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.mark.django_db
def test_one_view_makes_exactly_one_record_in_the_whole_database(client, cast):
    give_needs(cast.person, ("bsl", Importance.ESSENTIAL, ""))
    share(cast.person, cast.project, ShareLevel.SUMMARY)
    client.force_login(cast.facilitator)
    before = _row_counts()
    assert client.get(reverse("project-access", args=[cast.project.pk])).status_code == 200
    after = _row_counts()
    grown = {
        label: after[label] - before[label] for label in after if after[label] != before[label]
    }
    assert grown == {"audit.Entry": 1}
    view = VIEWS.get()
    assert (view.actor, view.subject, view.project, view.detail) == (
        cast.facilitator,
        cast.person,
        cast.project,
        "project_page",
    )


@pytest.mark.django_db
def test_the_persons_page_and_their_activity_record_read_the_same_record(client, cast):
    meeting = make_meeting(cast.project, title="Summer planning")
    give_needs(cast.person, ("bsl", Importance.ESSENTIAL, ""))
    share(cast.person, cast.project, ShareLevel.SUMMARY)
    Attendance.objects.create(meeting=meeting, user=cast.person, rsvp=Rsvp.YES)
    client.force_login(cast.facilitator)
    client.get(reverse("meeting-access-plan", args=[cast.project.pk, meeting.pk]))
    view = VIEWS.get()

    client.force_login(cast.person)
    seen = client.get(reverse("access-views")).text
    assert "Fred" in seen and "Short breaks" in seen
    assert "A meeting&#x27;s access plan: Summer planning" in seen
    assert timezone.localtime(view.at).strftime("%-d %B %Y, %H:%M") in seen
    activity = client.get(reverse("my-activity")).text
    assert "Access needs viewed" in activity and "Fred" in activity

    # Both pages read the one record: once the retention job (or anything else) removes it,
    # neither shows the view any more.
    view.delete()
    assert "Nobody has seen your access needs." in client.get(reverse("access-views")).text
    assert "Access needs viewed" not in client.get(reverse("my-activity")).text


@pytest.mark.django_db
def test_the_download_lists_who_saw_the_needs_and_erasure_keeps_the_security_record(cast):
    give_needs(cast.person, ("bsl", Importance.ESSENTIAL, ""))
    share(cast.person, cast.project, ShareLevel.SUMMARY)
    from accessibility.services import views_log

    views_log(
        viewer=cast.facilitator,
        subject_ids=[cast.person.pk],
        project=cast.project,
        viewed_on="project_page",
    )
    mine = privacy_services.export_for(cast.person)
    assert [
        (v["actor__preferred_name"], v["project__title"])
        for v in mine["Who has seen your access needs"]
    ] == [("Fred", "Short breaks")]
    assert all(e["action"] != Action.ACCESS_NEEDS_VIEWED for e in mine["Activity record"])
    theirs = privacy_services.export_for(cast.facilitator)
    assert [v["project__title"] for v in theirs["Access needs you have seen"]] == ["Short breaks"]
    assert theirs["Who has seen your access needs"] == []

    kept = {k.title: k.count for k in privacy_services.erase(cast.person)}
    assert kept["Who has seen your access needs"] == 1
    view = VIEWS.get()
    assert view.subject.preferred_name == "Former member"  # kept, without the name
    assert (
        "pat" not in json.dumps(privacy_services.export_for(cast.facilitator), default=str).lower()
    )


@pytest.mark.parametrize("views", [3, 30])
@pytest.mark.django_db
def test_the_persons_page_makes_the_same_number_of_queries_for_3_and_30_views(
    client, cast, django_assert_num_queries, views
):
    give_needs(cast.person, ("bsl", Importance.ESSENTIAL, ""))
    share(cast.person, cast.project, ShareLevel.SUMMARY)
    for n in range(views):
        meeting = make_meeting(cast.project, title=f"Meeting {n}")
        viewer = add_member(cast.project, Role.FACILITATOR).user
        Entry.objects.create(
            action=Action.ACCESS_NEEDS_VIEWED,
            actor=viewer,
            subject=cast.person,
            project=cast.project,
            target=f"meeting:{meeting.pk}" if n % 2 else "",
            detail="meeting_plan" if n % 2 else "project_page",
        )
    client.force_login(cast.person)
    # user, the views (with who and project), their meetings
    with django_assert_num_queries(4):
        page = client.get(reverse("access-views")).text
    assert page.count("A meeting&#x27;s access plan: Meeting") == views // 2
    assert page.count("The project&#x27;s access needs page") == views - views // 2


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_the_old_view_log_into_the_trail_without_doubling_views():
    """Views written before the change were in both tables (and older ones only in the view
    log): after migrating, each is one audit entry."""
    old = [("accessibility", "0003_view_log_keeps_closed_accounts")]
    new = [("accessibility", "0004_view_log_into_audit_trail")]
    executor = MigrationExecutor(connection)
    executor.migrate(old)
    try:
        # The other apps stay as they are: only accessibility's two migrations were undone.
        others = [n for n in executor.loader.graph.leaf_nodes() if n[0] != "accessibility"]
        state = executor.loader.project_state(old + others).apps
        User = state.get_model("accounts", "User")
        Project = state.get_model("projects", "Project")
        Meeting = state.get_model("projects", "Meeting")
        AccessViewLog = state.get_model("accessibility", "AccessViewLog")
        OldEntry = state.get_model("audit", "Entry")
        viewer = User.objects.create(email="fred@example.org", preferred_name="Fred")
        person = User.objects.create(email="pat@example.org", preferred_name="Pat")
        project = Project.objects.create(
            title="Short breaks", summary="", starts_on=date(2026, 1, 1), created_by=viewer
        )
        start = timezone.now()
        meeting = Meeting.objects.create(
            project=project,
            title="Planning",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            created_by=viewer,
        )
        long_ago = timezone.now() - timedelta(days=100)
        # Before the audit trail recorded views: only in the view log.
        AccessViewLog.objects.create(
            viewer=viewer,
            subject=person,
            project=project,
            viewed_on="project_page",
            viewed_at=long_ago,
        )
        # Since then, in both, a moment apart; twice within a second (a page reloaded).
        recent = timezone.now() - timedelta(days=1)
        for offset in (0, 1):
            at = recent + timedelta(milliseconds=500 * offset)
            AccessViewLog.objects.create(
                viewer=viewer,
                subject=person,
                project=project,
                meeting=meeting,
                viewed_on="meeting_plan",
                viewed_at=at,
            )
            OldEntry.objects.create(
                action="access_needs_viewed",
                actor=viewer,
                subject=person,
                project=project,
                target=f"meeting:{meeting.pk}",
                detail="meeting_plan",
                at=at + timedelta(microseconds=300),
            )
        executor = MigrationExecutor(connection)
        executor.migrate(new)
        entries = (
            state.get_model("audit", "Entry")
            .objects.filter(action="access_needs_viewed")
            .order_by("at")
        )
        assert [(e.target, e.detail, e.at) for e in entries] == [
            ("", "project_page", long_ago),
            (f"meeting:{meeting.pk}", "meeting_plan", recent + timedelta(microseconds=300)),
            (
                f"meeting:{meeting.pk}",
                "meeting_plan",
                recent + timedelta(milliseconds=500, microseconds=300),
            ),
        ]
        assert {(e.actor_id, e.subject_id, e.project_id) for e in entries} == {
            (viewer.pk, person.pk, project.pk)
        }
    finally:
        MigrationExecutor(connection).migrate(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )
