from privacy.registry import OnErase, Section, register
from projects.models import Membership

from .counts_cache import forget_counts
from .models import ActivationOverride, Charter, CharterVersion, Comment, Signature, Withdrawal

# Charters are the project's shared record of what everyone agreed: they stay, and after
# erasure they show "Former member" where the person's name was.
KEPT = "The project's record of its charter and who agreed to it; it no longer shows your name."


def _forget_signature_counts(user):
    # Erasure ends the person's memberships in one bulk update (projects/personal_data.py),
    # which sends no signal: their projects' counts of members who signed are out of date.
    forget_counts(Membership.objects.filter(user=user).values_list("project_id", flat=True))


register(
    Section(
        "Charter drafts you edited",
        Charter,
        ("draft_updated_by",),
        ("project__title", "draft_updated_at"),
        on_erase=OnErase.KEEP,
        reason=KEPT,
    ),
    Section(
        "Charter versions you published",
        CharterVersion,
        ("published_by",),
        ("charter__project__title", "number", "published_at"),
        on_erase=OnErase.KEEP,
        reason=KEPT,
    ),
    Section(
        "Charters you signed or witnessed",
        Signature,
        ("member", "witnessed_by"),
        ("version__charter__project__title", "version__number", "name", "method", "signed_at"),
        on_erase=OnErase.KEEP,
        reason=KEPT,
    ),
    Section(
        "Charter agreements you withdrew",
        Withdrawal,
        ("recorded_by",),
        ("reason", "withdrawn_at"),
        on_erase=OnErase.KEEP,
        reason=KEPT,
    ),
    Section(
        "Your comments on charters",
        Comment,
        ("author", "dealt_with_by"),
        ("charter__project__title", "section", "body", "suggestion", "created_at"),
        on_erase=OnErase.KEEP,
        reason="Comments are part of the project's discussion of its charter; they no longer "
        "show your name.",
    ),
    Section(
        "Charter decisions you recorded",
        ActivationOverride,
        ("recorded_by",),
        ("project__title", "reason", "recorded_at"),
        on_erase=OnErase.KEEP,
        reason=KEPT,
    ),
    erase_step=_forget_signature_counts,
)
