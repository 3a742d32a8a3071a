"""From review to change, in a browser with axe on every page: the commissioner opens the
portfolio from the header, filters it and downloads the CSV, and reads the impact report; the
facilitator records what changed when marking an action done; the person reads "You said, we
did" and is told what changed."""

import csv
import re
from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.utils.timezone import localdate

from reminders.services import reminders_tick
from tests.base import LONDON, PASSWORD, make_cast
from tests.outcomes.helpers import busy_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_review_to_change(visitor):
    cast = make_cast()
    busy_project(cast.commissioner, project=cast.project)
    page = visitor.page

    visitor.sign_in(cast.commissioner.email, PASSWORD)
    visitor.go("/")
    visitor.follow_link("Portfolio", exact=True)
    assert page.get_by_role("link", name="Short breaks", exact=True).is_visible()
    assert page.get_by_text("1 of 2 essential needs arranged").is_visible()
    visitor.choose("Only projects with overdue actions")
    visitor.press_button("Show projects")
    assert "overdue=1" in page.url
    assert page.get_by_text("1 open, 1 overdue").is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these projects as a spreadsheet (CSV)").click()
    with open(download.value.path(), encoding="utf-8-sig") as file:
        header, row = list(csv.reader(file))
    assert dict(zip(header, row, strict=True))["Actions overdue"] == "1"
    visitor.follow_link(re.compile(r"^Impact report\W+Short breaks$"))
    assert page.get_by_role("heading", name="Impact report").is_visible()
    visitor.follow_link("You said, we did")
    visitor.sign_out()

    visitor.sign_in(cast.facilitator.email, PASSWORD)
    visitor.go(f"/projects/{cast.project.pk}/impact/")
    visitor.go(f"/projects/{cast.project.pk}/you-said-we-did/")
    visitor.follow_link("Update or mark done")
    visitor.choose("Done", exact=True)
    visitor.press_button("Save action")
    # Done needs what changed: the error summary says so, and nothing is saved.
    assert page.get_by_role(
        "link", name="Say what changed before you mark the action done"
    ).is_visible()
    visitor.type_into(
        "What changed? (needed once it is done)", "Two meetings a month are now at 6pm."
    )
    visitor.type_into("Easy read version (optional)", "Some meetings are in the evening now.")
    visitor.press_button("Save action")
    assert page.get_by_text("Action saved").is_visible()
    visitor.go(f"/projects/{cast.project.pk}/you-said-we-did/")
    assert page.get_by_text("Two meetings a month are now at 6pm.").is_visible()
    visitor.sign_out()

    # Tomorrow at noon: the notice waits for the end of quiet hours if the suite runs late.
    reminders_tick(now=datetime.combine(localdate() + timedelta(days=1), time(12), LONDON))
    assert any("Two meetings a month are now at 6pm." in m.body for m in mail.outbox)
    visitor.sign_in(cast.person.email, PASSWORD)
    visitor.follow_link("Short breaks")
    visitor.follow_link("You said, we did")
    assert page.get_by_text("Two meetings a month are now at 6pm.").is_visible()
    page.get_by_text("Easy read").first.click()
    assert page.get_by_text("Some meetings are in the evening now.").is_visible()
    visitor.check()
    # Not the person's to see: the impact report is for the board.
    visitor.go(f"/projects/{cast.project.pk}/impact/")
    assert page.get_by_role("heading", name="You cannot do this").is_visible()
    visitor.go("/portfolio/")
    assert page.get_by_text("You do not commission any projects.").is_visible()
    assert not page.get_by_role("link", name="Portfolio", exact=True).count()
