"""Every write to charters, and the one rule for when a charter is in force.

Signing and publishing both lock the charter row first, so a signature is always on the version
that was current when it was made: nobody can sign version 1 in the moment version 2 replaces it.
Two members signing at once wait a moment for each other and both count; the same member
submitting twice is stopped by the unique (version, member) constraint.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User, shown_name
from audit.models import Action
from audit.services import record
from projects.models import Membership, Project, ProjectStatus

from .counts_cache import signature_counts
from .models import (
    ActivationOverride,
    Charter,
    CharterVersion,
    Comment,
    Signature,
    SignatureMethod,
    Withdrawal,
    content_hash,
)
from .template import SECTION_KEYS, WELSH_WORDS, starting_draft


def charter_for(project: Project) -> Charter:
    """The project's charter, started from the template the first time anyone asks."""
    charter = Charter.objects.select_related("current_version").filter(project=project).first()
    if charter is None:
        charter, _created = Charter.objects.get_or_create(project=project)
    return charter


def _lock(charter_id: int) -> Charter:
    """Lock the charter row. Its current version is read afterwards, in a query of its own:
    joined into the locking query, PostgreSQL would return the version row as it was before
    waiting for the lock (a version published meanwhile would be missed)."""
    return Charter.objects.select_for_update().get(pk=charter_id)


@dataclass
class CharterStatus:
    """Who has signed the current version, and whether the charter is in force."""

    version: CharterVersion | None
    members: list[Membership]
    # The valid (not withdrawn) signatures on the current version, by member id.
    signatures: dict[int, Signature] = field(default_factory=dict)
    # Signatures on the current version that were later withdrawn, by member id.
    withdrawn: dict[int, Signature] = field(default_factory=dict)

    @property
    def signed(self) -> list[Membership]:
        return [m for m in self.members if m.user_id in self.signatures]

    @property
    def unsigned(self) -> list[Membership]:
        return [m for m in self.members if m.user_id not in self.signatures]

    @property
    def in_force(self) -> bool:
        return self.version is not None and bool(self.members) and not self.unsigned

    @property
    def in_force_since(self) -> datetime | None:
        """When the last of today's members signed: from then on everyone had agreed."""
        if not self.in_force:
            return None
        return max(self.signatures[m.user_id].signed_at for m in self.members)

    @property
    def signature_list(self) -> list[Signature]:
        """Every current member's signature on this version, withdrawn ones included."""
        both = [*self.signatures.values(), *self.withdrawn.values()]
        return sorted(both, key=lambda s: (s.signed_at, s.pk))

    def signature_of(self, user) -> Signature | None:
        return self.signatures.get(user.pk) or self.withdrawn.get(user.pk)


def charter_status(charter: Charter) -> CharterStatus:
    """Two queries whatever the number of members: the members, then their signatures."""
    members = list(
        Membership.objects.active()
        .filter(project_id=charter.project_id)
        .select_related("user")
        .order_by("user__preferred_name", "id")
    )
    version = charter.current_version
    status = CharterStatus(version=version, members=members)
    if version is None:
        return status
    member_ids = {m.user_id for m in members}
    for signature in Signature.objects.filter(
        version=version, member_id__in=member_ids
    ).select_related("witnessed_by", "withdrawal"):
        withdrawn = getattr(signature, "withdrawal", None) is not None
        (status.withdrawn if withdrawn else status.signatures)[signature.member_id] = signature
    return status


@dataclass
class CharterSummary:
    """The charter's state in counts, for the project page: charter_status loads every member
    and signature, which takes hundreds of milliseconds on a project of a thousand."""

    version: CharterVersion | None
    members: int = 0
    unsigned: int = 0
    # The current members' signatures, withdrawn ones too: the charter page lists them.
    signatures: int = 0
    in_force_since: datetime | None = None
    # The members who have waited longest to sign (a page of names, not a thousand).
    first_unsigned: list[Membership] = field(default_factory=list)
    # The person looking has signed this version (or signed and withdrawn).
    has_signed: bool = False

    @property
    def in_force(self) -> bool:
        return self.version is not None and self.members > 0 and self.unsigned == 0

    @property
    def unsigned_not_named(self) -> int:
        return self.unsigned - len(self.first_unsigned)


def charter_summary(charter: Charter, user=None, *, names: int) -> CharterSummary:
    """The counts (kept in the cache: counts_cache.py), the first `names` members yet to sign
    (one query) and whether `user` has signed (one query; not asked without a user)."""
    version = charter.current_version
    if version is None:
        return CharterSummary(version=None)
    counts = signature_counts(version, charter.project_id)
    summary = CharterSummary(
        version=version,
        members=counts.members,
        unsigned=counts.members - counts.signed,
        signatures=counts.listed,
    )
    if summary.in_force:
        summary.in_force_since = counts.since
    if names:
        valid = Signature.objects.filter(version=version, withdrawal__isnull=True)
        summary.first_unsigned = list(
            Membership.objects.active()
            .filter(project_id=charter.project_id)
            .filter(~Exists(valid.filter(member_id=OuterRef("user_id"))))
            .select_related("user")
            .order_by("joined_at", "id")[:names]
        )
    if user is not None:
        summary.has_signed = Signature.objects.filter(version=version, member=user).exists()
    return summary


def unsigned_members(charter: Charter, version: CharterVersion):
    """The current members who have not signed `version`, by name, each with `withdrew` (they
    signed, then said they no longer agree): a query to page, not a list of a thousand, and
    one more for the page's users."""
    signed = Signature.objects.filter(version=version, member_id=OuterRef("user_id"))
    # Sorted on a subquery of each one's name, not a join: joined, PostgreSQL read every user
    # of the council to sort the 200 yet to sign (8.9 ms against 2.2 at scale 1).
    name = Subquery(
        User.objects.filter(pk=OuterRef("user_id")).annotate(shown=shown_name()).values("shown")
    )
    return (
        Membership.objects.active()
        .filter(project_id=charter.project_id)
        .filter(~Exists(signed.filter(withdrawal__isnull=True)))
        .annotate(withdrew=Exists(signed.filter(withdrawal__isnull=False)), name=name)
        .prefetch_related("user")
        .order_by("name", "id")
    )


def member_signatures(charter: Charter, version: CharterVersion):
    """The current members' signatures on `version`, withdrawn ones included, in the order
    they were given: a query to page."""
    members = Membership.objects.active().filter(project_id=charter.project_id)
    return (
        Signature.objects.filter(version=version, member_id__in=members.values("user_id"))
        .select_related("witnessed_by", "withdrawal")
        .order_by("signed_at", "pk")
    )


def activation_problem(project: Project) -> str | None:
    """Why the project may not become active yet; None once its charter is in force."""
    charter = charter_for(project)
    status = charter_status(charter)
    if status.in_force:
        return None
    if status.version is None:
        return _(
            "The project cannot become active until its charter is published and signed by "
            "every member. A commissioner can make it active anyway and record why."
        )
    return ngettext(
        "The project cannot become active until its charter is in force: %(signed)s of "
        "%(total)s member has signed version %(number)s. A commissioner can make it active "
        "anyway and record why.",
        "The project cannot become active until its charter is in force: %(signed)s of "
        "%(total)s members have signed version %(number)s. A commissioner can make it active "
        "anyway and record why.",
        len(status.members),
    ) % {
        "signed": len(status.signed),
        "total": len(status.members),
        "number": status.version.number,
    }


@transaction.atomic
def activation_override(*, project: Project, reason: str, recorded_by) -> ActivationOverride:
    """A commissioner makes a draft project active before its charter is in force.

    The reason is kept for good. Refused unless the project is a draft.
    """
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status != ProjectStatus.DRAFT:
        raise ValidationError(_("Only a draft project can be made active this way."))
    if not reason.strip():
        raise ValidationError(_("Enter the reason for making the project active now."))
    override = ActivationOverride.objects.create(
        project=project, reason=reason.strip(), recorded_by=recorded_by
    )
    project.status = ProjectStatus.ACTIVE
    project.save(update_fields=["status"])
    return override


@transaction.atomic
def charter_save_draft(*, charter: Charter, draft: dict[str, dict[str, str]], by) -> Charter:
    """Replace the draft's words. Published versions are separate rows and never change."""
    if set(draft) != set(SECTION_KEYS):
        raise ValidationError(_("The draft must have every section of the charter."))
    charter = _lock(charter.pk)
    charter.draft = {
        key: {
            name: draft[key].get(name, "").strip() for name in ("text", "easy_read", *WELSH_WORDS)
        }
        for key in SECTION_KEYS
    }
    charter.draft_updated_at = timezone.now()
    charter.draft_updated_by = by
    charter.save(update_fields=["draft", "draft_updated_at", "draft_updated_by"])
    return charter


def draft_problem(charter: Charter) -> str | None:
    """Why the draft cannot be published as it is; None if it can."""
    sections = charter.draft_sections()
    if any(not s["text"] for s in sections):
        return _("Every section needs some words before the charter can be published.")
    current = charter.current_version
    if current is not None and content_hash(sections) == current.content_hash:
        return _(
            "The draft is the same as version %(number)s. Change the draft before publishing."
        ) % {"number": current.number}
    return None


def unresolved(charter: Charter) -> list[str]:
    """What is still open in the draft, in words the publisher confirms before publishing: the
    starting template unchanged (nobody has shaped it yet), and comments not dealt with."""
    found = []
    template = starting_draft()
    unchanged = [
        s["title"]
        for s in charter.draft_sections()
        if charter.draft.get(s["key"], {}).get("text") == template[s["key"]]["text"]
    ]
    if len(unchanged) == len(template):
        found.append(_("Every section is still in the starting template's words."))
    elif unchanged:
        found.append(
            _("Still in the starting template's words: %(sections)s.")
            % {"sections": ", ".join(unchanged)}
        )
    open_comments = charter.comments.filter(dealt_with_at__isnull=True)
    suggestions = open_comments.exclude(suggestion="").count()
    others = open_comments.filter(suggestion="").count()
    if suggestions:
        found.append(
            ngettext(
                "%(count)d comment suggests wording that has not been answered.",
                "%(count)d comments suggest wording that has not been answered.",
                suggestions,
            )
            % {"count": suggestions}
        )
    if others:
        found.append(
            ngettext(
                "%(count)d other comment is not dealt with.",
                "%(count)d other comments are not dealt with.",
                others,
            )
            % {"count": others}
        )
    return found


@transaction.atomic
def charter_publish(
    *, charter: Charter, published_by, members_reviewed: bool, changes_note: str = ""
) -> CharterVersion:
    """Freeze the draft as the next version, which replaces the current one.

    `members_reviewed` is the publisher's confirmation that the members have seen the draft
    and could comment, knowing what is still unresolved (`unresolved`); without it nothing is
    published. Both are kept on the version. Locks the charter row: publishing waits for
    signatures being made on the old version, and two facilitators publishing at once make
    versions N and N+1, never two Ns. Every member is then asked to sign the new version;
    signatures on the old one stay on record.
    """
    charter = _lock(charter.pk)
    problem = draft_problem(charter)
    if problem:
        raise ValidationError(problem)
    if not members_reviewed:
        raise ValidationError(
            _("Confirm that the members have seen this draft and could comment on it.")
        )
    sections = charter.draft_sections()
    version = CharterVersion.objects.create(
        charter=charter,
        number=(charter.current_version.number + 1) if charter.current_version else 1,
        sections=sections,
        content_hash=content_hash(sections),
        changes_note=changes_note.strip(),
        published_by=published_by,
        members_reviewed=True,
        unresolved_at_publishing=unresolved(charter),
    )
    charter.current_version = version
    charter.save(update_fields=["current_version"])
    record(
        Action.CHARTER_PUBLISHED,
        actor=published_by,
        project=charter.project,
        target=f"charter-version:{version.pk}",
        detail=f"version {version.number}",
    )
    return version


def _signing_problem(charter: Charter, version: CharterVersion, member) -> str | None:
    if charter.current_version_id != version.pk:
        return _(
            "Version %(old)s has been replaced by version %(new)s. Please read version "
            "%(new)s and sign that instead."
        ) % {"old": version.number, "new": charter.current_version.number}
    if not Membership.objects.active().filter(project_id=charter.project_id, user=member).exists():
        return _("Only members of the project can sign its charter.")
    existing = Signature.objects.filter(version=version, member=member).first()
    if existing is not None:
        return _("%(name)s already signed version %(number)s on %(date)s.") % {
            "name": member.display_name,
            "number": version.number,
            "date": date_format(timezone.localtime(existing.signed_at), "j F Y"),
        }
    return None


@transaction.atomic
def _signature_create(*, version: CharterVersion, member, **fields) -> Signature:
    charter = _lock(version.charter_id)
    # Under the charter lock a second request from the same member waits for the first and
    # then finds its signature; the unique constraint backs this up.
    problem = _signing_problem(charter, version, member)
    if problem:
        raise ValidationError(problem)
    return Signature.objects.create(version=version, member=member, **fields)


def signature_sign(*, version: CharterVersion, member, name: str) -> Signature:
    """A member signs the current version themself, typing their name.

    Refused (ValidationError, nothing saved) if the version is not the current one, the
    member has already signed it or is not an active member.
    """
    if not name.strip():
        raise ValidationError(_("Type your name to sign the charter."))
    return _signature_create(
        version=version, member=member, name=name.strip(), method=SignatureMethod.ONLINE
    )


def signature_witness(
    *, version: CharterVersion, member, name: str, method: str, note: str, witness
) -> Signature:
    """A facilitator records that `member` agreed in person, by phone or on paper.

    The same refusals as signing online; a facilitator cannot witness their own signature.
    """
    if method == SignatureMethod.ONLINE or method not in SignatureMethod.values:
        raise ValidationError(_("Select how they agreed."))
    if member.pk == witness.pk:
        raise ValidationError(_("You cannot witness your own signature. Sign it yourself."))
    if not name.strip():
        raise ValidationError(_("Enter their name as it should appear on the charter."))
    return _signature_create(
        version=version,
        member=member,
        name=name.strip(),
        method=method,
        witnessed_by=witness,
        note=note.strip(),
    )


@transaction.atomic
def signature_withdraw(*, signature: Signature, reason: str, recorded_by) -> Withdrawal:
    """A member records that they no longer agree to a version they signed.

    The signature stays on record; the withdrawal is a new, permanent event. Withdrawing
    twice is refused (one withdrawal per signature, enforced by the database too).
    """
    if Withdrawal.objects.filter(signature=signature).exists():
        raise ValidationError(_("You have already said you no longer agree to this version."))
    try:
        with transaction.atomic():
            return Withdrawal.objects.create(
                signature=signature, reason=reason.strip(), recorded_by=recorded_by
            )
    except IntegrityError:
        raise ValidationError(
            _("You have already said you no longer agree to this version.")
        ) from None


def comment_create(
    *, charter: Charter, author, section: str, body: str, suggestion: str = ""
) -> Comment:
    """A member comments on one section of the draft, or on the whole charter."""
    if section and section not in SECTION_KEYS:
        raise ValidationError(_("Select which part of the charter your comment is about."))
    if not body.strip():
        raise ValidationError(_("Enter your comment."))
    return Comment.objects.create(
        charter=charter,
        author=author,
        section=section,
        body=body.strip(),
        suggestion=suggestion.strip(),
    )


def comment_mark_dealt_with(*, comment: Comment, by) -> None:
    """A facilitator marks a comment as dealt with. Marking it again changes nothing."""
    Comment.objects.filter(pk=comment.pk, dealt_with_at__isnull=True).update(
        dealt_with_at=timezone.now(), dealt_with_by=by
    )
