"""The one CSV writer: every file the portal offers for download is written here, so that no
cell reaches a spreadsheet as a formula (CSV injection).

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before one) as
a formula. The writer neutralises every cell it writes, the header included, as the very last
step: whatever cleaning a caller did first (the bank file reduces names to Bacs characters),
what leaves here is safe. A neutralised cell gets a leading apostrophe, which spreadsheets hide
and show the text as typed. Numbers (int, Decimal, float) are written as they are: they are the
program's own values, not anyone's words, and "-0.5" must stay a number a spreadsheet can add
up.

Nothing else in the portal calls csv.writer (tests/coproduce/test_csv_safe.py checks).
"""

import csv
import io
from collections.abc import Iterable
from decimal import Decimal
from typing import IO

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


class SafeWriter:
    """csv.writer with CRLF line ends whose every cell goes through `safe_cell`."""

    def __init__(self, file: IO[str]):
        self._writer = csv.writer(file, lineterminator="\r\n")

    def writerow(self, cells: Iterable) -> None:
        self._writer.writerow([safe_cell(cell) for cell in cells])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


# Excel reads a CSV as UTF-8 only when it starts with a byte order mark; without one, names
# like "Siân" or "O'Connor" with curly quotes come out garbled. Bank files must not have one.
BOM = "\ufeff"


def csv_bytes(rows: Iterable[Iterable], *, for_excel: bool = False) -> bytes:
    """The rows as a UTF-8 CSV, every cell neutralised; with a byte order mark `for_excel`."""
    buffer = io.StringIO()
    if for_excel:
        buffer.write(BOM)
    SafeWriter(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")
