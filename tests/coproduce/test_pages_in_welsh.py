"""Every page of the permission matrix (tests/matrix.py), read in Welsh by a person who draws
on care and support and by a facilitator, shows none of the portal's own English.

"The portal's own English" is every msgid of the Welsh catalogues whose Welsh differs: a
phrase of three words or more from it (the literal text between placeholders and tags) found
in the page's text, or in its labels for assistive technology, is English left untranslated,
usually a string not marked for translation. Text marked lang="en" (user-written content with
no Welsh version, docs/welsh.md) is not the portal's own and is skipped."""

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from projects.models import Role
from tests.base import make_cast
from tests.test_permission_matrix import RULES

READERS = [Role.PERSON, Role.FACILITATOR]
CATALOGUES = [
    Path(settings.BASE_DIR) / "locale" / "cy" / "LC_MESSAGES" / "django.po",
    Path(settings.BASE_DIR) / "locale-libraries" / "cy" / "LC_MESSAGES" / "django.po",
]
# Placeholders (%(name)s, %s, %d, {name}) and HTML tags split a msgid into literal phrases.
_SPLIT = re.compile(r"%\(\w+\)[sdr]|%[sdr%]|\{\w*\}|<[^>]+>")
_LABELS = ("aria-label", "title", "alt", "placeholder")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


def _words(text: str) -> str:
    return " ".join(text.split())


@cache
def english_phrases() -> frozenset[str]:
    phrases = set()
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            if entry.obsolete or entry.msgstr == entry.msgid:
                continue
            for piece in _SPLIT.split(entry.msgid):
                phrase = _words(piece).strip(" .,:;()")
                if len(phrase.split()) >= 3:
                    phrases.add(phrase)
    return frozenset(phrases)


class _PageText(HTMLParser):
    """The text a person meets: visible text and labels, outside scripts, styles and
    elements marked lang="en"."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.stack: list[bool] = []  # per open element: skipped?

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skipped = bool(self.stack and self.stack[-1])
        skipped = skipped or tag in ("script", "style") or attrs.get("lang", "").startswith("en")
        if not skipped:
            self.parts.extend(attrs[name] for name in _LABELS if attrs.get(name))
        if tag not in _VOID:
            self.stack.append(skipped)

    def handle_endtag(self, tag):
        if tag not in _VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def english_left(html: str) -> list[str]:
    parser = _PageText()
    parser.feed(html)
    text = _words(" ".join(parser.parts))
    return sorted(phrase for phrase in english_phrases() if phrase in text)


def _pages():
    for name, rule in sorted(RULES.items()):
        for reader in READERS:
            if rule.method == "get" and rule.expected(reader) == 200:
                yield pytest.param(name, reader, id=f"{name}-{reader}")


def test_the_check_finds_english():
    assert english_left("<p>Thank you. Your answer is saved.</p>") == [
        "Thank you. Your answer is saved"
    ]
    assert english_left('<p lang="en">Thank you. Your answer is saved.</p>') == []


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "reader"), list(_pages()))
def test_the_page_is_all_welsh(client, url_name, reader):
    rule = RULES[url_name]
    # Rows the portal writes from its own words (a charter's starting template, a review's
    # standard statements) are written in the language of whoever made them: here, Welsh.
    with translation.override("cy"):
        cast = make_cast()
        kwargs = rule.kwargs(cast)
    user = cast.member(reader)
    user.language = "cy"
    user.save(update_fields=["language"])
    client.force_login(user)
    response = client.get(reverse(url_name, kwargs=kwargs))
    assert response.status_code == 200
    if not response["Content-Type"].startswith("text/html"):
        return
    html = response.content.decode()
    assert '<html lang="cy"' in html
    assert english_left(html) == []
