"""Each language's catalog chain holds no empty catalog (coproduce/translations.py), and
dropping them changed no translation."""

import gettext
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import trans_real

from coproduce.translations import drop_empty_fallbacks

LOCALE = Path(settings.BASE_DIR) / "locale"


def _chain(translation):
    while translation is not None:
        yield translation
        translation = translation._fallback


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_no_empty_catalog_is_left_in_the_chain(code):
    drop_empty_fallbacks()

    for catalog in _chain(trans_real.translation(code)):
        if type(catalog) is gettext.GNUTranslations:
            assert set(catalog._catalog) - {""}, f"an empty catalog in {code}'s chain"


def test_a_catalog_built_as_django_builds_it_had_empty_ones_to_drop():
    """What the module is for: without it, English misses walk through empty catalogs."""
    built = trans_real.DjangoTranslation("en-gb")

    assert any(
        type(c) is gettext.GNUTranslations and not set(c._catalog) - {""} for c in _chain(built)
    )


@pytest.mark.parametrize(("code", "folder"), [("en-gb", "en"), ("cy", "cy")])
def test_every_message_translates_as_before(code, folder):
    drop_empty_fallbacks()
    as_django_builds_it = trans_real.DjangoTranslation(code)
    ours = trans_real.translation(code)
    messages = [e for e in polib.pofile(LOCALE / folder / "LC_MESSAGES" / "django.po") if e.msgid]

    assert len(messages) > 20
    for entry in messages:
        if entry.msgid_plural:
            for n in (1, 2, 5):
                assert ours.ngettext(entry.msgid, entry.msgid_plural, n) == (
                    as_django_builds_it.ngettext(entry.msgid, entry.msgid_plural, n)
                )
        elif entry.msgctxt:
            assert ours.pgettext(entry.msgctxt, entry.msgid) == (
                as_django_builds_it.pgettext(entry.msgctxt, entry.msgid)
            )
        else:
            assert ours.gettext(entry.msgid) == as_django_builds_it.gettext(entry.msgid)
    # And a string no catalog has comes back as it is.
    assert ours.gettext("Not a message anywhere") == "Not a message anywhere"
