"""The forms for members without email and co-chairs, fuzzed through their views (see
harness.py): adding a member without email, connecting their account, recording their needs,
claiming the account, and a member's standing."""

from allauth.account.models import EmailAddress

from accessibility.models import AccessProfile, NeedGroup, ProfileNeed, SharingConsent
from accounts.models import User
from audit.models import Entry
from projects.forms import (
    ClaimAccountForm,
    ConnectAccountForm,
    MemberStandingForm,
    MemberWithoutEmailForm,
    OnBehalfConsentForm,
)
from projects.models import Invitation, Membership, RecordedOnBehalf, Role
from tests.accessibility.helpers import ensure_catalogue
from tests.base import PASSWORD
from tests.fuzz.harness import fuzz_form
from tests.projects.permissions import _member_without_email

test_member_add_without_email = fuzz_form(
    MemberWithoutEmailForm,
    url="member-add-without-email",
    who=lambda cast: cast.facilitator,
    valid={
        "preferred_name": "Gwen",
        "full_name": "Gwen Parry",
        "role": Role.PERSON,
        "contact_by": ["phone", "post"],
        "phone": "01632 960123",
        "postal_address": "2 Chapel Row\nLlanfair",
        "consent": "Agreed on the phone on 3 May",
    },
    watched=lambda cast: [User, Membership, RecordedOnBehalf, AccessProfile],
    saved_text=["preferred_name", "full_name", "phone", "postal_address", "consent"],
)

test_member_connect_account = fuzz_form(
    ConnectAccountForm,
    url="member-without-email",
    who=lambda cast: cast.facilitator,
    valid={"email": "gwen@example.org"},
    watched=lambda cast: [Invitation, User, EmailAddress],
    saved_text=["email"],
)


def _needs_on_behalf(cast) -> dict:
    ensure_catalogue()
    group = NeedGroup.objects.get(needs__code="step-free")
    return {**_member_without_email(cast), "group_code": group.code}


test_member_needs_on_behalf = fuzz_form(
    OnBehalfConsentForm,
    url="member-needs-on-behalf",
    kwargs=_needs_on_behalf,
    who=lambda cast: cast.facilitator,
    valid={"step-free": "essential", "c-consent": "Agreed on the phone on 4 May"},
    watched=lambda cast: [AccessProfile, ProfileNeed, SharingConsent, RecordedOnBehalf],
    saved_text=["c-consent"],
)


def _claim_link(cast) -> dict:
    membership = Membership.objects.get(pk=_member_without_email(cast)["membership_id"])
    invitation = Invitation.objects.create(
        project=cast.project,
        email="gwen@example.org",
        role=membership.role,
        token="fuzz-claim-token",
        invited_by=cast.facilitator,
        expires_at="2099-01-01T00:00Z",
        claims=membership.user,
    )
    return {"token": invitation.token}


test_claim_account = fuzz_form(
    ClaimAccountForm,
    url="invitation-respond",
    kwargs=_claim_link,
    who=lambda cast: None,
    valid={"new_password1": PASSWORD, "new_password2": PASSWORD},
    watched=lambda cast: [User, EmailAddress, Invitation, Membership],
)

test_member_standing = fuzz_form(
    MemberStandingForm,
    url="member-standing",
    who=lambda cast: cast.facilitator,
    valid={"lived_experience": "yes", "co_chair": "yes"},
    watched=lambda cast: [Membership, Entry],
)
