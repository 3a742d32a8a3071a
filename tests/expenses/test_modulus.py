"""Modulus checking of sort codes and account numbers (issue 17, part 4): the published test
cases, the shipped dated table and the command that replaces it."""

import shutil

import pytest
from django.core.management import CommandError, call_command

from expenses import modulus

SHIPPED = modulus.DATA_DIR / "valacdos-20250623.txt"
SHIPPED_SUBSTITUTIONS = modulus.DATA_DIR / "scsubtab-20250623.txt"


@pytest.mark.parametrize(
    "sort_code, account_number, valid",
    modulus.PUBLISHED_CASES,
    ids=[f"case {n}" for n in range(1, len(modulus.PUBLISHED_CASES) + 1)],
)
def test_the_test_cases_published_with_the_specification_give_the_published_answer(
    sort_code, account_number, valid
):
    assert modulus.is_valid(sort_code, account_number) is valid


def test_the_published_cases_reach_every_method_and_all_fourteen_exceptions():
    rules = [
        rule
        for sort_code, _, _ in modulus.PUBLISHED_CASES
        for rule in modulus.table().rules_for(sort_code)
    ]
    assert {rule.method for rule in rules} == {"MOD10", "MOD11", "DBLAL"}
    assert {rule.exception for rule in rules} - {None} == set(range(1, 15))


@pytest.mark.parametrize(
    "sort_code, account_number, valid",
    [
        # The specification's two examples for exception 14 (Coutts), and a last digit that
        # cannot be dropped.
        ("180002", "98093517", True),
        ("180002", "00000190", True),
        ("180002", "12345678", False),
        # A sort code no range covers cannot be checked, so it is taken as valid.
        ("000000", "12345678", True),
        # Only digits, six and eight of them.
        ("30945", "00733446", False),
        ("309457", "733446", False),
        ("30945a", "00733446", False),
        ("309457", "0073344x", False),
        ("", "", False),
    ],
)
def test_other_answers(sort_code, account_number, valid):
    assert modulus.is_valid(sort_code, account_number) is valid


def test_the_shipped_table_is_vocalinks_of_23_june_2025():
    table = modulus.table()
    assert table.valid_from.isoformat() == "2025-06-23"
    assert len(table.rules) == 1151
    assert len(table.substitutions) == 21
    assert modulus.failing_published_cases(table) == []
    # Every sort code the substitution table names is one that exception 5 applies to.
    for original in table.substitutions:
        assert any(rule.exception == 5 for rule in table.rules_for(original))


@pytest.mark.parametrize(
    "line, message",
    [
        (
            "089000 089999 MOD10 0 0 0 0 0 0 7 1 3 7 1 3 7",
            "17 or 18",
        ),
        (
            "089000 089999 MOD12 0 0 0 0 0 0 7 1 3 7 1 3 7 1",
            "method",
        ),
        (
            "089000 089999 MOD10 0 0 0 0 0 0 7 1 3 7 1 3 7 x",
            "whole",
        ),
        (
            "089000 089999 MOD10 0 0 0 0 0 0 7 1 3 7 1 3 7 1 15",
            "exception 15",
        ),
        (
            "089999 089000 MOD10 0 0 0 0 0 0 7 1 3 7 1 3 7 1",
            "range",
        ),
        (
            "08900 089999 MOD10 0 0 0 0 0 0 7 1 3 7 1 3 7 1",
            "range",
        ),
    ],
)
def test_a_line_not_in_vocalinks_format_is_refused_by_its_number(line, message):
    good = "010004 016715 MOD11 0 0 0 0 0 0 8 7 6 5 4 3 2 1"
    with pytest.raises(modulus.TableError, match=f"line 2: .*{message}"):
        modulus.parse_weights(f"{good}\r\n{line}\r\n")


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "no rules"),
        # Out of order.
        (
            "089000 089999 MOD10 0 0 0 0 0 0 7 1 3 7 1 3 7 1\n"
            "010004 016715 MOD11 0 0 0 0 0 0 8 7 6 5 4 3 2 1\n",
            "not in sort code order",
        ),
        # Two ranges that overlap without being the same.
        (
            "089000 089999 MOD10 0 0 0 0 0 0 7 1 3 7 1 3 7 1\n"
            "089500 090000 MOD11 0 0 0 0 0 0 8 7 6 5 4 3 2 1\n",
            "overlap",
        ),
        # Three checks for one sort code.
        (
            "089000 089999 MOD10 0 0 0 0 0 0 7 1 3 7 1 3 7 1\n" * 3,
            "more than two checks",
        ),
    ],
)
def test_a_table_that_breaks_the_specifications_rules_is_refused(text, message):
    with pytest.raises(modulus.TableError, match=message):
        modulus.parse_weights(text)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A copy of the shipped data for the command to replace; the real files stay as they are."""
    shutil.copy(SHIPPED, tmp_path)
    shutil.copy(SHIPPED_SUBSTITUTIONS, tmp_path)
    monkeypatch.setattr(modulus, "DATA_DIR", tmp_path)
    modulus.table.cache_clear()
    yield tmp_path
    modulus.table.cache_clear()


def _vocalink_file(tmp_path, name, text):
    """A file as Vocalink publishes it: Windows line endings."""
    path = tmp_path / "downloads" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(text.replace("\n", "\r\n").encode("ascii"))
    return str(path)


def test_the_command_checks_and_installs_a_new_table_in_place_of_the_old(data_dir, capsys):
    rules = SHIPPED.read_text()
    # The new table: one more range than the shipped one, at a sort code nobody had.
    new = rules + "999990 999999 MOD11 0 0 0 0 0 0 8 7 6 5 4 3 2 1\n"
    weights = _vocalink_file(data_dir, "valacdos-v900.txt", new)
    substitutions = _vocalink_file(data_dir, "scsubtab.txt", SHIPPED_SUBSTITUTIONS.read_text())
    assert modulus.is_valid("999995", "12345678")  # not covered yet

    call_command(
        "update_modulus_weights", weights, substitutions=substitutions, valid_from="2026-03-02"
    )

    assert sorted(p.name for p in data_dir.glob("*.txt")) == [
        "scsubtab-20260302.txt",
        "valacdos-20260302.txt",
    ]
    assert b"\r" not in (data_dir / "valacdos-20260302.txt").read_bytes()
    table = modulus.table()
    assert (table.valid_from.isoformat(), len(table.rules)) == ("2026-03-02", 1152)
    assert not modulus.is_valid("999995", "12345678")  # now checked, and it fails
    assert "1152 rules, 21 substitutions, from 02 March 2026" in capsys.readouterr().out


def _refused(data_dir, *args, **options):
    before = {p.name: p.read_bytes() for p in data_dir.glob("*.txt")}
    with pytest.raises(CommandError) as error:
        call_command("update_modulus_weights", *args, **options)
    assert {p.name: p.read_bytes() for p in data_dir.glob("*.txt")} == before
    return str(error.value)


def test_the_command_refuses_a_file_not_in_vocalinks_format_and_keeps_the_old_one(data_dir):
    weights = _vocalink_file(data_dir, "valacdos.txt", SHIPPED.read_text() + "not a rule\n")
    message = _refused(data_dir, weights, valid_from="2026-03-02")
    assert "line 1152: expected 17 or 18 fields" in message


def test_the_command_refuses_a_table_that_fails_the_published_test_cases(data_dir):
    # Without the range of the modulus 10 cases, an account that should fail (case 29) passes.
    rules = "".join(line for line in SHIPPED.read_text().splitlines(True) if "089000" not in line)
    weights = _vocalink_file(data_dir, "valacdos.txt", rules)
    message = _refused(data_dir, weights, valid_from="2026-03-02")
    assert "089999 66374959" in message and "not installed" in message


@pytest.mark.parametrize(
    "content, options, message",
    [
        ("older", {"valid_from": "2024-01-01"}, "later than this one"),
        ("café\n", {"valid_from": "2026-03-02"}, "plain ASCII"),
    ],
)
def test_the_command_refuses_an_older_table_or_a_file_that_is_not_text(
    data_dir, content, options, message
):
    path = data_dir / "downloads.txt"
    if content == "older":
        path.write_text(SHIPPED.read_text())
    else:
        path.write_bytes(content.encode("utf-8"))
    assert message in _refused(data_dir, str(path), **options)


def test_the_command_says_when_the_file_is_missing(data_dir):
    assert "no such file" in _refused(
        data_dir, "/nonexistent/valacdos.txt", valid_from="2026-03-02"
    )
