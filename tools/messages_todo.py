"""List the Welsh catalogue's strings that still need a translator: untranslated or fuzzy
(a string that changed since it was translated). Exits 1 if there are any. See docs/welsh.md."""

import sys
from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent
CATALOGUES = [
    BASE_DIR / "locale" / "cy" / "LC_MESSAGES" / "django.po",
    BASE_DIR / "locale-libraries" / "cy" / "LC_MESSAGES" / "django.po",
]


def main() -> int:
    count = 0
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            if entry.obsolete or (entry.translated() and "fuzzy" not in entry.flags):
                continue
            count += 1
            where = ", ".join(sorted({file for file, _line in entry.occurrences})) or "?"
            state = "fuzzy" if "fuzzy" in entry.flags else "untranslated"
            print(f"{path.relative_to(BASE_DIR)}: {state} ({where}): {entry.msgid!r}")
    print(f"{count} strings need Welsh", file=sys.stderr)
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main())
