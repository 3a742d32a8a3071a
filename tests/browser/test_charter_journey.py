"""The charter journeys, by keyboard alone, with axe on every page (issue: charters, Done when 1).

A facilitator publishes version 1; three members sign it, one of them through a signature the
facilitator witnessed; the charter is in force; version 2 is published and it waits again. Then
the pages the first journey does not reach: withdrawing agreement, and activating a project
before its charter is in force.
"""

import re

import pytest

from charters.models import ActivationOverride, CharterVersion, Comment, Signature, Withdrawal
from projects.models import ProjectStatus, Role
from tests.base import PASSWORD, add_member, make_project, make_user
from tests.charters.helpers import publish, sign_all

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_publish_sign_witness_in_force_and_a_new_version(visitor):
    page = visitor.page
    cora = make_user("cora")
    project = make_project(cora)
    fred, pat, cam = (make_user(name) for name in ("fred", "pat", "cam"))
    add_member(project, Role.FACILITATOR, fred)
    add_member(project, Role.PERSON, pat)
    add_member(project, Role.CARER, cam)
    project_url = f"/projects/{project.pk}/"

    # Pat reads the starting draft and comments on the payment section.
    visitor.sign_in(pat.email, PASSWORD)
    visitor.go(project_url)
    assert page.get_by_text("The charter has not been published yet.").is_visible()
    visitor.follow_link("Charter", exact=True)
    visitor.follow_link("Read the draft and comment on it")
    # The section's name is visually hidden, for screen readers listing the page's links.
    visitor.follow_link(re.compile(r"Comment on this section\W+Payment and expenses"))
    visitor.press_button("Add comment")  # empty: the error summary, checked by axe too
    assert page.get_by_text("There is a problem").is_visible()
    visitor.type_into("Your comment", "Can expenses be paid on the day, in cash?")
    visitor.press_button("Add comment")
    assert page.get_by_text("Your comment is on the draft").is_visible()
    visitor.sign_out()

    # Fred changes the draft from the comment, marks it dealt with, and publishes version 1.
    visitor.sign_in(fred.email, PASSWORD)
    visitor.go(project_url)
    visitor.follow_link("Charter", exact=True)
    visitor.follow_link("The draft and comments")
    visitor.follow_link("Edit the draft")
    visitor.type_into(
        "Words",
        "We pay expenses on the day, in cash if people prefer.",
        exact=True,
        group="Payment and expenses",
    )
    visitor.press_button("Save draft")
    visitor.press_button("Mark as dealt with")
    assert page.get_by_text("Comment marked as dealt with").is_visible()
    visitor.follow_link("Publish as version 1")
    visitor.choose("The members have seen this draft and had the chance to comment on it")
    visitor.press_button("Publish")
    assert page.get_by_text("Version 1 published").is_visible()
    assert page.get_by_text("Waiting for 4 of 4 signatures on version 1.").is_visible()

    # Fred signs; a first try without ticking "I agree" shows the error summary.
    visitor.follow_link("Sign version 1")
    visitor.type_into("Type your name", "Fred Jones")
    visitor.press_button("Sign the charter")
    assert page.get_by_text("Tick the box to say you agree to the charter").first.is_visible()
    visitor.choose("I agree to this charter")
    visitor.press_button("Sign the charter")
    assert page.get_by_text("You have signed the charter").is_visible()

    # Cam agreed on the phone: Fred records it as a witness.
    visitor.follow_link("Record a signature given in person, by phone or on paper")
    visitor.choose("Cam (Carer)")
    visitor.type_into("Their name, as it should appear on the charter", "Cam Smith")
    visitor.choose("Agreed by phone")
    visitor.type_into("Note (optional)", "We read it together on the phone.")
    visitor.choose("I confirm this person told me they agree to this version of the charter")
    visitor.press_button("Record signature")
    assert page.get_by_text("Signature for Cam recorded").is_visible()
    visitor.sign_out()

    # Pat and Cora sign online; Pat is asked to on the project page.
    for member, name in [(pat, "Pat Green"), (cora, "Cora Brown")]:
        visitor.sign_in(member.email, PASSWORD)
        visitor.go(project_url)
        assert page.get_by_text("Please read and sign the charter.").is_visible()
        visitor.follow_link("Read the charter")
        visitor.follow_link("Sign version 1")
        visitor.choose("I agree to this charter")
        visitor.type_into("Type your name", name)
        visitor.press_button("Sign the charter")
        assert page.get_by_text("You have signed the charter").is_visible()
        if member == pat:
            visitor.sign_out()

    # Every member has signed: the charter is in force, and the commissioner can activate.
    assert page.get_by_text("has been in force since").is_visible()
    visitor.follow_link("Printable charter with signatures")
    assert page.get_by_role("cell", name="Cam Smith").is_visible()
    visitor.go(project_url)
    assert page.get_by_text("In force since").is_visible()
    visitor.follow_link("Edit project details")
    visitor.choose("Active", exact=True)
    visitor.press_button("Save")
    assert page.get_by_text("Project details saved").is_visible()
    visitor.sign_out()

    # Cam, who signed through Fred, sees the charter in force and his signature.
    visitor.sign_in(cam.email, PASSWORD)
    visitor.go(project_url)
    visitor.follow_link("Read the charter")
    assert page.get_by_text("witnessed by Fred").is_visible()
    visitor.sign_out()

    # Fred publishes version 2: the charter waits for everyone again.
    visitor.sign_in(fred.email, PASSWORD)
    visitor.go(project_url)
    visitor.follow_link("Charter", exact=True)
    visitor.follow_link("The draft and comments")
    visitor.follow_link("Edit the draft")
    visitor.type_into(
        "Words",
        "We pay expenses on the day, in cash or by bank transfer.",
        exact=True,
        group="Payment and expenses",
    )
    visitor.press_button("Save draft")
    visitor.follow_link("Publish as version 2")
    visitor.choose("The members have seen this draft and had the chance to comment on it")
    visitor.type_into("What has changed? (optional)", "Bank transfer added.")
    visitor.press_button("Publish")
    assert page.get_by_text("Waiting for 4 of 4 signatures on version 2.").is_visible()
    visitor.follow_link("What changed between versions")
    assert page.locator("ins", has_text="bank transfer.").is_visible()
    visitor.follow_link("Charter", exact=True)
    visitor.follow_link("All versions")
    visitor.follow_link("Version 1")
    assert page.get_by_text("This version has been replaced by version 2.").is_visible()
    visitor.sign_out()

    # A professional who joins now is asked to read and sign version 2.
    priya = add_member(project, Role.PROFESSIONAL, make_user("priya")).user
    visitor.sign_in(priya.email, PASSWORD)
    visitor.go(project_url)
    assert page.get_by_text("Waiting for 5 of 5 signatures on version 2.").is_visible()
    assert page.get_by_text("Please read and sign the charter.").is_visible()
    visitor.follow_link("Read the charter")
    visitor.follow_link("Sign version 2")

    assert CharterVersion.objects.count() == 2
    assert Signature.objects.filter(version__number=1).count() == 4
    assert Signature.objects.get(member=cam).witnessed_by == fred
    assert Comment.objects.get().dealt_with_by == fred
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACTIVE
    assert len(visitor.pages_checked) > 30


def test_a_member_withdraws_and_a_commissioner_activates_with_a_reason(visitor):
    page = visitor.page
    cora = make_user("cora")
    project = make_project(cora)
    add_member(project, Role.FACILITATOR, make_user("fred"))
    pat = add_member(project, Role.PERSON, make_user("pat")).user
    sign_all(project, publish(project, project.created_by))
    project_url = f"/projects/{project.pk}/"

    # Pat no longer agrees, and says why.
    visitor.sign_in(pat.email, PASSWORD)
    visitor.go(project_url)
    visitor.follow_link("Read the charter")
    visitor.follow_link("I no longer agree")
    visitor.type_into("Why do you no longer agree? (optional)", "Meetings are too early.")
    visitor.press_button("I no longer agree")
    assert page.get_by_text("You no longer agree to version 1.", exact=True).is_visible()
    assert page.get_by_text("Waiting for 1 of 3 signatures on version 1.").is_visible()
    visitor.sign_out()

    # Cora makes the project active anyway, recording why.
    visitor.sign_in(cora.email, PASSWORD)
    visitor.go(project_url)
    visitor.follow_link("Charter", exact=True)
    visitor.follow_link("Make the project active without waiting")
    visitor.press_button("Make the project active")  # no reason: the error summary
    assert page.get_by_text("Enter the reason for making the project active now").first.is_visible()
    visitor.type_into(
        "Why must the project become active before everyone has signed?",
        "The council's funding for the first meeting starts this week.",
    )
    visitor.press_button("Make the project active")
    assert page.get_by_text("The project is now active").is_visible()
    visitor.follow_link("Charter", exact=True)
    assert page.get_by_text("before the charter was in force, because:").is_visible()

    project.refresh_from_db()
    assert project.status == ProjectStatus.ACTIVE
    assert Withdrawal.objects.get().reason == "Meetings are too early."
    assert ActivationOverride.objects.get().recorded_by == cora
