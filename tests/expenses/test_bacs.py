"""The Bacs Standard 18 writer, field by field, against a file worked out by hand
(Done when 3); and the CSV writers."""

import csv
import io
from datetime import date, datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from coproduce.csv_safe import safe_cell
from expenses import payout_files, services
from expenses.bacs import BacsError, BacsFile, Credit, Originator, bacs_text, julian, write
from expenses.models import PayoutBatch
from expenses.payment_csv import write_bank_csv, write_export
from expenses.schedule import bacs_dates
from tests.base import LONDON
from tests.expenses import standard18

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
    # the ë loses its accent, the apostrophe is dropped.
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
    + "ZOE OBRIEN-SMITH  ",
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
        # Names in any script become their plain Latin letters (anyascii); what is still
        # outside the Bacs set (apostrophes, commas, signs) is dropped.
        ("Zoë O'Brien-Ørsted", "ZOE OBRIEN-ORSTED"),
        ("Nguyễn Thị Hương", "NGUYEN THI HUONG"),
        ("Siobhán Ní Bhriain", "SIOBHAN NI BHRIAIN"),  # exactly 18
        ("Bjørk Guðmundsdóttir", "BJORK GUDMUNDSDOTT"),  # cut at 18
        ("o'neil & sons", "ONEIL & SONS"),
        ("Łukasz Żółć", "LUKASZ ZOLC"),
        ("Zhang 张", "ZHANG ZHANG"),
        ("Smith, John", "SMITH JOHN"),
        ("a=b+c@d;e", "ABCDE"),
        ("1/2 - 3.4", "1/2 - 3.4"),
        # Spaces of any kind become one; emoji, zero-width and direction marks go.
        ("Pat\tSmith\u00a0 Jones", "PAT SMITH JONES"),
        ("\U0001f642 Pat\u200b", "PAT"),
        ("\u202eevil\u202c", "EVIL"),
    ],
)
def test_text_is_transliterated_to_the_bacs_character_set(text, expected):
    assert bacs_text(text) == expected.ljust(18)
    assert set(bacs_text(text)) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.&/- ")


@given(st.text(max_size=60))
def test_any_text_becomes_18_characters_of_the_bacs_set(text):
    result = bacs_text(text)
    assert len(result) == 18
    assert set(result) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.&/- ")
    assert result == result.strip().ljust(18) and "  " not in result.strip()


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
        # Digits of another script are digits to Python's \d, but not to a bank.
        ({"credits": (Credit("٣٠٩٤٥٧", "00733445", "A", 1, "R"),)}, "bank details"),
        ({"credits": (Credit("309457", "00733445", "🙂", 1, "R"),)}, "no letters"),
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
        "309457,00733445,ZOE OBRIEN-SMITH,46.50,COPRODUCE 12",
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
    cast, settings, originator
):
    from tests.expenses.helpers import a_batch, bank_choice

    batch = a_batch(cast)
    first = payout_files.bacs_file(batch)
    first_csv = payout_files.csv_file(batch)
    settings.BACS_ORIGINATOR_NAME = "Someone Else"
    bank_choice(cast.person, sort_code="111111", account_number="22222222")
    batch.refresh_from_db()
    assert payout_files.bacs_file(batch) == first
    assert payout_files.csv_file(batch) == first_csv
    assert b"309457" in first and b"COPRODUCE COUNCIL" in first


# The Standard 18 layout, checked by a reader written from the layout (tests/expenses/standard18).


def test_the_hand_worked_file_passes_the_standard_18_reader():
    assert standard18.problems(write(FILE)) == []


_credits = st.builds(
    Credit,
    sort_code=st.from_regex(r"\A[0-9]{6}\Z"),
    account_number=st.from_regex(r"\A[0-9]{8}\Z"),
    name=st.text(min_size=1, max_size=40).filter(lambda name: bacs_text(name).strip()),
    amount_pence=st.integers(min_value=1, max_value=1_000_000_000),
    reference=st.integers(min_value=1, max_value=10**8).map(lambda n: f"COPRODUCE {n}"),
)


@given(
    credits=st.lists(_credits, min_size=1, max_size=30),
    created=st.dates(min_value=date(2026, 1, 1), max_value=date(2032, 12, 31)),
)
@example(
    credits=[Credit("309457", "00733446", "Pat", 100, "COPRODUCE 1")], created=date(2026, 4, 2)
)
def test_every_file_the_writer_makes_passes_the_standard_18_reader(credits, created):
    processing, _arrives = bacs_dates(created)
    content = write(
        BacsFile(
            serial="000042",
            file_number="042",
            created_on=created,
            processing_date=processing,
            originator=ORIGINATOR,
            credits=tuple(credits),
        )
    )
    assert standard18.problems(content) == []


def _broken(change) -> list[str]:
    lines = write(FILE).decode("ascii").split("\r\n")[:-1]
    change(lines)
    return standard18.problems(("\r\n".join(lines) + "\r\n").encode("ascii"))


def _set(lines, index, start, value):
    lines[index] = lines[index][:start] + value + lines[index][start + len(value) :]


@pytest.mark.parametrize(
    "change, problem",
    [
        (lambda lines: lines.insert(1, lines.pop(2)), "must start VOL1 HDR1 HDR2 UHL1"),
        (lambda lines: lines.pop(6), "one contra record"),
        (lambda lines: _set(lines, 4, 35, "00000004651"), "the contra must equal"),
        (lambda lines: _set(lines, 9, 17, "0000000016996"), "UTL1 credit total"),
        (lambda lines: _set(lines, 9, 37, "0000003"), "UTL1 credit count"),
        (lambda lines: _set(lines, 1, 47, " 26337"), "HDR1 expiry must be the processing day"),
        (lambda lines: _set(lines, 4, 82, "Zoe"), "payee name"),
        (lambda lines: _set(lines, 6, 0, "111111"), "the contra must debit"),
        (lambda lines: lines.__setitem__(5, lines[5][:99]), "data record 2 is 99 characters"),
        (lambda lines: lines.__setitem__(0, lines[0] + " "), "VOL1 is 81 characters"),
    ],
)
def test_the_standard_18_reader_finds_what_is_wrong(change, problem):
    found = _broken(change)
    assert any(problem in p for p in found), found


def test_the_reader_refuses_a_processing_day_that_is_a_bank_holiday():
    good_friday = BacsFile(**{**FILE.__dict__, "processing_date": date(2026, 4, 3)})
    content = write(good_friday)
    assert "the processing day 2026-04-03 is not a Bacs day" in standard18.problems(content)
    assert b"\n" in content and b"\r\n" in content and content.count(b"\n") == 10


def test_a_batch_made_before_easter_is_a_valid_file_processed_after_it(cast, originator):
    from tests.expenses.helpers import approved_claim

    approved_claim(cast)
    approved_claim(cast, claimant=cast.carer)
    [batch_id] = services.payout_run(now=datetime(2026, 4, 2, 6, 0, tzinfo=LONDON))
    content = payout_files.bacs_file(PayoutBatch.objects.get(pk=batch_id))
    assert standard18.problems(content) == []
    uhl1 = content.decode("ascii").split("\r\n")[3]
    assert uhl1[4:10] == julian(date(2026, 4, 7))  # the Tuesday after Easter Monday
