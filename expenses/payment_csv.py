"""CSV files: the bulk payment file for banks that take CSV instead of Bacs Standard 18, and
the finance export of payments, which people open in spreadsheets. Both are written by the
one neutralising writer, coproduce.csv_safe.

The bank file's names and references are cleaned first (`bank_text`): reduced to Bacs
characters, then stripped of anything before the first letter or digit, so a name such as
"- -A1" reaches the bank as "A1" rather than as a formula, or with an apostrophe the bank
would print on the statement. The writer's neutralising then has nothing left to do in the
bank file; it stays as the guarantee should the cleaning ever change.
"""

import re
from collections.abc import Iterable

from coproduce.csv_safe import csv_bytes

from .bacs import Credit, bacs_text
from .money import pence_to_decimal_text

# Anything before the first letter or digit: in any script before the text is reduced to Bacs
# characters, and in Bacs characters after.
_LEADING = re.compile(r"^[\W_]+")
_LEADING_BACS = re.compile(r"^[^A-Z0-9]+")


def bank_text(value: str) -> str:
    """Bacs characters only, starting with a letter or a digit (empty if it has neither).

    Leading punctuation goes before the text is cut to 18 characters, so that it does not
    take the place of letters, and again after, for letters that become spaces in Bacs."""
    return _LEADING_BACS.sub("", bacs_text(_LEADING.sub("", value)).strip())


def write_bank_csv(credits: Iterable[Credit]) -> bytes:
    """Sort code, account number, account name, amount in pounds, reference: one row each."""
    rows = [["Sort code", "Account number", "Account name", "Amount", "Reference"]]
    for c in credits:
        rows.append(
            [
                c.sort_code,
                c.account_number,
                bank_text(c.name),
                pence_to_decimal_text(c.amount_pence),
                bank_text(c.reference),
            ]
        )
    return csv_bytes(rows)


def write_export(header: list[str], rows: Iterable[Iterable]) -> bytes:
    """A spreadsheet-safe CSV: every cell neutralised."""
    return csv_bytes([header, *rows])
