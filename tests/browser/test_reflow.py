"""Reflow at 320 CSS px (WCAG 1.4.10; issue 19, part 4): every page of the permission matrix,
opened by every role that may open it, is no wider than the screen, so nothing scrolls
sideways but a table in its own labelled region. The journeys check the pages they visit the
same way (tests/browser/helpers.py, `assert_reflows`); this test reaches every page, with the
wider content a page has once people have said things: members, access needs, answers."""

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from accessibility.models import AccessProfile
from projects.models import Attendance, Role, Rsvp
from tests.accessibility.helpers import give_needs, share
from tests.base import Client, make_cast, make_meeting
from tests.browser.helpers import NARROWEST
from tests.test_permission_matrix import RULES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = "document.documentElement.scrollWidth"


def _a_project_with_things_to_show(cast):
    meeting = make_meeting(cast.project, title="A meeting with a rather long title about it")
    # Not the person: the matrix's own arrangement (tests/accessibility/permissions.py) is theirs.
    for user in (cast.carer, cast.professional):
        give_needs(user, ("step-free", "essential", "A ramp"), ("breaks", "negotiable", ""))
        share(user, cast.project, "everything")
        Attendance.objects.create(meeting=meeting, user=user, rsvp=Rsvp.YES)


def _signed_in_page(browser, live_server, user, large_print=False):
    if large_print:
        AccessProfile.objects.update_or_create(user=user, defaults={"format": "large_print"})
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": NARROWEST, "height": 800})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context.new_page()


def _too_wide(page, live_server, cast, roles) -> list[str]:
    found = []
    for name, rule in sorted(RULES.items()):
        if rule.method != "get" or rule.ok != 200 or not (rule.signed_in or roles & rule.roles):
            continue
        url = live_server.url + reverse(name, kwargs=rule.kwargs(cast))
        try:
            response = page.goto(url)
        except PlaywrightError as error:
            if "Download is starting" in error.message:
                continue  # a download: a calendar file, a CSV, a PDF
            raise
        if "text/html" not in response.headers.get("content-type", ""):
            continue  # a file the browser shows rather than downloads
        width = page.evaluate(WIDTH)
        if width > NARROWEST:
            found.append(f"{name} ({page.url}): {width}px")
    return found


@pytest.mark.parametrize("role", list(Role))
def test_no_page_scrolls_sideways_at_320px(browser, live_server, role):
    cast = make_cast()
    _a_project_with_things_to_show(cast)
    page = _signed_in_page(browser, live_server, cast.member(role))
    assert not _too_wide(page, live_server, cast, {role})
    page.context.close()


def test_no_page_scrolls_sideways_at_320px_in_large_print(browser, live_server):
    cast = make_cast()
    _a_project_with_things_to_show(cast)
    page = _signed_in_page(browser, live_server, cast.person, large_print=True)
    assert "app-large-print" in page.goto(live_server.url + "/").text()
    assert not _too_wide(page, live_server, cast, {Role.PERSON})
    page.context.close()
