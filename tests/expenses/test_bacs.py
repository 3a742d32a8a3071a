"""The Bacs Standard 18 writer, field by field, against a file worked out by hand
(Done when 3); and the CSV writers."""

import csv
import io
from datetime import date

import pytest

from coproduce.csv_safe import safe_cell
from expenses import payout_files
from expenses.bacs import BacsError, BacsFile, Credit, Originator, bacs_text, julian, write
from expenses.payment_csv import write_bank_csv, write_export

ORIGINATOR = Originator(
    service_user_number="123456",
    sort_code="401234",
    account_number="12345678",
    name="Coproduce Council",
)
CREDITS = (
    Credit("309457", "00733445", "Zoë O'Brien-Smith", 4650, "COPRODUCE 12"),
    Credit("200000", "12345678", "A very long name that goes on", 12345, "COPRODUCE 13"),
)
FILE = BacsFile(
    serial="000001",
    file_number="001",
    created_on=date(2026, 12, 1),  # day 335 of 2026
    processing_date=date(2026, 12, 2),  # day 336
    originator=ORIGINATOR,
    credits=CREDITS,
)

# Worked out by hand from the layout in expenses/bacs.py, field by field.
EXPECTED = [
    # VOL1, serial, accessibility + 30 blanks, SUN, 32 blanks, label standard
    "VOL1" + "000001" + " " + " " * 30 + "123456" + " " * 32 + "1",
    # HDR1, "A" SUN "S" 3 blanks SUN, serial, section, sequence, 6 blanks, created, expires,
    # blank, block count, 20 blanks
    "HDR1"
    + "A123456S   123456"
    + "000001"
    + "0001"
    + "0001"
    + " " * 6
    + " 26335"
    + " 26336"
    + " "
    + "000000"
    + " " * 20,
    "HDR2" + "F" + "02000" + "00100" + " " * 35 + "00" + " " * 28,
    # UHL1, processing day, receiving party, 4 blanks, currency, country, work code, file
    "UHL1" + " 26336" + "999999" + "    " + "00" + "000000" + "1 DAILY  " + "001" + " " * 40,
    # destination, type, code 99, our account, 4 blanks, pence, our name, reference, payee:
    # the ë loses its accent, the apostrophe becomes a space.
    "309457"
    + "00733445"
    + "0"
    + "99"
    + "401234"
    + "12345678"
    + "    "
    + "00000004650"
    + "COPRODUCE COUNCIL "
    + "COPRODUCE 12      "
    + "ZOE O BRIEN-SMITH ",
    # A name longer than 18 characters is cut at 18.
    "200000"
    + "12345678"
    + "0"
    + "99"
    + "401234"
    + "12345678"
    + "    "
    + "00000012345"
    + "COPRODUCE COUNCIL "
    + "COPRODUCE 13      "
    + "A VERY LONG NAME T",
    # The contra debits our own account (code 17) with the total: 4650 + 12345 = 16995.
    "401234"
    + "12345678"
    + "0"
    + "17"
    + "401234"
    + "12345678"
    + "    "
    + "00000016995"
    + "COPRODUCE PAYMENTS"
    + "CONTRA            "
    + "COPRODUCE COUNCIL ",
    "EOF1"
    + "A123456S   123456"
    + "000001"
    + "0001"
    + "0001"
    + " " * 6
    + " 26335"
    + " 26336"
    + " "
    + "000000"
    + " " * 20,
    "EOF2" + "F" + "02000" + "00100" + " " * 35 + "00" + " " * 28,
    # debit total, credit total, one debit (the contra), two credits
    "UTL1" + "0000000016995" + "0000000016995" + "0000001" + "0000002" + " " * 36,
]


def test_the_file_matches_the_one_worked_out_by_hand_record_by_record():
    records = write(FILE).decode("ascii").split("\r\n")
    assert records[-1] == ""  # every record ends with CR LF, the last one too
    assert records[:-1] == EXPECTED


def test_labels_are_80_characters_and_payment_records_100():
    records = write(FILE).decode("ascii").split("\r\n")[:-1]
    assert [len(r) for r in records] == [80, 80, 80, 80, 100, 100, 100, 80, 80, 80]


def test_payment_record_fields_sit_at_their_positions():
    record = write(FILE).decode("ascii").split("\r\n")[4]
    assert record[0:6] == "309457"  # 1-6 destination sort code
    assert record[6:14] == "00733445"  # 7-14 destination account
    assert record[14] == "0"  # 15 account type
    assert record[15:17] == "99"  # 16-17 credit
    assert record[17:23] == "401234"  # 18-23 our sort code
    assert record[23:31] == "12345678"  # 24-31 our account
    assert record[31:35] == "    "  # 32-35 free format
    assert record[35:46] == "00000004650"  # 36-46 pence, zero-filled
    assert record[64:82].rstrip() == "COPRODUCE 12"  # 65-82 reference


def test_the_same_file_renders_to_the_same_bytes():
    assert write(FILE) == write(FILE)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("o'neil & sons", "O NEIL & SONS     "),
        ("Łukasz Żółć", "LUKASZ ZOLC       "),
        ("Zhang 张", "ZHANG             "),  # what has no plain form becomes a space
        ("a=b+c@d;e", "A B C D E         "),
        ("1/2 - 3.4", "1/2 - 3.4         "),
    ],
)
def test_text_keeps_only_the_bacs_character_set(text, expected):
    assert bacs_text(text) == expected


def test_julian_dates_are_a_blank_the_year_and_the_day_of_the_year():
    assert julian(date(2027, 1, 1)) == " 27001"
    assert julian(date(2028, 12, 31)) == " 28366"  # a leap year


@pytest.mark.parametrize(
    "change, message",
    [
        ({"originator": Originator("12345", "401234", "12345678", "X")}, "SERVICE_USER_NUMBER"),
        ({"originator": Originator("123456", "40-12-34", "12345678", "X")}, "SORT_CODE"),
        ({"originator": Originator("123456", "401234", "1234567", "X")}, "ACCOUNT"),
        ({"originator": Originator("123456", "401234", "12345678", "'!")}, "NAME"),
        ({"credits": ()}, "at least one payment"),
        ({"credits": (Credit("30945", "00733445", "A", 1, "R"),)}, "bank details"),
        ({"credits": (Credit("309457", "00733445", "A", 0, "R"),)}, "amount"),
        ({"serial": "00001"}, "serial"),
    ],
)
def test_data_that_cannot_make_a_valid_file_is_refused(change, message):
    fields = {**FILE.__dict__, **change}
    with pytest.raises(BacsError, match=message):
        write(BacsFile(**fields))


def test_the_bank_csv_has_one_row_per_payment_in_pounds():
    assert write_bank_csv(CREDITS).decode().splitlines() == [
        "Sort code,Account number,Account name,Amount,Reference",
        "309457,00733445,ZOE O BRIEN-SMITH,46.50,COPRODUCE 12",
        "200000,12345678,A VERY LONG NAME T,123.45,COPRODUCE 13",
    ]


@pytest.mark.parametrize("dangerous", ["=1+1", "+44", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_export_cells_that_a_spreadsheet_would_run_are_neutralised(dangerous):
    assert safe_cell(dangerous) == "'" + dangerous
    [_header, [cell]] = csv.reader(io.StringIO(write_export(["name"], [[dangerous]]).decode()))
    assert cell == "'" + dangerous


def test_ordinary_cells_are_left_alone():
    assert safe_cell("Pat") == "Pat"
    assert safe_cell(12) == "12"


def test_a_stored_batch_renders_the_same_bytes_after_settings_and_bank_details_change(
    cast, settings
):
    from tests.expenses.helpers import a_batch, bank_choice

    settings.BACS_ORIGINATOR_SORT_CODE = "401234"
    settings.BACS_ORIGINATOR_ACCOUNT = "12345678"
    settings.BACS_ORIGINATOR_NAME = "Coproduce Council"
    settings.BACS_ORIGINATOR_SERVICE_USER_NUMBER = "123456"
    batch = a_batch(cast)
    first = payout_files.bacs_file(batch)
    first_csv = payout_files.csv_file(batch)
    settings.BACS_ORIGINATOR_NAME = "Someone Else"
    bank_choice(cast.person, sort_code="111111", account_number="22222222")
    batch.refresh_from_db()
    assert payout_files.bacs_file(batch) == first
    assert payout_files.csv_file(batch) == first_csv
    assert b"309457" in first and b"COPRODUCE COUNCIL" in first
