"""UK modulus checking: does this account number fit this sort code?

Vocalink (the operator of Bacs) publishes, for the sort codes of the banks that take part, which
checks an account number must pass: a table of sort code ranges with a method (standard modulus
10 or 11, or double alternate), fourteen weights and sometimes an exception number, and a
substitution table used by exception 5. Both are shipped in expenses/data/ as dated text files,
valacdos-YYYYMMDD.txt and scsubtab-YYYYMMDD.txt (the date the table applies from), and replaced
with `manage.py update_modulus_weights` when Vocalink publishes new ones (docs/bacs.md).

A pass means the account number is possible at that sort code, not that the account exists.
A sort code that no range covers cannot be checked and is taken as valid, as the specification
says. The digits are named as in the specification:

    sort code  u v w x y z    account number  a b c d e f g h
"""

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
WEIGHTS_PREFIX, SUBSTITUTIONS_PREFIX = "valacdos", "scsubtab"
_DATED = re.compile(r"^(valacdos|scsubtab)-(\d{8})\.txt$")
_SORT_CODE = re.compile(r"^[0-9]{6}$")  # not \d, which matches the digits of every script
_ACCOUNT = re.compile(r"^[0-9]{8}$")

MOD10, MOD11, DBLAL = "MOD10", "MOD11", "DBLAL"
_MODULUS = {MOD10: 10, MOD11: 11, DBLAL: 10}
# a..h are positions 6..13 of the fourteen digits (sort code then account number).
A, B, C, G, H = 6, 7, 8, 12, 13

# Exception 2: weights that replace the table's when a is not 0 (g is not 9, and g is 9).
_EXCEPTION_2_WEIGHTS = (0, 0, 1, 2, 5, 3, 6, 4, 8, 7, 10, 9, 3, 1)
_EXCEPTION_2_WEIGHTS_G9 = (0, 0, 0, 0, 0, 0, 0, 0, 8, 7, 10, 9, 3, 1)
# Exception 8 checks as this sort code; exception 9 (Lloyds euro accounts) as this one.
_EXCEPTION_8_SORT_CODE = "090126"
_EXCEPTION_9_SORT_CODE = "309634"
# Pairs of checks where passing either one is enough (first check's exception numbers; 2 with
# 9 is handled on its own because its second check changes the sort code).
_EITHER = {10, 11, 12, 13}


class TableError(ValueError):
    """A weights or substitution file that is not in Vocalink's format; says which line."""


@dataclass(frozen=True)
class Rule:
    start: int
    end: int
    method: str
    weights: tuple[int, ...]
    exception: int | None


@dataclass(frozen=True)
class Table:
    valid_from: date
    rules: tuple[Rule, ...]
    substitutions: dict[str, str]
    # The rules grouped by range, and each group's start, for a binary search: parse_weights
    # guarantees sort code order and ranges that are either the same or apart.
    _groups: list[tuple[Rule, ...]] = field(init=False, repr=False, compare=False)
    _starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        groups: list[list[Rule]] = []
        for rule in self.rules:
            if groups and (groups[-1][0].start, groups[-1][0].end) == (rule.start, rule.end):
                groups[-1].append(rule)
            else:
                groups.append([rule])
        object.__setattr__(self, "_groups", [tuple(g) for g in groups])
        object.__setattr__(self, "_starts", [g[0].start for g in groups])

    def rules_for(self, sort_code: str) -> tuple[Rule, ...]:
        """The one or two checks for a sort code, in the table's order; none if not covered."""
        number = int(sort_code)
        index = bisect_right(self._starts, number) - 1
        if index < 0 or self._groups[index][0].end < number:
            return ()
        return self._groups[index]


def parse_weights(text: str) -> tuple[Rule, ...]:
    """The modulus weight table (VALACDOS): per line, start and end sort code, the method,
    fourteen signed weights and an optional exception number, separated by spaces. Raises
    TableError naming the first line that is not like that, or a table that breaks the
    specification's own rules (more than two checks for one sort code, a pair of checks whose
    ranges differ)."""
    rules = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split()
        where = f"line {number}"
        if len(fields) not in (17, 18):
            raise TableError(f"{where}: expected 17 or 18 fields, found {len(fields)}")
        start, end, method = fields[0], fields[1], fields[2].upper()
        if not (_SORT_CODE.match(start) and _SORT_CODE.match(end)) or start > end:
            raise TableError(f"{where}: the sort code range {start} {end} is not valid")
        if method not in _MODULUS:
            raise TableError(f"{where}: unknown method {fields[2]!r}")
        try:
            weights = tuple(int(w) for w in fields[3:17])
            exception = int(fields[17]) if len(fields) == 18 else None
        except ValueError:
            raise TableError(f"{where}: weights and exception must be whole numbers") from None
        if any(not -999 <= w <= 999 for w in weights):
            raise TableError(f"{where}: a weight is out of range")
        if exception is not None and not 1 <= exception <= 14:
            raise TableError(f"{where}: unknown exception {exception}")
        rules.append(Rule(int(start), int(end), method, weights, exception))
    if not rules:
        raise TableError("the file has no rules")
    for previous, rule in zip(rules, rules[1:], strict=False):
        if rule.start < previous.start:
            raise TableError(f"the rules are not in sort code order at {rule.start:06d}")
        if rule.start <= previous.end and (rule.start, rule.end) != (previous.start, previous.end):
            raise TableError(f"the ranges overlap at {rule.start:06d}")
    for first, second, third in zip(rules, rules[1:], rules[2:], strict=False):
        if first.start == second.start == third.start:
            raise TableError(f"more than two checks for sort code {first.start:06d}")
    return tuple(rules)


def parse_substitutions(text: str) -> dict[str, str]:
    """The sorting code substitution table (SCSUBTAB): an original and a substitute sort code
    on each line."""
    substitutions = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split()
        if len(fields) != 2 or not all(_SORT_CODE.match(f) for f in fields):
            raise TableError(f"line {number}: expected two six-digit sort codes")
        substitutions[fields[0]] = fields[1]
    return substitutions


def dated_file(prefix: str, directory: Path | None = None) -> tuple[Path, date]:
    """The newest `prefix`-YYYYMMDD.txt in the directory (the shipped data), and its date."""
    directory = directory or DATA_DIR
    found = []
    for path in directory.iterdir():
        match = _DATED.match(path.name)
        if match and match.group(1) == prefix:
            found.append((datetime.strptime(match.group(2), "%Y%m%d").date(), path))
    if not found:
        raise FileNotFoundError(f"no {prefix}-YYYYMMDD.txt in {directory}")
    valid_from, path = max(found)
    return path, valid_from


@lru_cache(maxsize=1)
def table() -> Table:
    """The shipped table, read once per process (update_modulus_weights clears this)."""
    weights, valid_from = dated_file(WEIGHTS_PREFIX)
    substitutions, _ = dated_file(SUBSTITUTIONS_PREFIX)
    return Table(
        valid_from=valid_from,
        rules=parse_weights(weights.read_text(encoding="ascii")),
        substitutions=parse_substitutions(substitutions.read_text(encoding="ascii")),
    )


# The test cases published with the specification (chapter 3), which cover every method and
# exception: sort code, account number, whether it is valid. Run by the tests and by
# update_modulus_weights against a new table before it replaces the shipped one.
PUBLISHED_CASES = (
    ("089999", "66374958", True),  # 1: passes modulus 10
    ("107999", "88837491", True),  # 2: passes modulus 11
    ("202959", "63748472", True),  # 3: passes modulus 11 and double alternate
    ("871427", "46238510", True),  # 4: exceptions 10 and 11, first passes, second fails
    ("872427", "46238510", True),  # 5: exceptions 10 and 11, first fails, second passes
    ("871427", "09123496", True),  # 6: exception 10, ab = 09 and g = 9
    ("871427", "99123496", True),  # 7: exception 10, ab = 99 and g = 9
    ("820000", "73688637", True),  # 8: exception 3, start of a range, c = 6
    ("827999", "73988638", True),  # 9: exception 3, end of a range, c = 9
    ("827101", "28748352", True),  # 10: exception 3, both checks made and passed
    ("134020", "63849203", True),  # 11: exception 4, remainder equals the check digits
    ("118765", "64371389", True),  # 12: exception 1, 27 added to the total
    ("200915", "41011166", True),  # 13: exception 6, a foreign currency account
    ("938611", "07806039", True),  # 14: exception 5 passes
    ("938600", "42368003", True),  # 15: exception 5 passes with substitution
    ("938063", "55065200", True),  # 16: exception 5, both remainders 0
    ("772798", "99345694", True),  # 17: exception 7 passes where the standard check fails
    ("086090", "06774744", True),  # 18: exception 8 passes
    ("309070", "02355688", True),  # 19: exceptions 2 and 9, first check passes
    ("309070", "12345668", True),  # 20: exceptions 2 and 9, second passes with substitution
    ("309070", "12345677", True),  # 21: exceptions 2 and 9, a not 0 and g not 9
    ("309070", "99345694", True),  # 22: exceptions 2 and 9, a not 0 and g = 9
    ("938063", "15764273", False),  # 23: exception 5, second check digit wrong
    ("938063", "15764264", False),  # 24: exception 5, first check digit wrong
    ("938063", "15763217", False),  # 25: exception 5, first remainder 1
    ("118765", "64371388", False),  # 26: exception 1 fails double alternate
    ("203099", "66831036", False),  # 27: passes modulus 11, fails double alternate
    ("203099", "58716970", False),  # 28: fails modulus 11, passes double alternate
    ("089999", "66374959", False),  # 29: fails modulus 10
    ("107999", "88837493", False),  # 30: fails modulus 11
    ("074456", "12345112", True),  # 31: exceptions 12 and 13, modulus 11 passes
    ("070116", "34012583", True),  # 32: exceptions 12 and 13, both pass
    ("074456", "11104102", True),  # 33: exceptions 12 and 13, only modulus 10 passes
    ("180002", "00000190", True),  # 34: exception 14, second check passes
)


def failing_published_cases(rules: Table) -> list[tuple[str, str, bool]]:
    """The published test cases that a table gets wrong: none for a good table."""
    return [case for case in PUBLISHED_CASES if is_valid(case[0], case[1], rules) != case[2]]


def is_valid(sort_code: str, account_number: str, rules: Table | None = None) -> bool:
    """Whether the account number passes the checks for its sort code. Both are digits only:
    six for the sort code, eight for the account number (shorter ones padded with zeros at the
    front, as forms.PaymentChoiceForm does). Anything else is not valid."""
    if not (_SORT_CODE.match(sort_code or "") and _ACCOUNT.match(account_number or "")):
        return False
    rules = rules or table()
    found = rules.rules_for(sort_code)
    if not found:
        return True  # not covered: the specification says to presume it valid
    # Exception 5: some sort codes are checked as another one (the substitution table).
    if any(rule.exception == 5 for rule in found):
        sort_code = rules.substitutions.get(sort_code, sort_code)
    digits = [int(d) for d in sort_code + account_number]
    first = found[0]
    second = found[1] if len(found) > 1 else None
    # Exception 6: foreign currency accounts, which cannot be checked.
    if first.exception == 6 and 4 <= digits[A] <= 8 and digits[G] == digits[H]:
        return True
    passed = _check(first, digits)
    if second is None:
        return passed
    if first.exception == 2:
        # Lloyds: a sterling account passes the first check; a euro account quoted with its
        # branch's sort code passes the second, made as if at the euro sort code.
        return passed or _check(second, [int(d) for d in _EXCEPTION_9_SORT_CODE] + digits[A:])
    if first.exception in _EITHER:
        return passed or _check(second, digits)
    return passed and _check(second, digits)


def _check(rule: Rule, digits: list[int]) -> bool:
    """One row of the table applied to the fourteen digits, with its exception."""
    weights = list(rule.weights)
    exception = rule.exception
    if exception == 3 and digits[C] in (6, 9):
        return True  # this check is not made for these accounts
    if exception == 8:
        digits = [int(d) for d in _EXCEPTION_8_SORT_CODE] + digits[A:]
    if exception == 2 and digits[A] != 0:
        weights = list(_EXCEPTION_2_WEIGHTS_G9 if digits[G] == 9 else _EXCEPTION_2_WEIGHTS)
    if digits[G] == 9 and (
        exception == 7 or (exception == 10 and (digits[A], digits[B]) in ((0, 9), (9, 9)))
    ):
        weights[: B + 1] = [0] * (B + 1)  # u to b count for nothing
    total = _total(rule.method, weights, digits)
    if exception == 1:
        total += 27
    remainder = total % _MODULUS[rule.method]
    if exception == 4:
        return remainder == digits[G] * 10 + digits[H]
    if exception == 5:
        if rule.method == DBLAL:
            return (remainder == 0 and digits[H] == 0) or 10 - remainder == digits[H]
        if remainder == 1:
            return False
        return (remainder == 0 and digits[G] == 0) or 11 - remainder == digits[G]
    if remainder == 0:
        return True
    if exception == 14:
        # Coutts: an account number ending 0, 1 or 9 is checked again without that last digit
        # and with a 0 in front.
        if digits[H] not in (0, 1, 9):
            return False
        shifted = digits[:A] + [0] + digits[A:H]
        return _total(rule.method, weights, shifted) % _MODULUS[rule.method] == 0
    return False


def _total(method: str, weights: list[int], digits: list[int]) -> int:
    products = [w * d for w, d in zip(weights, digits, strict=True)]
    if method == DBLAL:
        # Double alternate adds the digits of each product, not the products.
        return sum(sum(int(c) for c in str(abs(p))) for p in products)
    return sum(products)


def made_up_account_number(sort_code: str, start: int) -> str:
    """For demo and test data: the first account number from `start` that passes the checks
    at `sort_code` (distinct starts 100 apart give distinct numbers)."""
    for number in range(start, start + 100):
        candidate = f"{number % 100_000_000:08d}"
        if is_valid(sort_code, candidate):
            return candidate
    raise ValueError(f"no account number from {start} passes at {sort_code}")
