"""Who may see and act on claims, receipts and payout batches.

Claims are project-scoped and go through projects.access: outsiders get 404. Within the
project a claim is seen by its claimant and by those who handle claims (facilitators, and
commissioners for the second approval); anyone else gets 403. A draft is seen only by its
claimant and the facilitator drafting it on their behalf, until it is submitted.

The finance officer is not a project role: it is the `expenses.process_payouts` permission,
given to a person or a group in the admin. Being a superuser does not grant it: site staff do
not thereby see bank details.
"""

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from coproduce.second_factor import require_second_factor
from projects.access import Can, ProjectAccess, get_project_access

from .models import Claim, PolicyChange

HANDLES_CLAIMS = (
    Can.APPROVE_CLAIMS,
    Can.SECOND_APPROVE_CLAIMS,
    Can.CLAIM_ON_BEHALF,
    Can.RECORD_CASH_PAYMENT,
)


def get_claim_for_user(request, project_id: int, claim_id: int) -> tuple[ProjectAccess, Claim]:
    access = get_project_access(request, project_id)
    claim = Claim.objects.with_people().filter(project=access.project, pk=claim_id).first()
    if claim is None:
        raise Http404
    if claim.claimant_id != request.user.pk and not any(access.can(c) for c in HANDLES_CLAIMS):
        raise PermissionDenied
    if claim.is_draft_of_someone_else(request.user):
        raise PermissionDenied
    return access, claim


def may_edit_claim(access: ProjectAccess, claim: Claim, user) -> bool:
    """The claimant, or a facilitator on a claim started on the claimant's behalf."""
    # An advance is changed through its own page (views.advance_request), never line by line.
    if not claim.is_editable or claim.is_advance:
        return False
    if claim.claimant_id == user.pk:
        return True
    return claim.started_by_id is not None and access.can(Can.CLAIM_ON_BEHALF)


def is_finance_officer(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return (
        Permission.objects.filter(codename="process_payouts", content_type__app_label="expenses")
        .filter(Q(user=user) | Q(group__user=user))
        .exists()
    )


def require_finance_officer(request) -> None:
    if not is_finance_officer(request.user):
        raise PermissionDenied
    require_second_factor(request)


def get_policy_change_for_user(
    request, project_id: int, change_id: int
) -> tuple[ProjectAccess | None, PolicyChange]:
    """A change to a project's payment policy, for those who may decide on it: the project's
    commissioners, and finance officers, who are not members of projects (their access is
    None). Outsiders get 404 and other members 403. Both need their second factor in this
    session: confirming a change is like giving a second approval."""
    changes = PolicyChange.objects.select_related("project", "proposed_by", "decided_by")
    if is_finance_officer(request.user):
        access = None
        change = changes.filter(project_id=project_id, pk=change_id).first()
    else:
        access = get_project_access(request, project_id, need=Can.SET_PAYMENT_POLICY)
        change = changes.filter(project=access.project, pk=change_id).first()
    if change is None:
        raise Http404
    require_second_factor(request)
    return access, change
