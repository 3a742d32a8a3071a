"""Writing the audit trail. Every write is one INSERT, in the caller's transaction, so an
entry exists exactly when the thing it records happened."""

from .models import Entry


def record(action: str, *, actor=None, subject=None, project=None, target="", detail=""):
    """Record one event. `actor`, `subject` and `project` are objects or None."""
    return Entry.objects.create(
        action=action,
        actor=actor,
        subject=subject,
        project=project,
        target=target[:60],
        detail=str(detail)[:200],
    )


def record_many(action: str, *, actor, subjects, project=None, target="", detail="") -> None:
    """One event about several people (e.g. a page showing many people's access needs): one
    INSERT whatever their number."""
    # Ids, not instances, in each entry: a page may record a hundred people, and setting a
    # related instance costs an entry several checks.
    shared = {
        "action": action,
        "actor_id": getattr(actor, "pk", actor),
        "project_id": getattr(project, "pk", project),
        "target": target[:60],
        "detail": str(detail)[:200],
    }
    Entry.objects.bulk_create(
        [Entry(subject_id=getattr(subject, "pk", subject), **shared) for subject in subjects]
    )


def record_each(action: str, events) -> None:
    """Several events, each with its own actor, subject, project and target (dicts of Entry
    fields, ids allowed): one INSERT whatever their number."""
    Entry.objects.bulk_create([Entry(action=action, **event) for event in events])
