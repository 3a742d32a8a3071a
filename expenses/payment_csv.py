"""CSV files: the bulk payment file for banks that take CSV instead of Bacs Standard 18, and
the finance export of payments, which people open in spreadsheets.

Every cell of the finance export is neutralised (coproduce.csv_safe). The bank file holds only
Bacs-safe text (bacs_text), in which the only formula character is "-", so it is stripped from
the front of a name instead: a bank needs the name itself, not a spreadsheet-safe version of it.
"""

from collections.abc import Iterable

from coproduce.csv_safe import rows_to_bytes, safe_row

from .bacs import Credit, bacs_text
from .money import pence_to_decimal_text


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
    return rows_to_bytes(rows)


def write_export(header: list[str], rows: Iterable[Iterable]) -> bytes:
    """A spreadsheet-safe CSV: every cell neutralised."""
    return rows_to_bytes([header, *(safe_row(row) for row in rows)])
