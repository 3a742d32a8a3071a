"""The portal's own English wording for django-allauth's pages is a catalogue (locale/en), whose
compiled .mo file is committed so that `make run` needs nothing beyond Python. This test fails
when the .mo no longer matches its .po: run `python manage.py compilemessages --locale en`."""

import gettext
import shutil
import subprocess
from pathlib import Path

from django.conf import settings

from tests.services import missing

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"


def _messages(mo: Path) -> dict:
    with mo.open("rb") as file:
        return dict(gettext.GNUTranslations(file)._catalog)


def test_the_committed_catalogue_is_compiled_from_its_source(tmp_path):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        missing("needs GNU gettext's msgfmt (apt-get install gettext)")
    fresh = tmp_path / "django.mo"
    subprocess.run([msgfmt, "--check", "-o", fresh, CATALOGUE / "django.po"], check=True)
    assert _messages(CATALOGUE / "django.mo") == _messages(fresh)
