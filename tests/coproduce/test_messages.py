"""The portal's catalogues (docs/welsh.md): locale/en (sentence-case English for allauth's
pages), locale/cy (the portal's own strings in Welsh) and locale-libraries/cy (Welsh for
allauth's pages and a few of Django's messages). Their compiled .mo files are committed so
that `make run` needs nothing beyond Python. This test fails when a .mo no longer matches its
.po: run `make messages` (or `python manage.py compilemessages`)."""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.services import missing

BASE_DIR = Path(settings.BASE_DIR)
CATALOGUES = [
    BASE_DIR / "locale" / "en" / "LC_MESSAGES",
    BASE_DIR / "locale" / "cy" / "LC_MESSAGES",
    BASE_DIR / "locale-libraries" / "cy" / "LC_MESSAGES",
]


def _messages(mo: Path) -> dict:
    with mo.open("rb") as file:
        return dict(gettext.GNUTranslations(file)._catalog)


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: str(path.parent.parent))
def test_the_committed_catalogue_is_compiled_from_its_source(tmp_path, catalogue):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        missing("needs GNU gettext's msgfmt (apt-get install gettext)")
    fresh = tmp_path / "django.mo"
    subprocess.run([msgfmt, "--check", "-o", fresh, catalogue / "django.po"], check=True)
    assert _messages(catalogue / "django.mo") == _messages(fresh)
