"""Refresh locale-libraries/cy: the Welsh for the libraries' strings the portal shows.

django-allauth ships no Welsh, and Django's Welsh leaves a few form and paging messages
untranslated. `makemessages` only reads the portal's own files, so this script lists those
strings (from allauth's English catalogue and Django's Welsh one) in a catalogue of our own,
keeping every translation already written. Run by `make messages`; see docs/welsh.md.
"""

import sys
from pathlib import Path

import allauth
import django
import polib

BASE_DIR = Path(__file__).resolve().parent.parent
CATALOGUE = BASE_DIR / "locale-libraries" / "cy" / "LC_MESSAGES" / "django.po"

# allauth's apps the portal installs (settings.INSTALLED_APPS), and their templates.
ALLAUTH_SOURCES = ("account/", "mfa/", "templates/account/", "templates/mfa/", "templates/allauth/")
# Django's messages a person can meet that its Welsh catalogue leaves untranslated.
DJANGO_MESSAGES = {
    "That page number is not an integer",
    "That page number is less than 1",
    "That page contains no results",
    "Null characters are not allowed.",
    "Enter a valid duration.",
    "Enter a valid UUID.",
    "“%(pk)s” is not a valid value.",
    "Year",
    "Month",
    "Day",
}

HEADER = """The Welsh for the libraries' strings the portal shows: django-allauth's sign-in,
sign-up, two-step and email pages (allauth has no Welsh of its own) and a few of Django's messages
that its Welsh catalogue leaves untranslated. Made by tools/library_messages.py (`make
messages`), which keeps every msgstr here; the Welsh needs a qualified translator's review
(docs/welsh.md)."""

# Welsh plural forms, as Django's own Welsh catalogue has them.
PLURAL_FORMS = "nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;"


def _library_entries():
    allauth_po = polib.pofile(
        str(Path(allauth.__file__).parent / "locale/en/LC_MESSAGES/django.po")
    )
    for entry in allauth_po:
        if not entry.obsolete and any(
            path.startswith(ALLAUTH_SOURCES) for path, _line in entry.occurrences
        ):
            yield "allauth", entry
    django_po = polib.pofile(
        str(Path(django.__file__).parent / "conf/locale/cy/LC_MESSAGES/django.po")
    )
    for entry in django_po:
        if entry.msgid in DJANGO_MESSAGES and not entry.translated():
            yield "django", entry


def main() -> int:
    old = polib.pofile(str(CATALOGUE)) if CATALOGUE.exists() else polib.POFile()
    known = {(e.msgctxt, e.msgid): e for e in old if not e.obsolete}
    new = polib.POFile(wrapwidth=100)
    new.header = HEADER
    new.metadata = {
        "Project-Id-Version": "coproduce",
        "PO-Revision-Date": "2026-12-04 19:00+0000",
        "Last-Translator": "Coproduce developers (not yet reviewed)",
        "Language-Team": "Cymraeg",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Language": "cy",
        "Plural-Forms": PLURAL_FORMS,
    }
    seen = set()
    for library, source in _library_entries():
        key = (source.msgctxt, source.msgid)
        if key in seen:
            continue
        seen.add(key)
        entry = polib.POEntry(
            msgctxt=source.msgctxt,
            msgid=source.msgid,
            msgid_plural=source.msgid_plural,
            flags=[f for f in source.flags if f.endswith("-format")],
            comment=library,
        )
        before = known.get(key)
        if source.msgid_plural:
            entry.msgstr_plural = (
                dict(before.msgstr_plural) if before else {i: "" for i in range(4)}
            )
        else:
            entry.msgstr = before.msgstr if before else ""
        if before and "fuzzy" in before.flags:
            entry.flags.append("fuzzy")
        new.append(entry)
    CATALOGUE.parent.mkdir(parents=True, exist_ok=True)
    new.save(str(CATALOGUE))
    dropped = len(known.keys() - seen)
    print(f"{CATALOGUE.relative_to(BASE_DIR)}: {len(new)} strings, {dropped} no longer used")
    return 0


if __name__ == "__main__":
    sys.exit(main())
