from privacy.registry import OnErase, Section, register

from .models import ContributionRecord

register(
    Section(
        "Records of your contribution",
        ContributionRecord,
        ("person",),
        ("project__title", "requested_at", "confirmed_at", "facts"),
    ),
    Section(
        "Records of contribution you confirmed",
        ContributionRecord,
        ("confirmed_by",),
        ("project__title", "confirmed_at"),
        on_erase=OnErase.KEEP,
        reason="The member's record that someone confirmed; now without your name.",
    ),
)
