"""Writes for meeting papers and notes. Callers have checked the writer may run the meeting
(projects.access: Can.SCHEDULE_MEETINGS)."""

from django.db import transaction
from django.utils import timezone

from projects.models import Meeting

from .models import Decision, MeetingNote, Paper


@transaction.atomic
def paper_add(
    *, meeting: Meeting, title: str, version: str, text: str, upload, file_type: str, added_by
) -> Paper:
    """Add a paper: `text` written on the page, or `upload` (already checked by
    files.check_paper, whose content type is `file_type`) stored under a random name."""
    paper = Paper(meeting=meeting, title=title, version=version, text=text, added_by=added_by)
    if upload:
        paper.file_type = file_type
        paper.file_name = (upload.name or "")[:200]
        paper.file.save(upload.name or "paper", upload, save=False)
    paper.save()
    return paper


def paper_remove(*, paper: Paper) -> None:
    """Delete the paper and its stored file (after the row has gone, so a failure to delete
    the file leaves an orphan file, never a row pointing at nothing)."""
    stored = paper.file.name if paper.file else None
    storage = paper.file.storage
    paper.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))


def note_save(*, meeting: Meeting, agreed: str, easy_read: str, written_by) -> MeetingNote:
    """Write or rewrite the meeting's note; the last writer is named on it."""
    note, _created = MeetingNote.objects.update_or_create(
        meeting=meeting,
        defaults={
            "agreed": agreed,
            "easy_read": easy_read,
            "written_by": written_by,
            "updated_at": timezone.now(),
        },
    )
    return note


def decision_add(*, meeting: Meeting, text: str, action, recorded_by) -> Decision:
    """Record a decision, linked to a review action of the same project or to none."""
    if action is not None and action.cycle.project_id != meeting.project_id:
        raise ValueError("an action of another project")
    return Decision.objects.create(
        meeting=meeting, text=text, action=action, recorded_by=recorded_by
    )
