"""The impact report: a printable page and a zip of CSV files for a board, in counts and
trends, with nobody's name or access needs; for the commissioner and facilitators."""

import csv
import io
import zipfile
from datetime import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.base import LONDON
from tests.outcomes.helpers import busy_project

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 5, 12, 10, 0, tzinfo=LONDON)


def _url(name, project):
    return reverse(name, args=[project.pk])


@time_machine.travel(NOW, tick=False)
def test_the_page_reports_counts_and_trends_without_names(client, cast):
    busy_project(cast.commissioner, project=cast.project)
    client.force_login(cast.facilitator)
    page = client.get(_url("impact-report", cast.project)).content.decode()
    assert "11 members by role" in page
    assert "100%: 3 of 3 places recorded were taken up" in page
    assert "£40.00 in 1 claim" in page
    assert "2.0 working days from claim to payment (median); 100% paid by the date promised" in page
    assert page.count("Large gap (-2.0)") == 4 and page.count("Large gap (-1.0)") == 4
    assert "1, of which 1 overdue" in page
    assert "Consultation" in page and "Co-design" in page
    for private in [cast.person.display_name, cast.carer.display_name, "Step-free", "step-free"]:
        assert private not in page
    assert 'media="print"' in page


@time_machine.travel(NOW, tick=False)
def test_the_csv_pack_holds_a_file_per_table_each_for_excel(client, cast):
    busy_project(cast.commissioner, project=cast.project)
    client.force_login(cast.commissioner)
    response = client.get(_url("impact-report-csv", cast.project))
    assert response["Content-Type"] == "application/zip"
    pack = zipfile.ZipFile(io.BytesIO(response.content))
    assert set(pack.namelist()) == {
        "members-by-role.csv",
        "meetings.csv",
        "access.csv",
        "payments.csv",
        "reviews.csv",
        "actions.csv",
        "ladder.csv",
    }
    tables = {}
    for name in pack.namelist():
        raw = pack.read(name)
        assert raw.startswith("\ufeff".encode())
        tables[name] = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert ["Person who draws on care and support", "4"] in tables["members-by-role.csv"]
    assert tables["payments.csv"][1] == ["1", "40.00", "2.0", "100"]
    # The past meeting: the two members who share an essential need were invited (every member
    # is, unless they said no) and nothing was arranged for them.
    assert tables["access.csv"][1] == ["2", "0", "0"]
    assert tables["actions.csv"][1] == ["1", "1", "1"]
    assert len(tables["reviews.csv"]) == 1 + 2 * 4
    assert tables["ladder.csv"][1][2:] == ["Consultation", "Co-design"]
    # The same report gives the same bytes.
    assert client.get(_url("impact-report-csv", cast.project)).content == response.content


def _queries(client, name, project) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(name, project)).status_code == 200
    return len(queries)


@time_machine.travel(NOW, tick=False)
def test_the_report_makes_the_same_queries_however_big_the_project(client, cast):
    busy_project(cast.commissioner, project=cast.project, reviews=1)
    client.force_login(cast.commissioner)
    small = {n: _queries(client, n, cast.project) for n in ("impact-report", "impact-report-csv")}
    busy_project(cast.commissioner, project=cast.project)
    big = {n: _queries(client, n, cast.project) for n in ("impact-report", "impact-report-csv")}
    assert big == small
