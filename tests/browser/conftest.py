import time
from collections.abc import Iterator

import pytest
import time_machine

from tests.browser.helpers import Visitor
from tests.services import require_browser

LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium, launched by path: `playwright install` would download a browser.
    return {
        **browser_type_launch_args,
        "executable_path": require_browser(),
        "args": LAUNCH_ARGS,
    }


@pytest.fixture
def visitor(page, live_server, settings) -> Iterator[Visitor]:
    # Links in emails sent by background jobs must point at the test server.
    settings.SITE_URL = live_server.url
    page.set_default_timeout(10_000)
    # A ticking clock that starts now, so sign-ins can move it to the next authenticator
    # window instead of sleeping (Visitor.authenticator_code).
    with time_machine.travel(time.time(), tick=True) as clock:
        yield Visitor(page, live_server.url, clock)
