"""A Bacs Standard 18 direct credit file: what the bank's Bacs software takes from us.

Layout, by 1-based character positions:

VOL1 (80)  1-4 VOL1, 5-10 file serial, 11 accessibility (blank), 12-41 blank,
           42-47 service user number (SUN), 48-79 blank, 80 label standard "1".
HDR1 (80)  1-4 HDR1, 5-21 file identifier: "A" + SUN + "S" + 3 blanks + SUN, 22-27 serial,
           28-31 section "0001", 32-35 sequence "0001", 36-41 blank, 42-47 creation date,
           48-53 expiry date (the processing day), 54 blank, 55-60 block count "000000",
           61-80 blank.
HDR2 (80)  1-4 HDR2, 5 record format "F", 6-10 block length "02000", 11-15 record length
           "00100", 16-50 blank, 51-52 buffer offset "00", 53-80 blank.
UHL1 (80)  1-4 UHL1, 5-10 processing date, 11-16 "999999", 17-20 blank, 21-22 currency "00",
           23-28 country "000000", 29-37 work code "1 DAILY  ", 38-40 file number,
           41-80 blank.
Standard record (100), one per payment, and the contra record that debits our account:
           1-6 destination sort code, 7-14 destination account, 15 account type "0",
           16-17 transaction code (99 credit; 17 for the contra), 18-23 our sort code,
           24-31 our account, 32-35 blank, 36-46 amount in pence, 47-64 our name (contra:
           its narrative), 65-82 reference (contra: "CONTRA"), 83-100 payee name (contra:
           our name).
EOF1, EOF2 (80) HDR1 and HDR2 again under their own names.
UTL1 (80)  1-4 UTL1, 5-17 debit total, 18-30 credit total, 31-37 debit count, 38-44 credit
           count, 45-80 blank.

Dates are " YYDDD" (a blank, the year's last two digits, the day of the year). Text fields
carry only A-Z 0-9 . & / - and space (bacs_text): names in any script are transliterated to
plain letters, anything still outside the set is dropped, and each field is cut to 18
characters. Records end with CR LF.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from anyascii import anyascii

RECORD_END = "\r\n"
_NOT_BACS = re.compile(r"[^A-Z0-9.&/\- ]")
_SPACES = re.compile(r" {2,}")
# [0-9], not \d: \d matches digits of every script, which the file cannot carry.
_SIX_DIGITS = re.compile(r"^[0-9]{6}$")
_EIGHT_DIGITS = re.compile(r"^[0-9]{8}$")
# One credit may carry at most eleven digits of pence; the trailers thirteen.
MAX_AMOUNT = 99_999_999_999


class BacsError(ValueError):
    """The data cannot make a valid file; the message names what to fix."""


@dataclass(frozen=True)
class Originator:
    service_user_number: str
    sort_code: str
    account_number: str
    name: str


@dataclass(frozen=True)
class Credit:
    sort_code: str
    account_number: str
    name: str
    amount_pence: int
    reference: str


@dataclass(frozen=True)
class BacsFile:
    serial: str
    file_number: str
    created_on: date
    processing_date: date
    originator: Originator
    credits: tuple[Credit, ...]
    contra_narrative: str = "COPRODUCE PAYMENTS"


# Unicode categories dropped before transliterating: symbols (emoji would become words such
# as ":slight_smile:"), and control, format, private-use and unassigned characters.
_DROPPED_CATEGORIES = {"So", "Sk", "Cc", "Cf", "Co", "Cn", "Cs"}


def bacs_text(value: str, width: int = 18) -> str:
    """Upper case, in the Bacs character set, cut and padded to `width`.

    Letters of any script become their plain Latin form (anyascii: Zoë to ZOE, Ø to O,
    Nguyễn to NGUYEN, 张 to ZHANG); spaces of any kind become one space; whatever is still
    outside the set (the apostrophe in O'Brien, commas, quotation marks) is dropped."""
    kept = "".join(
        " " if c.isspace() else c
        for c in value
        if c.isspace() or unicodedata.category(c) not in _DROPPED_CATEGORIES
    )
    plain = _NOT_BACS.sub("", anyascii(kept).upper())
    return _SPACES.sub(" ", plain).strip()[:width].ljust(width)


def julian(day: date) -> str:
    return f" {day.year % 100:02d}{day.timetuple().tm_yday:03d}"


def _number(value: int, width: int) -> str:
    text = str(value)
    if value < 0 or len(text) > width:
        raise BacsError(f"{value} does not fit {width} digits")
    return text.zfill(width)


def _check(originator: Originator, credits) -> None:
    if not _SIX_DIGITS.match(originator.service_user_number):
        raise BacsError("BACS_ORIGINATOR_SERVICE_USER_NUMBER must be six digits")
    if not _SIX_DIGITS.match(originator.sort_code):
        raise BacsError("BACS_ORIGINATOR_SORT_CODE must be six digits")
    if not _EIGHT_DIGITS.match(originator.account_number):
        raise BacsError("BACS_ORIGINATOR_ACCOUNT must be eight digits")
    if not bacs_text(originator.name).strip():
        raise BacsError("BACS_ORIGINATOR_NAME must be set")
    if not credits:
        raise BacsError("a Bacs file needs at least one payment")
    for credit in credits:
        if not (_SIX_DIGITS.match(credit.sort_code) and _EIGHT_DIGITS.match(credit.account_number)):
            raise BacsError(f"payment {credit.reference.strip()}: bank details are not valid")
        if not 0 < credit.amount_pence <= MAX_AMOUNT:
            raise BacsError(f"payment {credit.reference.strip()}: amount out of range")
        if not bacs_text(credit.name).strip():
            raise BacsError(f"payment {credit.reference.strip()}: the account name has no letters")


def _record(dest_sort, dest_account, code, o: Originator, pence, field1, field2, field3) -> str:
    return (
        dest_sort
        + dest_account
        + "0"
        + code
        + o.sort_code
        + o.account_number
        + " " * 4
        + _number(pence, 11)
        + bacs_text(field1)
        + bacs_text(field2)
        + bacs_text(field3)
    )


def write(bacs_file: BacsFile) -> bytes:
    """The whole file. Pure: the same input always gives the same bytes."""
    o, credits = bacs_file.originator, bacs_file.credits
    _check(o, credits)
    sun, serial = o.service_user_number, bacs_file.serial
    if not re.match(r"^[A-Z0-9]{6}$", serial) or not re.match(r"^\d{3}$", bacs_file.file_number):
        raise BacsError("the file serial must be six characters and the file number three digits")
    hdr1_body = (
        "A"
        + sun
        + "S"
        + " " * 3
        + sun
        + serial
        + "0001"
        + "0001"
        + " " * 6
        + julian(bacs_file.created_on)
        + julian(bacs_file.processing_date)
        + " "
        + "000000"
        + " " * 20
    )
    hdr2_body = "F" + "02000" + "00100" + " " * 35 + "00" + " " * 28
    total = sum(c.amount_pence for c in credits)
    records = [
        "VOL1" + serial + " " + " " * 30 + sun + " " * 32 + "1",
        "HDR1" + hdr1_body,
        "HDR2" + hdr2_body,
        "UHL1"
        + julian(bacs_file.processing_date)
        + "999999"
        + " " * 4
        + "00"
        + "000000"
        + "1 DAILY  "
        + bacs_file.file_number
        + " " * 40,
    ]
    for c in credits:
        records.append(
            _record(
                c.sort_code, c.account_number, "99", o, c.amount_pence, o.name, c.reference, c.name
            )
        )
    records.append(
        _record(
            o.sort_code,
            o.account_number,
            "17",
            o,
            total,
            bacs_file.contra_narrative,
            "CONTRA",
            o.name,
        )
    )
    records += [
        "EOF1" + hdr1_body,
        "EOF2" + hdr2_body,
        "UTL1"
        + _number(total, 13)
        + _number(total, 13)
        + _number(1, 7)
        + _number(len(credits), 7)
        + " " * 36,
    ]
    for record in records:
        expected = 100 if record[0].isdigit() else 80
        if len(record) != expected:
            raise BacsError(f"a Bacs record came out {len(record)} characters long")
    return (RECORD_END.join(records) + RECORD_END).encode("ascii")
