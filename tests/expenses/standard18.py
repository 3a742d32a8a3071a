"""A reader that checks a Bacs Standard 18 direct credit file against the layout, written from
the layout itself rather than from expenses/bacs.py, so that the two can disagree.

`problems(content)` lists everything wrong with a file (empty for a good one): record lengths
and endings, the order of the labels, every field's form, the contra record, the trailer's
totals and counts against the records, and the dates (creation, expiry, processing day).
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

import holidays

BACS_TEXT = re.compile(r"^[A-Z0-9.&/\- ]*$")
JULIAN = re.compile(r"^ (\d{2})(\d{3})$")
LABELS_BEFORE = ["VOL1", "HDR1", "HDR2", "UHL1"]
LABELS_AFTER = ["EOF1", "EOF2", "UTL1"]


@dataclass
class Payment:
    sort_code: str
    account_number: str
    code: str
    amount_pence: int
    originator_name: str
    reference: str
    payee_name: str


def julian_date(field: str) -> date | None:
    """' YYDDD' as a date, or None if it is not one."""
    match = JULIAN.match(field)
    if not match:
        return None
    year, day = 2000 + int(match.group(1)), int(match.group(2))
    first = date(year, 1, 1)
    last = date(year, 12, 31).timetuple().tm_yday
    return first + timedelta(days=day - 1) if 1 <= day <= last else None


def is_bacs_day(day: date) -> bool:
    """Bacs processes on weekdays that are not bank holidays in England and Wales."""
    return day.weekday() < 5 and day not in holidays.country_holidays("GB", subdiv="ENG")


def records(content: bytes) -> list[str]:
    text = content.decode("ascii")
    assert text.endswith("\r\n"), "the last record must end with CR LF too"
    lines = text[:-2].split("\r\n")
    assert not any("\r" in line or "\n" in line for line in lines), "a bare CR or LF"
    return lines


def problems(content: bytes) -> list[str]:
    found: list[str] = []

    def check(condition: bool, message: str) -> None:
        if not condition:
            found.append(message)

    try:
        lines = records(content)
    except (UnicodeDecodeError, AssertionError) as error:
        return [f"not a file of ASCII records ending CR LF: {error}"]
    check(len(lines) >= 9, "too few records: four labels, a payment, a contra, three labels")
    check([line[:4] for line in lines[:4]] == LABELS_BEFORE, "must start VOL1 HDR1 HDR2 UHL1")
    check([line[:4] for line in lines[-3:]] == LABELS_AFTER, "must end EOF1 EOF2 UTL1")
    if found:
        return found
    vol1, hdr1, hdr2, uhl1 = lines[:4]
    eof1, eof2, utl1 = lines[-3:]
    data = lines[4:-3]
    for label in [vol1, hdr1, hdr2, uhl1, eof1, eof2, utl1]:
        check(len(label) == 80, f"{label[:4]} is {len(label)} characters, not 80")
    for number, line in enumerate(data, start=1):
        check(len(line) == 100, f"data record {number} is {len(line)} characters, not 100")
    if found:
        return found

    # VOL1: serial, service user number, label standard.
    serial, sun = vol1[4:10], vol1[41:47]
    check(re.fullmatch(r"[A-Z0-9]{6}", serial) and serial != "000000", "VOL1 serial")
    check(sun.isdigit(), "VOL1 service user number must be six digits")
    check(vol1[10:41].strip() == "" and vol1[47:79].strip() == "", "VOL1 blanks")
    check(vol1[79] == "1", "VOL1 label standard must be 1")

    # HDR1: file identifier, serial, section and sequence, creation and expiry dates.
    check(hdr1[4:21] == f"A{sun}S   {sun}", "HDR1 file identifier must be A SUN S, 3 blanks, SUN")
    check(hdr1[21:27] == serial, "HDR1 serial must be VOL1's")
    check(hdr1[27:35] == "00010001", "HDR1 section and sequence must be 0001 0001")
    created, expires = julian_date(hdr1[41:47]), julian_date(hdr1[47:53])
    check(created is not None, "HDR1 creation date must be ' YYDDD'")
    check(expires is not None, "HDR1 expiry date must be ' YYDDD'")
    check(hdr1[54:60] == "000000", "HDR1 block count")
    check(hdr2[4:15] == "F0200000100", "HDR2 must say fixed records of 100 in blocks of 2000")

    # UHL1: the processing day, a Bacs working day, on or after the creation date and equal
    # to HDR1's expiry (this service's choice: the file is not kept past its processing day).
    processing = julian_date(uhl1[4:10])
    check(processing is not None, "UHL1 processing date must be ' YYDDD'")
    check(uhl1[10:16] == "999999", "UHL1 receiving party must be 999999")
    check(uhl1[20:28] == "00000000", "UHL1 currency and country codes")
    check(uhl1[28:37] == "1 DAILY  ", "UHL1 work code must be '1 DAILY  '")
    check(uhl1[37:40].isdigit(), "UHL1 file number must be three digits")
    if created and expires and processing:
        check(processing >= created, "the processing day is before the file was made")
        check(is_bacs_day(processing), f"the processing day {processing} is not a Bacs day")
        check(expires == processing, "HDR1 expiry must be the processing day")
        check(expires >= created, "the file expires before it was made")

    # EOF1 and EOF2 repeat HDR1 and HDR2.
    check(eof1[4:] == hdr1[4:], "EOF1 must repeat HDR1")
    check(eof2[4:] == hdr2[4:], "EOF2 must repeat HDR2")

    # Data records: credits (99), then one contra (17) debiting the originator's account.
    payments = []
    for number, line in enumerate(data, start=1):
        where = f"data record {number}"
        check(line[0:6].isdigit() and line[6:14].isdigit(), f"{where}: destination")
        check(line[14] == "0", f"{where}: account type must be 0")
        check(line[15:17] in ("99", "17"), f"{where}: transaction code {line[15:17]!r}")
        check(line[17:23].isdigit() and line[23:31].isdigit(), f"{where}: originator account")
        check(line[31:35] == "    ", f"{where}: positions 32-35 must be blank")
        check(line[35:46].isdigit(), f"{where}: amount must be eleven digits")
        for start, field in ((46, "originator name"), (64, "reference"), (82, "payee name")):
            value = line[start : start + 18]
            check(BACS_TEXT.match(value) is not None, f"{where}: {field} {value!r}")
            check(value.strip() != "", f"{where}: {field} is blank")
        payments.append(
            Payment(
                sort_code=line[0:6],
                account_number=line[6:14],
                code=line[15:17],
                amount_pence=int(line[35:46]) if line[35:46].isdigit() else -1,
                originator_name=line[46:64],
                reference=line[64:82],
                payee_name=line[82:100],
            )
        )
        check(line[17:31] == data[0][17:31], f"{where}: a different originator account")
    credits = [p for p in payments if p.code == "99"]
    contras = [p for p in payments if p.code == "17"]
    check(len(credits) >= 1, "no payments")
    check(len(contras) == 1 and payments[-1].code == "17", "one contra record, after the credits")
    check(all(p.amount_pence > 0 for p in payments), "an amount of nothing")
    if found:
        return found
    contra = contras[0]
    credit_total = sum(p.amount_pence for p in credits)
    originator = data[0][17:31]
    check(
        contra.sort_code + contra.account_number == originator,
        "the contra must debit the originator's own account",
    )
    check(contra.amount_pence == credit_total, "the contra must equal the credits' total")
    check(contra.reference.strip() == "CONTRA", "the contra's reference must be CONTRA")

    # UTL1: totals and counts match the records.
    check(utl1[4:17] == f"{contra.amount_pence:013d}", "UTL1 debit total")
    check(utl1[17:30] == f"{credit_total:013d}", "UTL1 credit total")
    check(utl1[30:37] == f"{len(contras):07d}", "UTL1 debit count")
    check(utl1[37:44] == f"{len(credits):07d}", "UTL1 credit count")
    check(utl1[44:].strip() == "", "UTL1 blanks")
    return found
