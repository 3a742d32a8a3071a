"""CSV files: the bulk payment file for banks that take CSV instead of Bacs Standard 18, and
the finance export of payments, which people open in spreadsheets.

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before one) as
a formula, so every text cell the export takes from people's input is neutralised with a
leading apostrophe. The bank file holds only Bacs-safe text (bacs_text), in which the only such
character is "-", so it is stripped from the front of a name instead: a bank needs the name
itself, not a spreadsheet-safe version of it.
"""

import csv
import io
from collections.abc import Iterable

from .bacs import Credit, bacs_text
from .money import pence_to_decimal_text

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _rows_to_bytes(rows: Iterable[Iterable[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def write_bank_csv(credits: Iterable[Credit]) -> bytes:
    """Sort code, account number, account name, amount in pounds, reference: one row each."""
    rows = [["Sort code", "Account number", "Account name", "Amount", "Reference"]]
    for c in credits:
        rows.append(
            [
                c.sort_code,
                c.account_number,
                bacs_text(c.name).strip().lstrip("-").strip(),
                pence_to_decimal_text(c.amount_pence),
                bacs_text(c.reference).strip().lstrip("-").strip(),
            ]
        )
    return _rows_to_bytes(rows)


def write_export(header: list[str], rows: Iterable[Iterable]) -> bytes:
    """A spreadsheet-safe CSV: every cell neutralised."""
    return _rows_to_bytes([header, *([safe_cell(cell) for cell in row] for row in rows)])
