from privacy.registry import OnErase, Section, register

from .models import CalendarFeed, Delivery, ReminderSettings, StoppedKind

register(
    Section(
        "Reminders sent to you",
        Delivery,
        ("recipient",),
        ("kind", "channel", "due_at", "status", "sent_at"),
    ),
    Section(
        "Reminders you gave by phone or post",
        Delivery,
        ("done_by",),
        ("kind", "sent_at"),
        on_erase=OnErase.KEEP,
        reason="The project's record that a reminder was given; now without your name.",
    ),
    Section(
        "Your reminder settings",
        ReminderSettings,
        ("user",),
        ("quiet_from", "quiet_until", "daily_summary"),
    ),
    Section("Reminders you stopped", StoppedKind, ("user",), ("kind", "stopped_at")),
    # The secret address itself is left out: it is a key, not information about you.
    Section("Your calendar address", CalendarFeed, ("user",), ("reset_at",)),
)
