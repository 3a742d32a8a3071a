from privacy.registry import OnErase, Section, register

from .models import AccessProfile, Arrangement, ProfileNeed, SharingConsent

# Who has seen a person's access needs is recorded only in the audit trail: its sections
# (and its retention) are in audit/personal_data.py.

register(
    Section(
        "Your access profile and contact preferences",
        AccessProfile,
        ("user",),
        (
            "name_to_use",
            "pronouns",
            "own_words",
            "by_email",
            "by_text",
            "by_phone",
            "by_post",
            "phone",
            "postal_address",
            "format",
            "best_times",
            "notice_days",
            "updated_at",
            "checked_at",
        ),
    ),
    Section(
        "Your access needs",
        ProfileNeed,
        ("profile__user",),
        ("need__label", "importance", "own_words"),
    ),
    Section(
        "What you share with each project",
        SharingConsent,
        ("user",),
        ("project__title", "level", "changed_at"),
    ),
    Section(
        "What was arranged for you",
        Arrangement,
        ("person",),
        ("meeting__title", "need__label", "status", "note", "decided_at"),
    ),
    Section(
        "What you arranged for others",
        Arrangement,
        ("decided_by",),
        ("meeting__title", "status", "decided_at"),
        on_erase=OnErase.KEEP,
        reason="Other people's record of what was arranged for them.",
    ),
)
