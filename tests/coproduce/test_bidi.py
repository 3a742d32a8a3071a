"""User text in any script is isolated from the English around it: `<bdi>` in HTML, Unicode
isolates (U+2068 ... U+2069) in plain text, only where the text needs them."""

import unicodedata

import pytest
from django.template import Context, Template

from coproduce import bidi
from coproduce.bidi import isolate, needs_isolation

URDU = "عائشہ خان"
HEBREW = "נועה"
FSI, PDI = "\u2068", "\u2069"


def _render(source: str, autoescape=True, **context) -> str:
    return Template(source).render(Context(context, autoescape=autoescape))


@pytest.mark.parametrize(
    "text, needed",
    [
        ("Fred", False),
        ("Zoë O'Brien-Ørsted", False),
        ("Nguyễn Thị Hương", False),
        ("", False),
        ("2027 (draft)", False),
        (URDU, True),
        (HEBREW, True),
        (f"Aisha {URDU}", True),  # mixed scripts
        ("٣ ٤", True),  # Arabic-Indic digits
        ("Sam\u202e", True),  # a right-to-left override typed into a name
        ("Sam\u200f", True),  # a right-to-left mark
        ("Sam\u2066", True),  # an unmatched isolate
    ],
)
def test_plain_text_is_isolated_only_where_it_helps(text, needed):
    assert needs_isolation(text) is needed
    assert isolate(text) == (f"{FSI}{text}{PDI}" if needed else text)


def test_the_bdi_filter_wraps_text_that_needs_it_and_keeps_escaping():
    assert _render("{{ name|bdi }}", name=URDU) == f"<bdi>{URDU}</bdi>"
    assert _render("{{ name|bdi }}", name=f"<b>{HEBREW}</b>") == (
        f"<bdi>&lt;b&gt;{HEBREW}&lt;/b&gt;</bdi>"
    )
    assert _render("{{ name|linebreaksbr|bdi }}", name=f"{URDU}\n<b>") == (
        f"<bdi>{URDU}<br>&lt;b&gt;</bdi>"
    )
    # Left-to-right text is left as it was, and still escaped.
    assert _render("{{ name|bdi }}", name="Fred") == "Fred"
    assert _render("{{ name|bdi }}", name="<b>Fred</b>") == "&lt;b&gt;Fred&lt;/b&gt;"
    assert _render("{{ name|bdi }}", name="Sam\u202e") == "<bdi>Sam\u202e</bdi>"


def test_the_bdi_filter_gives_nothing_for_nothing_so_a_default_still_works():
    assert _render("{{ name|bdi }}", name="") == ""
    assert _render("{{ name|bdi }}", name=None) == ""
    assert _render('{{ name|bdi|default:"Anonymous" }}', name="") == "Anonymous"


def test_the_filters_work_inside_translated_sentences_with_no_load_tag():
    page = _render(
        "{% load i18n %}{% blocktranslate with name=name|bdi %}Change {{ name }}'s role"
        "{% endblocktranslate %}",
        name=URDU,
    )
    assert page == f"Change <bdi>{URDU}</bdi>'s role"
    text = _render(
        "{% load i18n %}{% blocktranslate with name=name|isolate %}Hello {{ name }},"
        "{% endblocktranslate %}",
        autoescape=False,
        name=URDU,
    )
    assert text == f"Hello {FSI}{URDU}{PDI},"


def test_the_isolate_filter_keeps_autoescaping():
    assert _render("{{ name|isolate }}", name="<b>Fred</b>") == "&lt;b&gt;Fred&lt;/b&gt;"
    assert _render("{{ name|isolate }}", name=f"<{URDU}>") == f"{FSI}&lt;{URDU}&gt;{PDI}"
    assert _render("{{ name|isolate }}", autoescape=False, name="<b>") == "<b>"


def test_no_ascii_character_needs_isolation_so_ascii_text_is_not_read_character_by_character():
    # needs_isolation answers False for ASCII text without looking at each character.
    for code in range(128):
        char = chr(code)
        assert char not in bidi._MARKS, repr(char)
        assert unicodedata.bidirectional(char) not in bidi._NEEDS_ISOLATION, repr(char)
