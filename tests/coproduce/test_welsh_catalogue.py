"""Every string the portal marks for translation has Welsh (docs/welsh.md).

The catalogues are made afresh from a copy of the code, as `make messages` makes them, so a
string added or changed since the last `make messages` counts as missing too. When this
fails: run `make messages`, then `make messages-todo`, and write the Welsh for each string it
lists into the .po file it names (then `make messages` again to compile)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

from tests.services import missing

BASE_DIR = Path(settings.BASE_DIR)
# What `make messages` ignores: nothing here is shown to people.
NOT_SOURCE = shutil.ignore_patterns(
    ".venv", ".git", "tests", "tools", "staticfiles", "media", "__pycache__", "*.sqlite3"
)


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory) -> list[Path]:
    if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
        missing("needs GNU gettext (apt-get install gettext)")
    copy = tmp_path_factory.mktemp("portal") / "portal"
    shutil.copytree(BASE_DIR, copy, ignore=NOT_SOURCE)
    (copy / "tools").mkdir()
    shutil.copy(BASE_DIR / "tools" / "library_messages.py", copy / "tools")
    env = {**os.environ, "DEBUG": "true", "DATABASE_URL": "sqlite:///unused.sqlite3"}
    run = {"cwd": copy, "env": env, "check": True, "capture_output": True}
    subprocess.run([sys.executable, "manage.py", "makemessages", "--locale", "cy"], **run)
    subprocess.run([sys.executable, "tools/library_messages.py"], **run)
    return [
        copy / "locale" / "cy" / "LC_MESSAGES" / "django.po",
        copy / "locale-libraries" / "cy" / "LC_MESSAGES" / "django.po",
    ]


def _needing_welsh(path: Path) -> list[str]:
    return [
        entry.msgid
        for entry in polib.pofile(str(path))
        if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)
    ]


def test_every_string_of_the_portal_has_welsh(fresh_catalogues):
    assert _needing_welsh(fresh_catalogues[0]) == []


def test_every_string_of_allauths_pages_has_welsh(fresh_catalogues):
    assert _needing_welsh(fresh_catalogues[1]) == []


def test_the_welsh_keeps_every_placeholder(fresh_catalogues):
    """A translation that drops %(amount)s would hide the amount; msgfmt --check says so."""
    for path in fresh_catalogues:
        subprocess.run(["msgfmt", "--check", "-o", os.devnull, path], check=True)
