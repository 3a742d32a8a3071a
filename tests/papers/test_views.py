"""Meeting papers, the note of a meeting and its decisions, through the pages."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from papers.models import Decision, MeetingNote, Paper
from reviews.models import Action, Piece, ReviewCycle
from tests.base import make_meeting, make_project
from tests.papers.helpers import docx, pdf, written_paper


def _url(name, meeting, **kwargs):
    return reverse(name, args=[meeting.project_id, meeting.pk, *kwargs.values()])


def _action(project, by, description="Move meetings to the library") -> Action:
    cycle = ReviewCycle.objects.create(
        project=project,
        title="Spring review",
        opens_on=date(2026, 3, 1),
        closes_on=date(2026, 3, 14),
        created_by=by,
    )
    return Action.objects.create(
        cycle=cycle,
        piece=Piece.PRACTICE,
        description=description,
        owner=by,
        due_on=date(2026, 6, 1),
        created_by=by,
    )


def test_a_facilitator_uploads_a_paper_and_a_member_downloads_it_as_an_attachment(client, cast):
    meeting = make_meeting(cast.project)
    client.force_login(cast.facilitator)
    response = client.post(
        _url("paper-add", meeting),
        {"title": "Budget", "version": "large_print", "text": "", "file": docx()},
    )
    assert response.status_code == 302
    paper = Paper.objects.get()
    assert paper.file_type.endswith("wordprocessingml.document")
    assert paper.file.name.startswith(f"papers/{cast.project.pk}/")
    assert "budget" not in paper.file.name  # stored under a random name, not the uploader's

    client.force_login(cast.person)
    page = client.get(_url("meeting-detail", meeting))
    assert "Budget (large print)" in page.text
    download = client.get(_url("paper-open", meeting, paper=paper.pk))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == paper.file_type
    assert b"".join(download.streaming_content).startswith(b"PK")


def test_an_outsider_and_a_member_of_another_project_cannot_open_a_paper(client, cast):
    paper = written_paper(make_meeting(cast.project))
    client.force_login(cast.outsider)
    assert client.get(_url("paper-open", paper.meeting, paper=paper.pk)).status_code == 404
    # The paper through another project's meeting, where the outsider is a member.
    other = make_meeting(make_project(cast.outsider, title="Other"))
    url = reverse("paper-open", args=[other.project_id, other.pk, paper.pk])
    assert client.get(url).status_code == 404


def test_a_written_paper_opens_as_a_page_and_in_large_print(client, cast):
    paper = written_paper(make_meeting(cast.project), text="We have money to spend.")
    client.force_login(cast.carer)
    page = client.get(_url("paper-open", paper.meeting, paper=paper.pk))
    assert "We have money to spend." in page.text
    assert "app-large-print" not in page.text
    large = client.get(_url("paper-open", paper.meeting, paper=paper.pk) + "?size=large")
    assert "app-large-print" in large.text


def test_a_paper_is_written_or_uploaded_not_both_nor_neither(client, cast):
    meeting = make_meeting(cast.project)
    client.force_login(cast.facilitator)
    both = client.post(
        _url("paper-add", meeting),
        {"title": "Budget", "version": "standard", "text": "Words", "file": pdf()},
    )
    assert "not both" in both.text
    neither = client.post(_url("paper-add", meeting), {"title": "Budget", "version": "standard"})
    assert "Write the paper here, or upload a file" in neither.text
    renamed = client.post(
        _url("paper-add", meeting),
        {"title": "Budget", "version": "standard", "file": pdf("budget.docx")},
    )
    assert "be what its name says" in renamed.text
    assert not Paper.objects.exists()


def test_removing_a_paper_deletes_its_file(client, cast, django_capture_on_commit_callbacks):
    meeting = make_meeting(cast.project)
    client.force_login(cast.facilitator)
    client.post(
        _url("paper-add", meeting), {"title": "Budget", "version": "standard", "file": pdf()}
    )
    paper = Paper.objects.get()
    storage, name = paper.file.storage, paper.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("paper-remove", meeting, paper=paper.pk))
    assert not Paper.objects.exists()
    assert not storage.exists(name)


def test_the_note_and_decisions_come_after_the_meeting_and_every_member_reads_them(client, cast):
    upcoming = make_meeting(cast.project)
    client.force_login(cast.facilitator)
    assert client.get(_url("note-edit", upcoming)).status_code == 404
    meeting = make_meeting(cast.project, days_from_now=-1)
    action = _action(cast.project, cast.facilitator)
    client.post(_url("note-edit", meeting), {"agreed": "Meet in the library from now on."})
    client.post(
        _url("decision-add", meeting),
        {"text": "Meetings move to the library.", "action": action.pk},
    )
    note = MeetingNote.objects.get(meeting=meeting)
    assert note.written_by == cast.facilitator
    assert Decision.objects.get().action == action

    client.force_login(cast.professional)
    page = client.get(_url("meeting-detail", meeting)).text
    assert "Meet in the library from now on." in page
    assert "Meetings move to the library." in page
    assert reverse("cycle-detail", args=[cast.project.pk, action.cycle_id]) in page
    assert "Add a decision" not in page


def test_a_decision_cannot_be_linked_to_another_projects_action(client, cast):
    meeting = make_meeting(cast.project, days_from_now=-1)
    foreign = _action(make_project(cast.outsider, title="Other"), cast.outsider)
    client.force_login(cast.facilitator)
    response = client.post(_url("decision-add", meeting), {"text": "X", "action": foreign.pk})
    assert response.status_code == 200
    assert not Decision.objects.exists()


def test_a_written_note_without_words_is_refused_with_what_to_do(client, cast):
    meeting = make_meeting(cast.project, days_from_now=-1)
    client.force_login(cast.facilitator)
    response = client.post(_url("note-edit", meeting), {"agreed": ""})
    assert "Write what was agreed at the meeting" in response.text
    assert not MeetingNote.objects.exists()


def _meeting_page_queries(client, user, meeting) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url("meeting-detail", meeting)).status_code == 200
    return len(queries)


def test_the_meeting_page_makes_as_many_queries_with_many_papers_and_decisions_as_with_one(
    client, cast
):
    few, many = make_meeting(cast.project, -1), make_meeting(cast.project, -2)
    action = _action(cast.project, cast.facilitator)
    for meeting, n in ((few, 1), (many, 12)):
        MeetingNote.objects.create(meeting=meeting, agreed="Agreed", written_by=cast.facilitator)
        for i in range(n):
            written_paper(meeting, title=f"Paper {i}")
            Decision.objects.create(
                meeting=meeting, text=f"Decision {i}", action=action, recorded_by=cast.facilitator
            )
    for user in (cast.facilitator, cast.person):
        assert _meeting_page_queries(client, user, few) == _meeting_page_queries(client, user, many)
