from datetime import timedelta

from django.conf import settings

from privacy.registry import OnErase, Section, register

from .models import Entry


def _forget_old_entries(now) -> int:
    cutoff = now - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    return Entry.objects.filter(at__lt=cutoff).delete()[0]


register(
    Section(
        "Activity record",
        Entry,
        ("subject", "actor"),
        ("at", "action", "project__title", "detail"),
        on_erase=OnErase.KEEP,
        reason=f"A security record of who did what, deleted after "
        f"{settings.AUDIT_RETENTION_DAYS} days; it no longer shows your name.",
        order_by=("at", "pk"),
    ),
    retention=_forget_old_entries,
)
