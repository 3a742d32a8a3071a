"""Long lists a page at a time: the GOV.UK pagination under a big project's members, followed
by keyboard, with axe on every page."""

import pytest

from projects.models import Role
from tests.base import PASSWORD, add_member, make_cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_pages_through_a_big_projects_members_by_keyboard(visitor):
    cast = make_cast()
    for _ in range(40):
        add_member(cast.project, Role.CARER)
    visitor.sign_in(cast.person.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/")
    visitor.follow_link("All members (45)")
    assert visitor.page.title().startswith("Members (page 1 of 2)")
    assert visitor.page.locator("tbody tr").count() == 25
    visitor.follow_link("Next page")
    assert visitor.page.title().startswith("Members (page 2 of 2)")
    assert visitor.page.locator("tbody tr").count() == 20
    current = visitor.page.get_by_role("navigation", name="Pages of members").locator(
        "[aria-current=page]"
    )
    assert current.inner_text() == "2"
    visitor.follow_link("Page 1", exact=True)
    assert visitor.page.locator("tbody tr").count() == 25
