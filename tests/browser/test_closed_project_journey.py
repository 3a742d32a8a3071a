"""A closed project, by keyboard with axe on every page: members read it under a banner, a
change is refused with a page that says why, and the commissioner opens it again."""

import pytest

from projects.models import Project, ProjectStatus
from tests.base import PASSWORD, make_cast, make_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_closed_project_is_read_only_until_its_commissioner_opens_it(visitor):
    cast = make_cast()
    meeting = make_meeting(cast.project, days_from_now=5)
    Project.objects.filter(pk=cast.project.pk).update(status=ProjectStatus.CLOSED)
    page = visitor.page
    path = f"/projects/{cast.project.pk}/meetings/{meeting.pk}/"

    visitor.sign_in(cast.person.email, PASSWORD)
    visitor.go(path)
    assert page.get_by_text("This project is closed. You can read everything").is_visible()
    visitor.follow_link("Answer")
    visitor.choose("Yes, I am coming")
    visitor.press_button("Save answer")
    assert page.get_by_role("heading", name="This project is closed").is_visible()
    assert not meeting.attendances.exists()
    visitor.sign_out()

    visitor.sign_in(cast.commissioner.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/edit/")
    visitor.press_button("Open the project again")
    assert page.get_by_text("The project is open again").is_visible()
    assert Project.objects.get(pk=cast.project.pk).status == ProjectStatus.ACTIVE
