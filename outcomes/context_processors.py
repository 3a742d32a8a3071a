"""`commissions` in every template: whether the signed-in person commissions a project, for the
header's link to their portfolio. Lazy, so the one query runs only on pages that show the
header to someone signed in."""

from django.utils.functional import SimpleLazyObject

from projects.models import Membership, Role


def commissions_any(user) -> bool:
    """Whether `user` commissions at least one project (one query)."""
    return user.is_authenticated and (
        Membership.objects.active().filter(user=user, role=Role.COMMISSIONER).exists()
    )


def commissions(request) -> dict:
    return {"commissions": SimpleLazyObject(lambda: commissions_any(request.user))}
