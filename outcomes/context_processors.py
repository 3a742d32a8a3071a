"""`commissions` in every template: whether the signed-in person commissions a project, for the
header's link to their portfolio. Lazy, so the one query runs only on pages that show the
header to someone signed in."""

from django.utils.functional import SimpleLazyObject

from projects.models import Membership, Role


def commissions(request) -> dict:
    def check() -> bool:
        user = request.user
        return user.is_authenticated and (
            Membership.objects.active().filter(user=user, role=Role.COMMISSIONER).exists()
        )

    return {"commissions": SimpleLazyObject(check)}
