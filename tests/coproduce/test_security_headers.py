"""Production headers: a Content Security Policy with no inline script or style, and a
permissions policy. The browser tests (tests/browser/helpers.py) fail on anything the policy
blocks; this checks the policy itself and that no template relies on inline code."""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# Emails are read in mail programs, not under the portal's policy, and need inline styles.
EMAIL_FOLDERS = ("emails", "reminders/email")


def test_every_page_carries_a_strict_content_security_policy(client):
    policy = client.get("/", HTTP_HOST="127.0.0.1")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy


def test_every_page_carries_a_permissions_policy(client):
    policy = client.get("/", HTTP_HOST="127.0.0.1")["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy


def _page_templates():
    for path in TEMPLATES.rglob("*.html"):
        relative = path.relative_to(TEMPLATES).as_posix()
        if not relative.startswith(EMAIL_FOLDERS):
            yield relative, path.read_text()


def test_no_page_template_has_inline_script_style_or_event_handlers():
    inline = re.compile(r"<script(?![^>]*\bsrc=)|<style|\sstyle=|\son[a-z]+=", re.IGNORECASE)
    offenders = [name for name, text in _page_templates() if inline.search(text)]
    assert offenders == []


def test_a_session_ends_after_two_hours_without_a_request_and_activity_renews_it(client, cast):
    start = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        client.force_login(cast.person)
    home = reverse("home")
    with time_machine.travel(start + timedelta(hours=1, minutes=50), tick=False):
        assert "Sign out" in client.get(home).text  # still signed in; the session renews
    with time_machine.travel(start + timedelta(hours=3, minutes=40), tick=False):
        assert "Sign out" in client.get(home).text  # 1h50 after the last request
    with time_machine.travel(start + timedelta(hours=5, minutes=41), tick=False):
        assert "Sign out" not in client.get(home).text  # 2h01 idle: signed out


def test_reading_pages_does_not_write_the_session_each_time(
    client, cast, django_assert_num_queries
):
    client.force_login(cast.person)
    # user, whether they commission (the header), the page's entries: no session write
    # within a minute of the last one
    with django_assert_num_queries(3):
        client.get(reverse("my-activity"), HTTP_HOST="127.0.0.1")
