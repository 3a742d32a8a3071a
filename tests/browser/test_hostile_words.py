"""Hostile words in a real browser: pages that show them open no dialog and run nothing (the
Content Security Policy reports nothing blocked, which the Visitor checks on every page)."""

import pytest

from tests.base import PASSWORD, make_cast
from tests.fuzz.test_hostile_text import hostile_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pages_with_hostile_words_open_no_dialog(visitor):
    cast = make_cast()
    ids = hostile_world(cast)
    dialogs = []
    visitor.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    visitor.sign_in(cast.facilitator.email, PASSWORD)
    project, meeting = ids["project_id"], ids["meeting_id"]
    for path in [
        f"/projects/{project}/",
        f"/projects/{project}/meetings/{meeting}/",
        f"/projects/{project}/charter/",
        f"/projects/{project}/members/",
    ]:
        visitor.go(path)
        assert "<script>alert(1)</script>" in visitor.page.content().replace("&lt;", "<").replace(
            "&gt;", ">"
        )
    assert dialogs == []
