"""Every CSV the portal offers neutralises cells a spreadsheet would run as a formula
(coproduce/csv_safe.py), through the real views: the finance export of payments and a review's
results; and the bank's CSV payment file, whose cleaned names start with a letter or digit
whatever name a person types."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from expenses.bacs import Credit
from expenses.payment_csv import write_bank_csv
from reviews import services as reviews
from reviews.models import Statement
from tests.base import give_second_factor, make_user
from tests.expenses.helpers import a_batch
from tests.fuzz.harness import ENCODABLE, FUZZ, ODD_VALUES, signed_in
from tests.reviews.factories import answer, make_cycle

pytestmark = pytest.mark.django_db

STARTS = ["=", "+", "-", "@", "\t", "\r"]


def _cells(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = csv.reader(io.StringIO(response.content.decode(), newline=""))
    return [cell for row in rows for cell in row]


def _neutralised(cells: list[str], payload: str) -> None:
    mine = [cell for cell in cells if payload.lstrip("=+-@\t\r") in cell]
    assert mine, "the payload is in the file"
    for cell in mine:
        assert cell.startswith("'"), repr(cell)


@pytest.mark.parametrize("start", STARTS)
def test_the_payments_export_neutralises_every_formula_start(cast, start):
    payload = f'{start}HYPERLINK("http://evil.example")'
    cast.person.full_name = payload
    cast.person.save(update_fields=["full_name"])
    batch = a_batch(cast)
    claim = batch.items.get().claim
    claim.meeting.title = payload
    claim.meeting.save(update_fields=["title"])
    cast.project.title = payload
    cast.project.save(update_fields=["title"])
    officer = make_user("fiona")
    officer.user_permissions.add(Permission.objects.get(codename="process_payouts"))
    give_second_factor(officer)  # finance officers need one
    client = signed_in(officer)
    client.reauthenticate(officer)  # the export asks for the password again
    cells = _cells(client.get(reverse("finance-export")))
    _neutralised(cells, payload)
    assert sum(payload.lstrip(start) in cell for cell in cells) == 3  # person, meeting, project


@pytest.mark.parametrize("start", STARTS)
def test_the_review_results_csv_neutralises_every_formula_start(cast, start):
    payload = f"{start}cmd|' /C calc'!A0"
    cycle = make_cycle(cast.project, "scheduled")
    Statement.objects.create(cycle=cycle, piece="culture", text=payload, easy_read="E")
    cycle = reviews.cycle_open(cycle=cycle, today=cycle.opens_on)
    for user in (cast.person, cast.carer, cast.professional):
        answer(cycle, user)
    cycle = reviews.cycle_close(cycle=cycle, today=cycle.closes_on)
    url = reverse("review-results-csv", args=[cast.project.pk, cycle.pk])
    _neutralised(_cells(signed_in(cast.facilitator).get(url)), payload)


_names = st.one_of(
    st.sampled_from(ODD_VALUES),
    st.text(ENCODABLE, max_size=60),
    st.lists(st.sampled_from([" ", "-", "=", "+", "@", "\t", "\r", "'", "A1", "ø", "中"])).map(
        "".join
    ),
)


@FUZZ
@given(name=_names, reference=_names)
def test_no_cell_of_the_bank_csv_starts_as_a_formula_whatever_the_name(name, reference):
    content = write_bank_csv([Credit("309457", "00733445", name, 4650, reference)])
    for row in csv.reader(io.StringIO(content.decode(), newline="")):
        for cell in row:
            assert not cell.startswith((*STARTS, "'")), repr(cell)
