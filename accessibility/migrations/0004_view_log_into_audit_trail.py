"""Views of access needs were written twice: to accessibility's view log and to the audit
trail. From now on the audit entry (action "access_needs_viewed") is the only record, read by
the person's "Who has seen your access needs" page and by the audit. This copies every
view-log row that has no twin in the trail (views from before the trail recorded them, or
entries the trail's retention already removed) and leaves the twins alone, so each view ends
up as exactly one entry."""

from collections import defaultdict
from datetime import timedelta

from django.db import migrations

ACTION = "access_needs_viewed"
# A view-log row and its audit twin were written in the same request, microseconds apart.
TWIN_WITHIN = timedelta(seconds=5)
BATCH = 2000


def _key(viewer_id, subject_id, project_id, viewed_on):
    return (viewer_id, subject_id, project_id, viewed_on)


def copy_views_into_the_trail(apps, schema_editor):
    AccessViewLog = apps.get_model("accessibility", "AccessViewLog")
    Entry = apps.get_model("audit", "Entry")
    subject_ids = sorted(set(AccessViewLog.objects.values_list("subject_id", flat=True)))
    for start in range(0, len(subject_ids), BATCH):
        some = subject_ids[start : start + BATCH]
        # The trail's entries for these people, by who saw whom where, oldest first.
        twins = defaultdict(list)
        for entry in Entry.objects.filter(action=ACTION, subject_id__in=some).order_by("at", "pk"):
            key = _key(entry.actor_id, entry.subject_id, entry.project_id, entry.detail)
            twins[key].append(entry.at)
        missing = []
        rows = AccessViewLog.objects.filter(subject_id__in=some).order_by("viewed_at", "pk")
        for row in rows.iterator():
            candidates = twins[_key(row.viewer_id, row.subject_id, row.project_id, row.viewed_on)]
            # Pair each row with at most one entry, so two views a moment apart stay two.
            twin = next(
                (i for i, at in enumerate(candidates) if abs(at - row.viewed_at) <= TWIN_WITHIN),
                None,
            )
            if twin is not None:
                del candidates[twin]
                continue
            missing.append(
                Entry(
                    at=row.viewed_at,
                    action=ACTION,
                    actor_id=row.viewer_id,
                    subject_id=row.subject_id,
                    project_id=row.project_id,
                    target=f"meeting:{row.meeting_id}" if row.meeting_id else "",
                    detail=row.viewed_on,
                )
            )
        Entry.objects.bulk_create(missing, batch_size=BATCH)


def copy_views_back(apps, schema_editor):
    """Undo: the old model kept a row beside every entry, so make one for each."""
    AccessViewLog = apps.get_model("accessibility", "AccessViewLog")
    Entry = apps.get_model("audit", "Entry")
    Meeting = apps.get_model("projects", "Meeting")
    entries = Entry.objects.filter(
        action=ACTION, subject__isnull=False, project__isnull=False
    ).order_by("pk")
    meetings = set(Meeting.objects.values_list("pk", flat=True))
    rows = []
    for entry in entries.iterator():
        meeting_id = entry.target.removeprefix("meeting:") if entry.target else ""
        meeting_id = int(meeting_id) if meeting_id.isdigit() else None
        rows.append(
            AccessViewLog(
                viewer_id=entry.actor_id,
                subject_id=entry.subject_id,
                project_id=entry.project_id,
                meeting_id=meeting_id if meeting_id in meetings else None,
                viewed_on=entry.detail,
                viewed_at=entry.at,
            )
        )
    AccessViewLog.objects.bulk_create(rows, batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("accessibility", "0003_view_log_keeps_closed_accounts"),
        ("audit", "0001_initial"),
        ("projects", "0002_meeting_papers_ready"),
    ]

    operations = [migrations.RunPython(copy_views_into_the_trail, copy_views_back)]
