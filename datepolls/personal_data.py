from privacy.registry import OnErase, Section, register

from .models import DateAnswer, DatePoll

register(
    Section(
        "Dates you proposed for meetings",
        DatePoll,
        ("created_by",),
        ("project__title", "title", "created_at", "closed_at"),
        on_erase=OnErase.KEEP,
        reason="The project's record of how a meeting's date was found; now without your name.",
    ),
    Section(
        "Your answers to date polls",
        DateAnswer,
        ("user",),
        ("option__poll__title", "option__starts_at", "answer", "answered_at"),
    ),
)
