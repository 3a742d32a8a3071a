"""A member without email, by keyboard with axe on every page: a facilitator adds them with
their agreement, sees how to reach them, and later sends a link that turns the same record
into their own account, which they then sign in with."""

import pytest

from accessibility.models import NeedGroup, ProfileNeed
from projects.models import Membership
from tests.accessibility.helpers import ensure_catalogue
from tests.base import PASSWORD, make_cast
from tests.browser.helpers import link_in_last_email

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_without_email_is_added_reached_by_post_and_later_signs_in(visitor):
    cast = make_cast()
    ensure_catalogue()
    page = visitor.page

    visitor.sign_in(cast.facilitator.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/members/")
    visitor.follow_link("Add someone without email")
    visitor.press_button("Add member")
    assert page.get_by_text("There is a problem").is_visible()
    visitor.type_into("What should we call them?", "Gwen")
    visitor.choose("Carer", exact=True)
    visitor.choose("Post", exact=True)
    visitor.type_into("Postal address (optional)", "2 Chapel Row\nLlanfair")
    visitor.type_into("How did they agree", "Agreed at the drop-in on 3 May")
    visitor.press_button("Add member")
    assert page.get_by_role("heading", name="Gwen").is_visible()
    assert page.get_by_text("Agreed at the drop-in on 3 May").is_visible()
    # Her access needs, as she told the facilitator, shared with the project as she agreed.
    visitor.follow_link(NeedGroup.objects.get(needs__code="step-free").title)
    step_free = page.get_by_role("group", name="Step-free access")
    visitor.tab_to(step_free.get_by_label("They do not need this"))
    page.keyboard.press("ArrowDown")
    assert step_free.get_by_label("Essential", exact=False).is_checked()
    visitor.type_into("How did they agree to you recording", "Agreed at the drop-in")
    visitor.press_button("Save", exact=True)
    assert ProfileNeed.objects.filter(profile__user__preferred_name="Gwen").count() == 1
    visitor.go(f"/projects/{cast.project.pk}/members/")
    assert page.get_by_text("No email").is_visible()
    visitor.follow_link("Gwen")
    visitor.type_into("Their email address", "gwen@example.org")
    visitor.press_button("Send the link")
    assert page.get_by_text("We have emailed gwen@example.org").is_visible()
    visitor.sign_out()

    visitor.go(link_in_last_email("gwen@example.org"))
    visitor.type_into("New password", PASSWORD, exact=True)
    visitor.type_into("New password confirmation", PASSWORD)
    visitor.press_button("Set up my account")
    assert page.get_by_text("Your account is ready").is_visible()
    visitor.sign_in("gwen@example.org", PASSWORD)
    assert Membership.objects.get(project=cast.project, user__email="gwen@example.org").is_active
    visitor.go(f"/projects/{cast.project.pk}/")
    assert page.get_by_role("heading", name="Short breaks").is_visible()
