from datetime import timedelta

from django.conf import settings

from privacy.registry import OnErase, Section, register

from .models import AccessProfile, AccessViewLog, Arrangement, ProfileNeed, SharingConsent


def _forget_old_views(now) -> int:
    cutoff = now - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    return AccessViewLog.objects.filter(viewed_at__lt=cutoff).delete()[0]


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
        "Who has seen your access needs",
        AccessViewLog,
        ("subject",),
        ("viewer__preferred_name", "project__title", "viewed_on", "viewed_at"),
    ),
    Section(
        "Access needs you have seen",
        AccessViewLog,
        ("viewer",),
        ("project__title", "viewed_on", "viewed_at"),
        on_erase=OnErase.KEEP,
        reason="Other people's record of who saw their access needs; it no longer shows your name.",
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
    retention=_forget_old_views,
)
