"""CSV cells that a spreadsheet will not run (CSV injection).

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before one) as
a formula, so every CSV the portal offers for download passes people's words through
`safe_cell`, which puts a leading apostrophe before such a cell: spreadsheets hide it and show
the text as typed.
"""

import csv
import io
from collections.abc import Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def safe_row(cells: Iterable) -> list[str]:
    return [safe_cell(cell) for cell in cells]


def rows_to_bytes(rows: Iterable[Iterable[str]]) -> bytes:
    """The rows as a UTF-8 CSV with CRLF line ends; cells are written as given."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")
