"""The counts of members who signed the charter, kept in the cache (charters/counts_cache.py):
after every kind of change they count, the pages show what counting afresh gives."""

import pytest
from django.urls import reverse

from charters import services
from charters.counts_cache import _work_out, signature_counts
from privacy.services import erase
from projects.models import Role
from projects.services import membership_end
from tests.base import add_member
from tests.charters.helpers import publish

pytestmark = pytest.mark.django_db


def test_whatever_changes_the_kept_counts_are_what_counting_again_gives(client, cast):
    version = publish(cast.project, cast.facilitator)
    services.signature_sign(version=version, member=cast.person, name="Sam")
    services.signature_sign(version=version, member=cast.commissioner, name="Chris")
    leaver = add_member(cast.project, Role.PERSON)
    services.signature_sign(version=version, member=leaver.user, name="Lee")
    erased = add_member(cast.project, Role.PERSON).user
    services.signature_sign(version=version, member=erased, name="Eve")
    current = {"version": version}

    def publish_again():
        current["version"] = publish(cast.project, cast.facilitator)

    changes = {
        "a member signs": lambda: services.signature_sign(
            version=version, member=cast.professional, name="Priya"
        ),
        "a signature witnessed": lambda: services.signature_witness(
            version=version,
            member=cast.carer,
            name="Cam",
            method="phone",
            note="",
            witness=cast.facilitator,
        ),
        "a member no longer agrees": lambda: services.signature_withdraw(
            signature=version.signatures.get(member=cast.person),
            reason="",
            recorded_by=cast.person,
        ),
        "someone joins": lambda: add_member(cast.project, Role.CARER),
        "someone leaves": lambda: membership_end(membership=leaver, ended_by=leaver.user),
        "someone is erased": lambda: erase(erased),
        "a new version": publish_again,
    }
    client.force_login(cast.facilitator)
    for change, make_it in changes.items():
        for page in ("project-detail", "charter-detail"):  # the counts kept
            assert client.get(reverse(page, args=[cast.project.pk])).status_code == 200
        before = _work_out(current["version"], cast.project.pk)
        make_it()
        fresh = _work_out(current["version"], cast.project.pk)
        assert fresh != before, change  # the change is one the counts show
        assert signature_counts(current["version"], cast.project.pk) == fresh, change
        page = client.get(reverse("charter-detail", args=[cast.project.pk])).text
        waiting = f"Waiting for {fresh.members - fresh.signed} of {fresh.members} signatures"
        assert waiting in page, change
