"""Every CSV the portal writes goes through one neutralising writer (coproduce/csv_safe.py),
and the bank's CSV payment file can no longer start a cell with a formula character after its
names are cleaned (issue 17, part 0)."""

import ast
import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from coproduce.csv_safe import SafeWriter, csv_bytes, safe_cell
from expenses.bacs import Credit
from expenses.payment_csv import bank_text, write_bank_csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cells(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode(), newline="")))


def _credit(name: str, reference: str = "COPRODUCE 12") -> Credit:
    return Credit("309457", "00733445", name, 4650, reference)


@pytest.mark.parametrize(
    "name",
    ["- -A1", "-A1", " - - -A1", "--=1+1", "-+@A1", "— A1", "中 -A1", "'-A1", ". -A1", "/-A1"],
)
def test_a_bank_csv_name_never_starts_with_a_formula_character_after_cleaning(name):
    [_header, row] = _cells(write_bank_csv([_credit(name, reference=name)]))
    for cell in row:
        assert not cell.startswith(FORMULA_STARTS), repr(cell)
        assert not cell.startswith("'"), "the bank gets the name itself, not an apostrophe"
    assert row[2].endswith("A1") or row[2] == "11"


def test_cleaning_keeps_the_name_and_drops_only_what_comes_before_it():
    assert bank_text("- -A1") == "A1"
    assert bank_text("Zoë O'Brien-Smith") == "ZOE OBRIEN-SMITH"
    # Leading punctuation does not take the place of letters in the 18 characters.
    assert bank_text("- - - - - Pat Example-Longname") == "PAT EXAMPLE-LONGNA"
    assert bank_text("---") == ""


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_the_writer_neutralises_every_cell_after_any_cleaning(start):
    payload = f"{start}HYPERLINK(1)"
    [header, row] = _cells(csv_bytes([[payload], [payload, "- -A1", "Pat"]]))
    assert header == ["'" + payload]  # the header row too
    assert row == ["'" + payload, "'- -A1", "Pat"]


def test_the_streaming_writer_neutralises_too():
    buffer = io.StringIO()
    SafeWriter(buffer).writerow(["=1+1", "ok"])
    assert buffer.getvalue() == "'=1+1,ok\r\n"


def test_numbers_stay_numbers():
    assert [safe_cell(v) for v in (-2, Decimal("-0.5"), 1.5, None, "-2")] == [
        "-2",
        "-0.5",
        "1.5",
        "",
        "'-2",
    ]


def _calls_csv_writer(tree: ast.AST) -> bool:
    return any(
        isinstance(node, ast.Attribute)
        and node.attr in ("writer", "DictWriter")
        and isinstance(node.value, ast.Name)
        and node.value.id == "csv"
        for node in ast.walk(tree)
    )


def test_nothing_but_the_one_writer_calls_csv_writer():
    root = Path(settings.BASE_DIR)
    apps = [p for p in root.iterdir() if (p / "__init__.py").exists() and p.name != "tests"]
    offenders = [
        str(path.relative_to(root))
        for app in apps
        for path in app.rglob("*.py")
        if path.name != "csv_safe.py" and _calls_csv_writer(ast.parse(path.read_text()))
    ]
    assert offenders == []
