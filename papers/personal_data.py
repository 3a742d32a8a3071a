from privacy.registry import OnErase, Section, register

from .models import Decision, MeetingNote, Paper

_KEPT = "The project's record of its meetings, for every member; it no longer shows your name."

register(
    Section(
        "Meeting papers you added",
        Paper,
        ("added_by",),
        ("meeting__project__title", "meeting__title", "title", "added_at"),
        on_erase=OnErase.KEEP,
        reason=_KEPT,
    ),
    Section(
        "Notes of meetings you wrote",
        MeetingNote,
        ("written_by",),
        ("meeting__project__title", "meeting__title", "updated_at"),
        on_erase=OnErase.KEEP,
        reason=_KEPT,
    ),
    Section(
        "Decisions you recorded",
        Decision,
        ("recorded_by",),
        ("meeting__project__title", "meeting__title", "text", "recorded_at"),
        on_erase=OnErase.KEEP,
        reason=_KEPT,
    ),
)
