"""Plain English, measured (issue 19, part 3): `make readability` prints a table of the
portal's own hints, help texts and page introductions, and of the easy read texts (the
charter template's, the review statements', the demo's), scored with textstat, and exits 1
when one of the portal's own texts is over its threshold. User content (the demo's easy read
texts stand in for it) is reported, never failed. Thresholds and why: docs/readability.md.
tests/coproduce/test_readability.py runs the same check.
"""

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduce.settings")

import textstat  # noqa: E402

# Standard pages: plain English. The Flesch-Kincaid grade is a US school year (grade 10: age
# 15 to 16); names the portal must use (the Equality and Human Rights Commission, WCAG) add
# a grade or two to an otherwise plain sentence.
STANDARD_GRADE = 10
STANDARD_SENTENCE_WORDS = 25
# Easy read: short sentences, one idea in each (Mencap's guidance: up to about 15 words).
EASY_READ_GRADE = 5
EASY_READ_SENTENCE_WORDS = 15
# A text this short is a label or a heading, where the formulas mean nothing.
FEWEST_WORDS = 8

# The hint, inset and opening paragraphs of pages: a {% translate %} string right inside them.
_TEMPLATE_TEXT = re.compile(
    r'class="govuk-(?:hint|body|body-l|inset-text)[^"]*"[^>]*>\s*{% translate "([^"]+)" %}'
)
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+|\n+")


@dataclass(frozen=True)
class Row:
    kind: str  # "standard" or "easy read"
    where: str
    text: str
    own: bool  # the portal's own words (failing), or user content (reported only)

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def grade(self) -> float:
        return textstat.flesch_kincaid_grade(self.text)

    @property
    def longest_sentence(self) -> int:
        return max(len(s.split()) for s in _SENTENCE_END.split(self.text.strip()) if s)

    @property
    def too_hard(self) -> bool:
        if self.words < FEWEST_WORDS:
            return False
        if self.kind == "easy read":
            return self.grade > EASY_READ_GRADE or self.longest_sentence > EASY_READ_SENTENCE_WORDS
        return self.grade > STANDARD_GRADE or self.longest_sentence > STANDARD_SENTENCE_WORDS


def _help_texts() -> list[Row]:
    """The hints under the fields of every form the portal renders (a model form's come from
    its model unless the form says otherwise)."""
    from tests.fuzz.test_every_form_is_fuzzed import project_forms

    found = {}
    for form in sorted(project_forms(), key=lambda f: (f.__module__, f.__name__)):
        for name, field in form.base_fields.items():
            if field.help_text:
                found.setdefault(str(field.help_text), f"{form.__module__}.{form.__name__}.{name}")
    return [Row("standard", where, text, own=True) for text, where in found.items()]


def _template_texts() -> list[Row]:
    rows = {}
    for path in sorted((ROOT / "templates").rglob("*.html")):
        for text in _TEMPLATE_TEXT.findall(path.read_text()):
            rows.setdefault(text, str(path.relative_to(ROOT)))
    return [Row("standard", where, text, own=True) for text, where in rows.items()]


def _easy_read_texts() -> list[Row]:
    from charters.template import SECTIONS
    from projects.management.commands.seed_demo import DEMO_EASY_READ_AGENDA, DEMO_PROJECTS
    from reviews.statements import default_statements

    rows = [
        Row("easy read", f"charter template: {s.key}", str(s.easy_read), own=True) for s in SECTIONS
    ]
    rows += [
        Row("easy read", f"review statement: {s['key']}", s["easy_read"], True)
        for s in default_statements()
    ]
    rows += [
        Row("easy read", f"demo project: {p['title']}", p["easy_read_summary"], own=False)
        for p in DEMO_PROJECTS
        if p.get("easy_read_summary")
    ]
    rows.append(Row("easy read", "demo agenda", DEMO_EASY_READ_AGENDA, own=False))
    return rows


def measure() -> list[Row]:
    import django

    django.setup()
    from django.utils import translation

    # The scores are for the English words (the Welsh are measured by nobody yet), whatever
    # language the calling thread was left in.
    with translation.override("en-gb"):
        return _help_texts() + _template_texts() + _easy_read_texts()


def table(rows: list[Row]) -> str:
    lines = [f"{'kind':<10} {'grade':>5} {'longest':>7}  {'':<4} {'where':<45} text"]
    for row in sorted(rows, key=lambda r: (r.kind, -r.grade)):
        flag = ("FAIL" if row.own else "high") if row.too_hard else ""
        lines.append(
            f"{row.kind:<10} {row.grade:>5.1f} {row.longest_sentence:>7}  {flag:<4} "
            f"{row.where[:45]:<45} {row.text[:70]}"
        )
    return "\n".join(lines)


def failures(rows: list[Row]) -> list[Row]:
    return [row for row in rows if row.own and row.too_hard]


def main() -> int:
    rows = measure()
    print(table(rows))
    failed = failures(rows)
    print(f"\n{len(rows)} texts, {len(failed)} of the portal's own over the threshold.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
