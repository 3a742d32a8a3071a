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


register(
    Section(
        "Activity record",
        Entry,
        ("subject", "actor"),
        ("at", "action", "project__title", "detail"),
        on_erase=OnErase.KEEP,
        reason=_KEPT,
        order_by=("at", "pk"),
        only=~_VIEWS,
    ),
    Section(
        "Who has seen your access needs",
        Entry,
        ("subject",),
        ("at", "actor__preferred_name", "project__title", "detail", "target"),
        on_erase=OnErase.KEEP,
        reason=f"The security record of who saw your access needs, in case their use is ever "
        f"questioned, deleted after {settings.AUDIT_RETENTION_DAYS} days; it no longer shows "
        "your name.",
        order_by=("at", "pk"),
        only=_VIEWS,
    ),
    Section(
        "Access needs you have seen",
        Entry,
        ("actor",),
        ("at", "project__title", "detail", "target"),
        on_erase=OnErase.KEEP,
        reason=_KEPT,
        order_by=("at", "pk"),
        only=_VIEWS,
    ),
    retention=_forget_old_entries,
)
