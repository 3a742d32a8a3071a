"""The charter's rules, called directly: versions, signing, in force, activation."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from charters import services
from charters.models import ActivationOverride, Signature, content_hash
from projects import services as project_services
from projects.models import ProjectStatus, Role
from tests.base import add_member
from tests.charters.helpers import publish, sign_all


def _status(project):
    return services.charter_status(services.charter_for(project))


def test_publishing_freezes_the_draft_as_numbered_versions_with_a_hash(cast):
    first = publish(cast.project, cast.facilitator)
    second = publish(cast.project, cast.facilitator, payment="We pay on the day.")
    assert (first.number, second.number) == (1, 2)
    assert first.content_hash == content_hash(first.sections) != second.content_hash
    assert services.charter_for(cast.project).current_version == second
    # Changing the draft afterwards leaves the published words as they were.
    publish(cast.project, cast.facilitator, payment="Something else.")
    first.refresh_from_db()
    assert "We pay on the day." not in str(first.sections)
    assert first.hash_matches


def test_a_draft_with_an_empty_section_cannot_be_published(cast):
    charter = services.charter_for(cast.project)
    draft = {key: dict(words) for key, words in charter.draft.items()}
    draft["decisions"]["text"] = ""
    services.charter_save_draft(charter=charter, draft=draft, by=cast.facilitator)
    with pytest.raises(ValidationError, match="Every section needs some words"):
        services.charter_publish(
            charter=charter, published_by=cast.facilitator, members_reviewed=True
        )


def test_a_draft_missing_a_section_is_refused(cast):
    charter = services.charter_for(cast.project)
    with pytest.raises(ValidationError):
        services.charter_save_draft(charter=charter, draft={"payment": {}}, by=cast.facilitator)


def test_the_charter_is_in_force_when_every_active_member_has_signed(cast):
    version = publish(cast.project, cast.facilitator)
    assert not _status(cast.project).in_force
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        sign_all(cast.project, version)
        signed_at = timezone.now()
    status = _status(cast.project)
    assert status.in_force
    assert abs(status.in_force_since - signed_at) < timedelta(seconds=5)


def test_a_member_who_left_does_not_hold_the_charter_up(cast):
    version = publish(cast.project, cast.facilitator)
    project_services.membership_end(
        membership=cast.membership(cast.professional), ended_by=cast.professional
    )
    sign_all(cast.project, version)
    status = _status(cast.project)
    assert status.in_force and len(status.members) == 4


def test_a_new_member_makes_it_wait_until_they_sign_the_current_version(cast):
    version = publish(cast.project, cast.facilitator)
    sign_all(cast.project, version)
    newcomer = add_member(cast.project, Role.CARER).user
    status = _status(cast.project)
    assert not status.in_force
    assert [m.user for m in status.unsigned] == [newcomer]
    services.signature_sign(version=version, member=newcomer, name="New")
    assert _status(cast.project).in_force


def test_a_new_version_asks_everyone_to_sign_again(cast):
    sign_all(cast.project, publish(cast.project, cast.facilitator))
    assert _status(cast.project).in_force
    publish(cast.project, cast.facilitator, payment="Paid within a week.")
    status = _status(cast.project)
    assert not status.in_force and len(status.unsigned) == 5
    assert Signature.objects.count() == 5  # the old signatures stay on record


def test_a_withdrawal_means_the_charter_is_no_longer_in_force(cast):
    version = publish(cast.project, cast.facilitator)
    sign_all(cast.project, version)
    signature = version.signatures.get(member=cast.person)
    services.signature_withdraw(signature=signature, reason="", recorded_by=cast.person)
    status = _status(cast.project)
    assert not status.in_force
    assert [m.user for m in status.unsigned] == [cast.person]
    assert status.signature_of(cast.person) == signature


def test_signing_is_refused_for_a_superseded_version_a_second_time_and_non_members(cast):
    first = publish(cast.project, cast.facilitator)
    services.signature_sign(version=first, member=cast.person, name="Pat")
    with pytest.raises(ValidationError, match="already signed"):
        services.signature_sign(version=first, member=cast.person, name="Pat")
    with pytest.raises(ValidationError, match="Only members"):
        services.signature_sign(version=first, member=cast.outsider, name="Otto")
    publish(cast.project, cast.facilitator, payment="New words.")
    with pytest.raises(ValidationError, match="has been replaced by version 2"):
        services.signature_sign(version=first, member=cast.carer, name="Cam")
    assert Signature.objects.count() == 1


def test_a_witness_cannot_sign_for_themself_or_call_it_online(cast):
    version = publish(cast.project, cast.facilitator)
    fields = {"version": version, "name": "X", "note": "", "witness": cast.facilitator}
    with pytest.raises(ValidationError, match="cannot witness your own"):
        services.signature_witness(member=cast.facilitator, method="paper", **fields)
    with pytest.raises(ValidationError, match="Select how they agreed"):
        services.signature_witness(member=cast.person, method="online", **fields)
    assert not Signature.objects.exists()


def test_activation_waits_for_the_charter(cast):
    assert "published and signed by every member" in services.activation_problem(cast.project)
    version = publish(cast.project, cast.facilitator)
    services.signature_sign(version=version, member=cast.person, name="Pat")
    problem = services.activation_problem(cast.project)
    assert "1 of 5 members have signed version 1" in problem
    sign_all(cast.project, version)
    assert services.activation_problem(cast.project) is None


def test_the_status_form_refuses_to_activate_a_project_whose_charter_is_not_in_force(client, cast):
    from tests.projects.test_project_views import VALID_PROJECT

    publish(cast.project, cast.facilitator)
    client.force_login(cast.facilitator)
    data = VALID_PROJECT | {"s-status": ProjectStatus.ACTIVE}
    response = client.post(reverse("project-edit", args=[cast.project.pk]), data)
    assert response.status_code == 200
    assert "cannot become active until its charter is in force" in response.text
    cast.project.refresh_from_db()
    assert cast.project.status == ProjectStatus.DRAFT


def test_a_commissioner_overrides_with_a_recorded_reason(client, cast):
    client.force_login(cast.commissioner)
    url = reverse("charter-activation-override", args=[cast.project.pk])
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 400
    assert "Enter the reason for making the project active now" in response.text
    cast.project.refresh_from_db()
    assert cast.project.status == ProjectStatus.DRAFT

    response = client.post(url, {"reason": "The council's funding starts this week."})
    assert response.status_code == 302
    cast.project.refresh_from_db()
    assert cast.project.status == ProjectStatus.ACTIVE
    override = ActivationOverride.objects.get()
    assert (override.recorded_by, override.reason) == (
        cast.commissioner,
        "The council's funding starts this week.",
    )
    # Once active there is nothing to override.
    response = client.post(url, {"reason": "Again"})
    assert response.status_code == 400
    assert "The project is already active" in response.text
    assert ActivationOverride.objects.count() == 1
