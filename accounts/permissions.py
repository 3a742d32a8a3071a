"""Whether a person holds one site-wide permission (to start projects, to process payouts).

One query, where `user.has_perm` loads every permission the person holds, directly and through
their groups, in two: these pages ask about one permission and ask on every visit.
"""

from django.contrib.auth.models import Permission
from django.db.models import Q


def holds_permission(user, app_label: str, codename: str) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return (
        Permission.objects.filter(codename=codename, content_type__app_label=app_label)
        .filter(Q(user=user) | Q(group__user=user))
        .exists()
    )
