"""Races on a real PostgreSQL (issue: charters, Done when 3): members signing at the same
moment all count; one member submitting twice at once makes one signature; a signature made
while a new version is published lands on a version that was current when it was made."""

import pytest

from charters import services
from charters.models import CharterVersion, Signature, Withdrawal
from tests.charters.helpers import publish
from tests.races import race
from tests.services import require_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _sign(version, user, name="Me"):
    return lambda: services.signature_sign(version=version, member=user, name=name)


def test_members_signing_at_the_same_moment_all_count(cast):
    require_postgres()
    version = publish(cast.project, cast.facilitator)
    members = [cast.commissioner, cast.facilitator, cast.person, cast.carer, cast.professional]
    errors = race(*[_sign(version, user) for user in members])
    assert errors == []
    assert Signature.objects.filter(version=version).count() == 5
    assert services.charter_status(services.charter_for(cast.project)).in_force


def test_one_member_submitting_twice_at_once_makes_one_signature(cast):
    require_postgres()
    version = publish(cast.project, cast.facilitator)
    errors = race(_sign(version, cast.person, "First"), _sign(version, cast.person, "Second"))
    assert Signature.objects.filter(version=version, member=cast.person).count() == 1
    assert len(errors) == 1 and "already signed version 1" in errors[0].messages[0]


def test_signing_online_and_being_witnessed_at_once_makes_one_signature(cast):
    require_postgres()
    version = publish(cast.project, cast.facilitator)
    errors = race(
        _sign(version, cast.carer),
        lambda: services.signature_witness(
            version=version,
            member=cast.carer,
            name="Cam",
            method="in_person",
            note="",
            witness=cast.facilitator,
        ),
    )
    assert Signature.objects.filter(member=cast.carer).count() == 1
    assert len(errors) == 1


def test_a_signature_made_while_a_new_version_is_published_is_never_on_a_superseded_one(cast):
    require_postgres()
    first = publish(cast.project, cast.facilitator)
    errors = race(
        _sign(first, cast.person),
        lambda: publish(cast.project, cast.facilitator, payment="New words."),
    )
    second = CharterVersion.objects.get(number=2)
    signature = Signature.objects.filter(member=cast.person).first()
    if signature is None:  # publishing went first: signing was refused
        assert "has been replaced by version 2" in errors[0].messages[0]
    else:  # signing went first: it is on version 1, signed before version 2 existed
        assert errors == [] and signature.version == first
        assert signature.signed_at <= second.published_at


def test_two_facilitators_publishing_at_once_make_two_numbered_versions(cast):
    require_postgres()
    publish(cast.project, cast.facilitator)
    charter = services.charter_for(cast.project)
    draft = {key: dict(words) for key, words in charter.draft.items()}
    draft["payment"]["text"] = "Changed."
    services.charter_save_draft(charter=charter, draft=draft, by=cast.facilitator)
    errors = race(
        *[
            lambda: services.charter_publish(
                charter=charter, published_by=cast.facilitator, members_reviewed=True
            )
        ]
        * 2
    )
    # The second sees the draft is now the same as the version the first just published.
    assert [e.messages[0] for e in errors] == [
        "The draft is the same as version 2. Change the draft before publishing."
    ]
    assert list(CharterVersion.objects.values_list("number", flat=True)) == [1, 2]


def test_withdrawing_twice_at_once_records_one_withdrawal(cast):
    require_postgres()
    version = publish(cast.project, cast.facilitator)
    signature = services.signature_sign(version=version, member=cast.person, name="Pat")
    errors = race(
        *[
            lambda: services.signature_withdraw(
                signature=signature, reason="", recorded_by=cast.person
            )
        ]
        * 2
    )
    assert len(errors) == 1 and "already said you no longer agree" in errors[0].messages[0]
    assert Withdrawal.objects.filter(signature=signature).count() == 1
