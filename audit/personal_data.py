from datetime import timedelta

from django.conf import settings
from django.db.models import Q

from privacy.registry import OnErase, Section, register

from .models import Action, Entry

# Views of access needs are the only record of who saw them (accessibility.services.views_log):
# the download lists them on their own, with who looked, as the person's page does.
_VIEWS = Q(action=Action.ACCESS_NEEDS_VIEWED)
_KEPT = (
    f"A security record of who did what, deleted after {settings.AUDIT_RETENTION_DAYS} days; "
    "it no longer shows your name."
)


def _forget_old_entries(now) -> int:
    cutoff = now - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    return Entry.objects.filter(at__lt=cutoff).delete()[0]


def _kept(title: str, user_fields: tuple, fields: tuple, only: Q, reason: str = _KEPT) -> Section:
    """Audit entries stay on erasure (the account they point at no longer names the person)."""
    return Section(
        title,
        Entry,
        user_fields,
        fields,
        on_erase=OnErase.KEEP,
        reason=reason,
        order_by=("at", "pk"),
        only=only,
    )


register(
    _kept(
        "Activity record",
        ("subject", "actor"),
        ("at", "action", "project__title", "detail"),
        ~_VIEWS,
    ),
    _kept(
        "Who has seen your access needs",
        ("subject",),
        ("at", "actor__preferred_name", "project__title", "detail", "target"),
        _VIEWS,
        reason=f"The security record of who saw your access needs, in case their use is ever "
        f"questioned, deleted after {settings.AUDIT_RETENTION_DAYS} days; it no longer shows "
        "your name.",
    ),
    _kept(
        "Access needs you have seen",
        ("actor",),
        ("at", "project__title", "detail", "target"),
        _VIEWS,
    ),
    retention=_forget_old_entries,
)
