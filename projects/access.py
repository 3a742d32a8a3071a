"""Who may do what in a project: the one role -> capability table, and the access helpers.

Every project-scoped view loads its objects through these helpers, never through an unscoped
`.objects.get(pk=...)`. Outsiders (no active membership) get 404, so they cannot learn that a
project exists; members whose role lacks the capability get 403.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from audit.models import Action
from audit.services import record
from coproduce.second_factor import require_second_factor

from .models import LIVED_EXPERIENCE_ROLES, Meeting, Membership, Project, ProjectStatus, Role


class ProjectClosed(PermissionDenied):
    """A change asked of a closed project: everything in it can be read (and reported on), and
    nothing changed. Answered with its own page (coproduce.views.permission_denied)."""

    def __init__(self, project: Project):
        super().__init__("project closed")
        self.project = project


# Requests that change nothing, which a closed project still answers.
_READING = frozenset({"GET", "HEAD", "OPTIONS"})


class Can(StrEnum):
    VIEW_PROJECT = "view_project"
    EDIT_PROJECT = "edit_project"
    INVITE_MEMBERS = "invite_members"
    MANAGE_MEMBERS = "manage_members"
    SCHEDULE_MEETINGS = "schedule_meetings"
    RECORD_ATTENDANCE = "record_attendance"
    ANSWER_MEETING = "answer_meeting"
    OVERRIDE_CHARTER = "override_charter"
    VIEW_PROJECT_RECORD = "view_project_record"
    REOPEN_PROJECT = "reopen_project"
    # charters/
    EDIT_CHARTER = "edit_charter"
    COMMENT_ON_CHARTER = "comment_on_charter"
    SIGN_CHARTER = "sign_charter"
    WITNESS_SIGNATURE = "witness_signature"
    # accessibility/
    SHARE_ACCESS_NEEDS = "share_access_needs"
    VIEW_SHARED_ACCESS_NEEDS = "view_shared_access_needs"
    ARRANGE_ACCESS = "arrange_access"
    # expenses/
    SET_PAYMENT_POLICY = "set_payment_policy"
    CLAIM_PAYMENT = "claim_payment"
    CLAIM_ON_BEHALF = "claim_on_behalf"
    APPROVE_CLAIMS = "approve_claims"
    SECOND_APPROVE_CLAIMS = "second_approve_claims"
    RECORD_CASH_PAYMENT = "record_cash_payment"
    VIEW_BUDGET = "view_budget"
    # reviews/
    MANAGE_REVIEWS = "manage_reviews"
    RATE_REVIEW = "rate_review"
    VIEW_REVIEW_RESULTS = "view_review_results"
    # contributions/
    CONFIRM_CONTRIBUTION = "confirm_contribution"
    # outcomes/
    VIEW_IMPACT_REPORT = "view_impact_report"


_EVERY_MEMBER = {
    Can.VIEW_PROJECT,
    Can.ANSWER_MEETING,
    Can.COMMENT_ON_CHARTER,
    Can.SIGN_CHARTER,
    Can.SHARE_ACCESS_NEEDS,
    Can.RATE_REVIEW,
    Can.VIEW_REVIEW_RESULTS,
}

# The one table. Commissioners fund and sponsor; they do not see access needs (only
# facilitators, who arrange them, do). Professionals are usually staff in work time and so do
# not claim payment for involvement.
CAPABILITIES: dict[str, frozenset[Can]] = {
    Role.COMMISSIONER: frozenset(
        _EVERY_MEMBER
        | {
            Can.EDIT_PROJECT,
            Can.INVITE_MEMBERS,
            Can.MANAGE_MEMBERS,
            Can.OVERRIDE_CHARTER,
            Can.VIEW_PROJECT_RECORD,
            Can.REOPEN_PROJECT,
            Can.SET_PAYMENT_POLICY,
            Can.SECOND_APPROVE_CLAIMS,
            Can.VIEW_BUDGET,
            Can.VIEW_IMPACT_REPORT,
        }
    ),
    Role.FACILITATOR: frozenset(
        _EVERY_MEMBER
        | {
            Can.EDIT_PROJECT,
            Can.INVITE_MEMBERS,
            Can.MANAGE_MEMBERS,
            Can.SCHEDULE_MEETINGS,
            Can.RECORD_ATTENDANCE,
            Can.EDIT_CHARTER,
            Can.WITNESS_SIGNATURE,
            Can.VIEW_SHARED_ACCESS_NEEDS,
            Can.ARRANGE_ACCESS,
            Can.CLAIM_ON_BEHALF,
            Can.APPROVE_CLAIMS,
            Can.RECORD_CASH_PAYMENT,
            Can.MANAGE_REVIEWS,
            Can.CONFIRM_CONTRIBUTION,
            Can.VIEW_IMPACT_REPORT,
        }
    ),
    Role.PERSON: frozenset(_EVERY_MEMBER | {Can.CLAIM_PAYMENT}),
    Role.CARER: frozenset(_EVERY_MEMBER | {Can.CLAIM_PAYMENT}),
    Role.PROFESSIONAL: frozenset(_EVERY_MEMBER),
}


# What a facilitator may add, for a person who draws on care or a carer, to their own role's:
# leading meetings, the charter and reviews. Nothing over members (roles, invitations), money,
# attendance (which pays people) or anyone's access needs, so a co-chair can neither pay
# themself nor change who holds which role.
CO_CHAIR = frozenset({Can.SCHEDULE_MEETINGS, Can.EDIT_CHARTER, Can.MANAGE_REVIEWS})
# Who may be made a co-chair.
CO_CHAIR_ROLES = LIVED_EXPERIENCE_ROLES


def membership_capabilities(membership: Membership) -> frozenset[Can]:
    capabilities = CAPABILITIES.get(membership.role, frozenset())
    if membership.co_chair and membership.role in CO_CHAIR_ROLES:
        return capabilities | CO_CHAIR
    return capabilities


# Capabilities that show people's access needs or move money: they need a second factor.
NEEDS_SECOND_FACTOR = frozenset(
    {
        Can.VIEW_SHARED_ACCESS_NEEDS,
        Can.ARRANGE_ACCESS,
        Can.APPROVE_CLAIMS,
        Can.SECOND_APPROVE_CLAIMS,
        Can.RECORD_CASH_PAYMENT,
    }
)


def role_can(role: str, capability: Can) -> bool:
    return capability in CAPABILITIES.get(role, frozenset())


# Which roles a member may give, change or take away (DESIGN.md, "Who may change roles"): only a
# commissioner touches a commissioner or a facilitator; a facilitator manages the member roles
# below it. Nobody changes their own role (`may_manage`), so nobody can promote themself past
# the second approval that money needs.
MEMBER_ROLES = frozenset({Role.PERSON, Role.CARER, Role.PROFESSIONAL})
ROLES_MANAGED_BY: dict[str, frozenset[str]] = {
    Role.COMMISSIONER: frozenset(Role.values),
    Role.FACILITATOR: MEMBER_ROLES,
}


def roles_managed_by(role: str) -> frozenset[str]:
    return ROLES_MANAGED_BY.get(role, frozenset())


def may_manage(manager: Membership, member: Membership) -> bool:
    """Whether `manager` may change `member`'s role or remove them: never themself."""
    return manager.user_id != member.user_id and member.role in roles_managed_by(manager.role)


@dataclass(frozen=True)
class ProjectAccess:
    """What a view gets back: the project and the requesting member's membership."""

    project: Project
    membership: Membership

    def can(self, capability: Can) -> bool:
        return capability in self.capabilities

    @property
    def capabilities(self) -> frozenset[Can]:
        return membership_capabilities(self.membership)

    @property
    def manageable_roles(self) -> frozenset[str]:
        """The roles this member may give others, and whose holders they may change."""
        return roles_managed_by(self.membership.role)


def get_project_access(request: HttpRequest, project_id: int, need: Can = Can.VIEW_PROJECT):
    """The project and the user's active membership; 404 for outsiders, 403 without `need`,
    ProjectClosed (a 403 of its own) for a change to a closed project: every change is a POST,
    so refusing them here refuses every view's, whatever capability it needs."""
    if not request.user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.active()
        .select_related("project")
        .filter(project_id=project_id, user=request.user)
        .first()
    )
    if membership is None:
        record(
            Action.ACCESS_REFUSED,
            actor=request.user,
            subject=request.user,
            target=f"project:{project_id}"[:60],
            detail="not a member",
        )
        raise Http404
    if need not in membership_capabilities(membership):
        record(
            Action.ACCESS_REFUSED,
            actor=request.user,
            subject=request.user,
            project=membership.project,
            target=request.path[:60],
            detail=f"needs {need.value}",
        )
        raise PermissionDenied
    if (
        membership.project.status == ProjectStatus.CLOSED
        and request.method not in _READING
        and need != Can.REOPEN_PROJECT
    ):
        raise ProjectClosed(membership.project)
    if need in NEEDS_SECOND_FACTOR:
        require_second_factor(request)
    return ProjectAccess(project=membership.project, membership=membership)


def get_member_without_email(access: ProjectAccess, membership_id: int) -> Membership:
    """A member of `access`'s project without email, whose details a facilitator recorded with
    their agreement; 404 for anyone else (members with email record their own)."""
    membership = (
        Membership.objects.active()
        .select_related("user")
        .filter(project=access.project, pk=membership_id)
        .first()
    )
    if membership is None or membership.user.has_email:
        raise Http404
    if not membership.recorded_on_behalf.exists():
        raise Http404
    return membership


def get_meeting_for_user(
    request: HttpRequest,
    project_id: int,
    meeting_id: int,
    need: Can = Can.VIEW_PROJECT,
    meetings=None,
) -> tuple[ProjectAccess, Meeting]:
    """A meeting of a project the user may see; a meeting of another project is a 404.
    `meetings`: a queryset of meetings to find it in, for a page that annotates them."""
    access = get_project_access(request, project_id, need)
    if meetings is None:
        meetings = Meeting.objects
    try:
        meeting = meetings.get(project=access.project, pk=meeting_id)
    except Meeting.DoesNotExist:
        raise Http404 from None
    return access, meeting
