"""Members without email or internet: a facilitator adds them with the contact details they
agreed to (recorded, audited), their reminders become phone or post tasks, and later an
invitation turns the same record into an account of their own."""

from django.contrib.auth import authenticate
from django.core import mail
from django.urls import reverse

from accessibility.contact import contact_preferences_for
from audit.models import Action, Entry
from projects import services
from projects.models import Invitation, Membership, RecordedFor, RecordedOnBehalf, Role
from tests.base import PASSWORD, make_user

ADD = {
    "preferred_name": "Gwen",
    "full_name": "Gwen Parry",
    "role": Role.PERSON,
    "contact_by": ["phone", "post"],
    "phone": "01632 960123",
    "postal_address": "2 Chapel Row\nLlanfair",
    "consent": "Agreed on the phone on 3 May",
}


def _add(client, cast, **changes):
    client.force_login(cast.facilitator)
    return client.post(
        reverse("member-add-without-email", args=[cast.project.pk]), {**ADD, **changes}
    )


def test_a_facilitator_adds_a_member_without_email_with_their_agreement(client, cast):
    response = _add(client, cast)
    membership = Membership.objects.get(project=cast.project, user__preferred_name="Gwen")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "member-without-email", args=[cast.project.pk, membership.pk]
    )
    gwen = membership.user
    assert gwen.email is None and not gwen.has_usable_password()
    assert membership.role == Role.PERSON and membership.lived_experience
    record = RecordedOnBehalf.objects.get(membership=membership)
    assert (record.what, record.recorded_by, record.consent) == (
        RecordedFor.CONTACT,
        cast.facilitator,
        "Agreed on the phone on 3 May",
    )
    assert Entry.objects.filter(
        action=Action.MEMBER_JOINED, subject=gwen, actor=cast.facilitator
    ).exists()
    # Their reminders go on the facilitator's list of calls and letters.
    assert contact_preferences_for({gwen.pk})[gwen.pk].channel == "todo"
    page = client.get(response["Location"]).text
    assert "01632 960123" in page and "Chapel Row" in page
    assert "Agreed on the phone on 3 May" in page


def test_it_asks_for_the_number_or_address_it_will_use_and_how_they_agreed(client, cast):
    response = _add(client, cast, phone="", postal_address="", consent="")
    assert "Enter the phone number to call them on" in response.text
    assert "Enter the address to write to them at" in response.text
    assert "Say how they agreed to you keeping these details" in response.text
    assert not Membership.objects.filter(user__preferred_name="Gwen").exists()


def test_a_facilitator_cannot_add_a_commissioner_without_email(client, cast):
    response = _add(client, cast, role=Role.COMMISSIONER)
    assert response.status_code == 200
    assert not Membership.objects.filter(user__preferred_name="Gwen").exists()


def test_connecting_an_account_keeps_the_same_record(
    client, cast, django_capture_on_commit_callbacks
):
    _add(client, cast)
    membership = Membership.objects.get(user__preferred_name="Gwen")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("member-without-email", args=[cast.project.pk, membership.pk]),
            {"email": "gwen@example.org"},
        )
    invitation = Invitation.objects.get(email="gwen@example.org")
    assert invitation.claims == membership.user
    assert mail.outbox[-1].to == ["gwen@example.org"]

    client.logout()
    url = reverse("invitation-respond", args=[invitation.token])
    assert "Set up your account" in client.get(url).text
    response = client.post(url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302
    gwen = authenticate(email="gwen@example.org", password=PASSWORD)
    assert gwen is not None and gwen.pk == membership.user_id
    assert gwen.emailaddress_set.get().verified
    # The link works once.
    again = client.post(url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert again.status_code == 400


def test_an_address_that_already_has_an_account_is_refused(client, cast):
    _add(client, cast)
    make_user("gwen", "gwen@example.org")
    membership = Membership.objects.get(user__preferred_name="Gwen")
    response = client.post(
        reverse("member-without-email", args=[cast.project.pk, membership.pk]),
        {"email": "gwen@example.org"},
    )
    assert "already has an account" in response.text
    assert not Invitation.objects.exists()


def test_the_page_is_only_for_members_without_email(client, cast):
    client.force_login(cast.facilitator)
    pat = cast.membership(cast.person)
    url = reverse("member-without-email", args=[cast.project.pk, pat.pk])
    assert client.get(url).status_code == 404


def test_the_service_refuses_someone_who_may_not_add_members(cast):
    import pytest
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.member_add_without_email(
            project=cast.project,
            preferred_name="Gwen",
            full_name="",
            role=Role.PERSON,
            by_phone=True,
            by_post=False,
            phone="01632 960123",
            postal_address="",
            consent="Agreed",
            added_by=cast.person,
        )


def test_a_facilitator_records_their_access_needs_as_they_agreed_and_the_view_is_logged(
    client, cast
):
    from accessibility.models import NeedGroup, ProfileNeed, SharingConsent
    from tests.accessibility.helpers import ensure_catalogue

    ensure_catalogue()
    _add(client, cast)
    membership = Membership.objects.get(user__preferred_name="Gwen")
    group = NeedGroup.objects.get(needs__code="step-free")
    url = reverse("member-needs-on-behalf", args=[cast.project.pk, membership.pk, group.code])
    refused = client.post(url, {"step-free": "essential"})
    # The page speaks to the facilitator about Gwen, not to Gwen.
    assert f"{group.title}: what helps Gwen" in refused.text
    assert "Essential: they cannot take part without it" in refused.text
    assert "What helps you" not in refused.text and "I cannot take part" not in refused.text
    assert "Say how they agreed to you recording their needs" in refused.text
    assert not ProfileNeed.objects.filter(profile__user=membership.user).exists()
    client.post(url, {"step-free": "essential", "c-consent": "Agreed on the phone on 4 May"})
    assert ProfileNeed.objects.get(profile__user=membership.user).need.code == "step-free"
    assert SharingConsent.objects.get(user=membership.user, project=cast.project).level == (
        "everything"
    )
    assert RecordedOnBehalf.objects.filter(
        membership=membership, what=RecordedFor.ACCESS_NEEDS, recorded_by=cast.facilitator
    ).exists()
    client.get(url)
    assert Entry.objects.filter(
        action=Action.ACCESS_NEEDS_VIEWED, subject=membership.user, actor=cast.facilitator
    ).exists()
    # A commissioner adds members but does not see or record access needs.
    client.force_login(cast.commissioner)
    assert client.get(url).status_code == 403


def test_the_needs_page_speaks_about_the_member_in_welsh_too(client, cast):
    from accessibility.models import NeedGroup
    from tests.accessibility.helpers import ensure_catalogue

    ensure_catalogue()
    _add(client, cast)
    membership = Membership.objects.get(user__preferred_name="Gwen")
    group = NeedGroup.objects.get(needs__code="step-free")
    cast.facilitator.language = "cy"
    cast.facilitator.save(update_fields=["language"])
    from django.utils import translation

    with translation.override(translation.get_language()):
        page = client.get(
            reverse("member-needs-on-behalf", args=[cast.project.pk, membership.pk, group.code])
        ).text
        assert "beth sy'n helpu Gwen" in page
        assert "Hanfodol: dydyn nhw ddim yn gallu cymryd rhan hebddo" in page
