"""Switching to Welsh in the header by keyboard; the Welsh pages pass axe with lang="cy", and
English words people wrote are marked lang="en" (docs/welsh.md). The switch is a plain form
with no script of its own (tests/accounts/test_language.py posts it without a browser)."""

import pytest

from accounts.models import User
from tests.base import PASSWORD, make_cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _lang(visitor) -> str:
    return visitor.page.locator("html").get_attribute("lang")


def test_switching_to_welsh_and_back(visitor):
    visitor.go("/privacy/")
    visitor.press_button("Cymraeg", exact=True)
    assert visitor.page.url.endswith("/privacy/")
    assert _lang(visitor) == "cy"
    assert visitor.page.get_by_role("heading", name="Hysbysiad preifatrwydd").is_visible()
    assert visitor.page.get_by_role("button", name="English").get_attribute("lang") == "en-gb"
    visitor.go("/accounts/login/")
    assert visitor.page.get_by_role("heading", name="Mewngofnodi").is_visible()
    visitor.press_button("English", exact=True)
    assert _lang(visitor) == "en-gb"


def test_a_person_who_chose_welsh_reads_the_portal_in_welsh(visitor):
    cast = make_cast()
    visitor.sign_in(cast.person.email, PASSWORD)
    visitor.press_button("Cymraeg", exact=True)
    assert User.objects.get(pk=cast.person.pk).language == "cy"
    project = f"/projects/{cast.project.pk}/"
    pages = ["/", project, "/access/", "/access/needs/venue/", "/accounts/profile/", "/reminders/"]
    for path in pages:
        visitor.go(path)
        assert _lang(visitor) == "cy", path
    # The summary was written only in English: marked so, with a note in Welsh.
    visitor.go(project)
    assert visitor.page.get_by_text("Dim ond yn Saesneg mae hwn ar gael").is_visible()
    summary = visitor.page.get_by_text("Redesigning short breaks with carers.")
    assert summary.evaluate("el => el.closest('[lang]').lang") == "en"
