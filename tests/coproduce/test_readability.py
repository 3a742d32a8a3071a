"""Plain English, measured (issue 19, part 3): the portal's own hints, help texts, page
introductions and easy read texts are within the thresholds of docs/readability.md; the
demo's easy read texts (user content) are reported but never fail the check."""

import pytest

from tools import readability
from tools.readability import Row

pytestmark = pytest.mark.django_db

HARD = (
    "Notwithstanding the aforementioned considerations, facilitators are responsible for "
    "ascertaining that reimbursement documentation is comprehensively substantiated."
)


def test_the_portals_own_texts_are_within_the_thresholds():
    rows = readability.measure()
    assert len([r for r in rows if r.kind == "standard"]) > 50
    assert {r.where for r in rows if r.kind == "easy read" and not r.own} >= {"demo agenda"}
    failed = readability.failures(rows)
    assert not failed, readability.table(failed)


def test_a_hard_text_of_the_portals_own_fails_and_user_content_is_only_reported():
    own = Row("standard", "a hint", HARD, own=True)
    users = Row("easy read", "a demo summary", HARD, own=False)
    assert own.too_hard and users.too_hard
    assert readability.failures([own, users]) == [own]
    printed = readability.table([own, users])
    assert "FAIL" in printed and "high" in printed


def test_easy_read_needs_short_sentences():
    long = "We will meet in the big room at the library on the high street on Monday at ten."
    assert Row("easy read", "x", long, own=True).too_hard
    assert not Row("standard", "x", long, own=True).too_hard
    short = "We meet on Monday.\nWe meet at the library.\nWe start at ten."
    assert not Row("easy read", "x", short, own=True).too_hard


def test_the_command_prints_a_table_and_passes(capsys):
    assert readability.main() == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:3] == ["kind", "grade", "longest"]
    assert "of the portal's own over the threshold" in out
