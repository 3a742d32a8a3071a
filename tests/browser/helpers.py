"""Driving pages as a keyboard user would, with an accessibility check on every page."""

import re
import time
from types import SimpleNamespace

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import is_mfa_enabled
from axe_playwright_python.base import AXE_SCRIPT, AxeResults
from django.conf import settings
from django.core import mail
from django.urls import reverse
from playwright.sync_api import ElementHandle, Locator, Page
from time_machine import Traveller

from accounts.models import User
from tests.base import TOTP_SECRET, Client

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Every rule of those tags runs and every violation comes back in full; "resultTypes" only
# spares axe listing each passing and inapplicable element, which was half of a check's time.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
# WCAG 1.4.10 Reflow: content is usable at 320 CSS pixels wide without scrolling sideways.
NARROWEST = 320
# A digest of the page's markup less the parts that differ on every response although the
# page is the same (CSRF token values, CSP nonces), made in the page: sending the markup over
# costs more than the digest.
MARKUP_DIGEST = """async () => {
    const markup = document.documentElement.outerHTML.replace(
        /(name="csrfmiddlewaretoken" value|nonce)="[^"]*"/g, '$1=""');
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(markup));
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}"""
# What axe's rules see of a page, without its words: each kind of element (its tag, its
# parent's, its attributes, the values of those that change what it is, like role, type,
# class or lang, and whether each text, name or reference is empty), which heading levels
# come in which order, and whether an id is used twice. A list of 3 claims and one of 30, or
# a page before and after a name in it changed, look the same to axe, so axe checks only the
# first of them; a page that shows something new (a table, an error, a button) is checked.
STRUCTURE_DIGEST = """async () => {
    const valued = new Set(["role", "type", "class", "lang", "scope", "tabindex",
        "aria-hidden", "aria-live", "aria-current", "aria-expanded", "hidden", "disabled",
        "open", "multiple", "autocomplete", "inputmode", "dir", "colspan", "rowspan"]);
    const kinds = new Set();
    const ids = new Set();
    let twice = false;
    for (const el of document.querySelectorAll("*")) {
        const attrs = Array.from(el.attributes, (a) =>
            valued.has(a.name) ? `${a.name}=${a.value}` : `${a.name}${a.value ? "+" : "-"}`);
        const text = Array.from(el.childNodes).some(
            (n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
        kinds.add(`${el.parentElement ? el.parentElement.tagName : ""}>${el.tagName}` +
            `[${attrs.sort().join(" ")}]${text ? "t" : ""}`);
        if (el.id) {
            twice = twice || ids.has(el.id);
            ids.add(el.id);
        }
    }
    const headings = Array.from(
        document.querySelectorAll("h1, h2, h3, h4, h5, h6"), (h) => h.tagName).join("");
    const structure = [...kinds].sort().join("\\n") + headings + twice;
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(structure));
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}"""
# The pages this process has checked: axe by STRUCTURE_DIGEST, reflow (which long words can
# break) by MARKUP_DIGEST, each with the window's size.
already_checked: set[tuple[str, str, int, int]] = set()
# Enough Tab presses to reach anything on the longest page.
MAX_PRESSES = 150
# Where the focus is, seen from the element `el` a keyboard user is tabbing to (or, with a
# name, from the group of radio buttons of that name): one round trip after each Tab press.
FOCUS = """(el, radios) => {
    const focus = document.activeElement;
    if (focus === el || (radios && focus && focus.type === "radio" && focus.name === radios)) {
        return "reached";
    }
    if (!focus || focus === document.body) return "nowhere";
    const after = focus.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING;
    return after ? "ahead" : "behind";
}"""


def assert_accessible(page: Page) -> None:
    """Runs axe-core (bundled by axe-playwright-python), which the Visitor loads into every
    page as it opens rather than sending its half a megabyte over for each check."""
    results = AxeResults(page.evaluate("options => axe.run(document, options)", AXE_OPTIONS))
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def assert_reflows(page: Page) -> None:
    """At 320 CSS px wide the page itself never scrolls sideways: wide tables stack or scroll
    inside their own region. The window is narrowed for the measurement and put back, so the
    journey carries on at its own size."""
    size = page.viewport_size
    page.set_viewport_size({"width": NARROWEST, "height": size["height"]})
    try:
        width = page.evaluate("document.documentElement.scrollWidth")
    finally:
        page.set_viewport_size(size)
    assert width <= NARROWEST, f"{page.url} is {width}px wide at {NARROWEST}px: it scrolls sideways"


class Visitor:
    """A person at the keyboard. Every page they reach is checked with axe, and for reflow at
    320px."""

    def __init__(self, page: Page, base_url: str, clock: Traveller):
        self.page = page
        self.base_url = base_url
        # The test's clock (time-machine, ticking), which the live server reads too.
        self.clock = clock
        # The authenticator window whose code each person last used.
        self.codes_used: dict[str, int] = {}
        self.pages_checked: list[str] = []
        # Whether the form has signed someone in with an authenticator app (True) and without
        # one (False) in this journey; and whether the button has signed someone out.
        self.signed_in_by_form: set[bool] = set()
        self.signed_out_by_form = False
        page.add_init_script(script=AXE_SCRIPT)
        # The browser reports what the Content Security Policy blocked on its console.
        self.blocked: list[str] = []
        page.on(
            "console",
            lambda message: (
                self.blocked.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )

    def check(self) -> None:
        assert not self.blocked, f"{self.page.url}: {self.blocked}"
        size = self.page.viewport_size
        structure = ("axe", self.page.evaluate(STRUCTURE_DIGEST), size["width"], size["height"])
        if structure not in already_checked:
            assert_accessible(self.page)
            already_checked.add(structure)
        markup = ("reflow", self.page.evaluate(MARKUP_DIGEST), size["width"], size["height"])
        if markup not in already_checked:
            assert_reflows(self.page)
            already_checked.add(markup)
        self.pages_checked.append(self.page.url)

    def go(self, path_or_url: str) -> None:
        url = path_or_url if path_or_url.startswith("http") else self.base_url + path_or_url
        self.page.goto(url)
        self.check()

    def _tab_until(self, element: ElementHandle, radios: str | None = None) -> None:
        """Press Tab until `element` (or, with `radios`, any radio button of that name) has
        focus. A keyboard user filling in a form tabs on from the field they just left: so
        does this when the element comes after the focus on the page; otherwise, or when Tab
        passes it by, it starts again from the top of the page. Fails if the element cannot
        be reached that way."""
        element.wait_for_element_state("visible")
        where = element.evaluate(FOCUS, radios)
        if where == "ahead":
            for _ in range(MAX_PRESSES):
                self.page.keyboard.press("Tab")
                where = element.evaluate(FOCUS, radios)
                if where != "ahead":
                    break
            if where == "reached":
                return
        self.page.evaluate("document.activeElement && document.activeElement.blur()")
        self.page.evaluate("window.scrollTo(0, 0)")
        for _ in range(MAX_PRESSES):
            self.page.keyboard.press("Tab")
            if element.evaluate(FOCUS, radios) == "reached":
                return
        raise AssertionError(f"could not reach {radios or element} with the Tab key")

    def tab_to(self, target: Locator) -> None:
        """Press Tab until `target` has focus, as a keyboard user would; fails if the element
        cannot be reached that way."""
        self._tab_until(target.element_handle())

    def type_into(
        self, label: str | re.Pattern, text: str, exact: bool = False, group: str | None = None
    ) -> None:
        """Type into the field with this label (inside the fieldset with legend `group`)."""
        scope = self.page.get_by_role("group", name=group, exact=True) if group else self.page
        field = scope.get_by_label(label, exact=exact)
        self.tab_to(field)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.type(text)

    def choose(self, label: str | re.Pattern, exact: bool = False) -> None:
        """Tick a checkbox with the space bar, or select a radio button as a keyboard user
        does: Tab into its group, then arrow keys to the option."""
        option = self.page.get_by_label(label, exact=exact)
        if option.get_attribute("type") != "radio":
            self.tab_to(option)
            if not option.is_checked():
                self.page.keyboard.press("Space")
            return
        self.choose_radio(option)

    def choose_radio(self, option: Locator) -> None:
        """Tab into the radio button's group, then arrow keys to it and Space."""
        element = option.element_handle()
        name = element.get_attribute("name")
        self._tab_until(element, radios=name)
        focused = "el => el === document.activeElement"
        for _ in range(self.page.locator(f'input[name="{name}"]').count()):
            if element.evaluate(focused):
                break
            self.page.keyboard.press("ArrowDown")
        assert element.evaluate(focused), f"could not reach {option} with the arrow keys"
        self.page.keyboard.press("Space")
        assert element.is_checked()

    def press_button(self, name: str | re.Pattern, exact: bool = False) -> None:
        """Activate a button (or a link styled as one) with Enter, then check the new page."""
        self._activate(
            self.page.get_by_role("button", name=name, exact=exact),
            self.page.get_by_role("link", name=name, exact=exact),
        )

    def follow_link(self, name: str | re.Pattern, exact: bool = False) -> None:
        """Follow a link, preferring one in the page's main content to one in the menus."""
        self._activate(
            self.page.locator("main").get_by_role("link", name=name, exact=exact),
            self.page.get_by_role("link", name=name, exact=exact),
        )

    def _activate(self, preferred: Locator, otherwise: Locator) -> None:
        """Tab to the first element `preferred` finds, else to the first `otherwise` finds
        (waiting for it), press Enter, and check the page that opens."""
        found = preferred.element_handles()
        self._tab_until(found[0] if found else otherwise.first.element_handle())
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")
        self.check()

    def sign_in(self, email: str, password: str) -> None:
        """Sign in through the form by keyboard: email, password and, for those with an
        authenticator app, its code. Each journey does that the first time for each way in
        (with the app and without it); when it later moves on to another person signing in
        the same way, they sign in as the form would have signed them in, by a session of
        their own, which spares the 2 or 3 pages the form already showed (and checked)."""
        user = User.objects.get(email__iexact=email)
        with_app = is_mfa_enabled(user)
        if with_app not in self.signed_in_by_form:
            self.signed_in_by_form.add(with_app)
            self._sign_in_by_form(email, password)
            return
        assert user.is_active and user.check_password(password), f"{email} cannot sign in"
        assert user.emailaddress_set.filter(verified=True).exists(), f"{email} is not verified"
        client = Client()  # with the authenticator app's record, for those who have one
        client.force_login(user)
        session = client.session
        record_authentication(SimpleNamespace(session=session), user, "password", email=email)
        session.save()
        self.page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session.session_key,
                    "url": self.base_url,
                }
            ]
        )
        self.go(reverse(settings.LOGIN_REDIRECT_URL))

    def _sign_in_by_form(self, email: str, password: str) -> None:
        self.go("/accounts/login/")
        self.type_into("Email", email)
        self.type_into("Password", password)
        self.press_button("Sign in", exact=True)
        if "/2fa/authenticate/" in self.page.url:
            # Commissioners and facilitators have an authenticator app (tests/base.py).
            self.type_into("Code", self.authenticator_code(email), exact=True)
            self.press_button("Sign in", exact=True)

    def sign_out(self) -> None:
        """Sign out with the button, the first time in a journey; after that by forgetting
        the session, as signing out does in the browser, landing where signing out lands."""
        if self.signed_out_by_form:
            self.page.context.clear_cookies(name=settings.SESSION_COOKIE_NAME)
            self.go("/")
            return
        self.signed_out_by_form = True
        self.go("/accounts/logout/")
        self.press_button("Sign out", exact=True)

    def authenticator_code(self, email: str) -> str:
        """The code the person's authenticator app shows now. A code works once, and only in
        its 30-second window: if this person already used this window's code, or the window
        ends before a slow browser could submit it, move on to the next window, as a person
        would wait for it. The clock is moved rather than waited for, as the server reads
        the same clock: the code is checked against the window it was made in, without
        sleeping up to 30 seconds."""
        window = int(time.time()) // 30
        if self.codes_used.get(email) == window or 30 - time.time() % 30 < 15:
            self.clock.shift(30 - time.time() % 30 + 0.1)
            window = int(time.time()) // 30
        self.codes_used[email] = window
        return format_hotp_value(hotp_value(TOTP_SECRET, window))


def link_in_last_email(to: str) -> str:
    """The first web address in the newest email sent to `to`."""
    message = next(m for m in reversed(mail.outbox) if to in m.to)
    return re.search(r"https?://\S+", message.body).group(0)
