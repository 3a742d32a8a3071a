"""Every charters form, fuzzed through its view (see harness.py)."""

from charters import services
from charters.forms import (
    CommentForm,
    CompareForm,
    DraftForm,
    OverrideForm,
    PublishForm,
    SignForm,
    WithdrawForm,
    WitnessForm,
)
from charters.models import (
    ActivationOverride,
    Charter,
    CharterVersion,
    Comment,
    Signature,
    Withdrawal,
)
from charters.template import SECTIONS
from projects.models import Project
from tests.charters.helpers import publish
from tests.fuzz.harness import fuzz_form
from tests.matrix import project

_DRAFT = {
    f"{section.key}-{part}": f"{section.title}: our {part} words."
    for section in SECTIONS
    for part in ("text", "easy_read")
}


def _charter(cast):
    """The charter row, which a project's first charter page makes."""
    services.charter_for(cast.project)


test_charter_draft_edit = fuzz_form(
    DraftForm,
    setup=_charter,
    url="charter-draft-edit",
    who=lambda cast: cast.facilitator,
    valid=_DRAFT,
    watched=lambda cast: [Charter],
    saved_text=list(_DRAFT),
)

test_charter_publish = fuzz_form(
    PublishForm,
    setup=_charter,
    url="charter-publish",
    who=lambda cast: cast.facilitator,
    valid={"members_reviewed": "on", "changes_note": "First version."},
    watched=lambda cast: [Charter, CharterVersion],
    saved_text=["changes_note"],
)

test_charter_comment = fuzz_form(
    CommentForm,
    setup=_charter,
    url="charter-comment-create",
    who=lambda cast: cast.person,
    valid={"section": SECTIONS[0].key, "body": "Can we meet later?", "suggestion": "At 11."},
    watched=lambda cast: [Comment],
    saved_text=["body", "suggestion"],
)


def _two_versions(cast) -> dict:
    publish(cast.project, cast.facilitator)
    publish(cast.project, cast.facilitator)
    return project(cast)


test_charter_compare = fuzz_form(
    CompareForm,
    url="charter-version-compare",
    kwargs=_two_versions,
    who=lambda cast: cast.person,
    valid={"old": "1", "new": "2"},
    watched=lambda cast: [CharterVersion],
    method="get",
)

test_charter_sign = fuzz_form(
    SignForm,
    url="charter-sign",
    who=lambda cast: cast.person,
    valid={"agree": "on", "name": "Pat Example"},
    watched=lambda cast: [Signature],
    saved_text=["name"],
)


def _published(cast) -> dict:
    publish(cast.project, cast.facilitator)
    return project(cast)


test_charter_witness = fuzz_form(
    WitnessForm,
    url="charter-witness",
    kwargs=_published,
    who=lambda cast: cast.facilitator,
    valid={
        "member": lambda cast: str(cast.carer.pk),
        "name": "Cam Example",
        "method": "in_person",
        "note": "At the meeting.",
        "confirm": "on",
    },
    watched=lambda cast: [Signature],
    saved_text=["name", "note"],
)


def _signed_by_pat(cast) -> dict:
    version = publish(cast.project, cast.facilitator)
    services.signature_sign(version=version, member=cast.person, name="Pat")
    return {**project(cast), "number": version.number}


test_charter_withdraw = fuzz_form(
    WithdrawForm,
    url="charter-withdraw",
    kwargs=_signed_by_pat,
    who=lambda cast: cast.person,
    valid={"reason": "The times changed."},
    watched=lambda cast: [Signature, Withdrawal],
    saved_text=["reason"],
)

test_activation_override = fuzz_form(
    OverrideForm,
    setup=_charter,
    url="charter-activation-override",
    who=lambda cast: cast.commissioner,
    valid={"reason": "The funding starts now."},
    watched=lambda cast: [Project, ActivationOverride],
    saved_text=["reason"],
)
