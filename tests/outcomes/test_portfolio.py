"""The commissioner's portfolio: a row per project with every column, sorting and filtering by
GET, 25 a page, a CSV download, and a fixed number of queries."""

import csv
import html
import io
from datetime import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertInHTML

from projects.models import ProjectStatus
from tests.base import LONDON, make_project, make_user
from tests.outcomes.helpers import busy_project
from tests.reviews.factories import make_cycle

pytestmark = pytest.mark.django_db

# A Wednesday, well away from bank holidays.
NOW = datetime(2027, 5, 12, 10, 0, tzinfo=LONDON)


@time_machine.travel(NOW, tick=False)
def test_each_row_shows_every_column_without_naming_anyone(client, cast):
    busy_project(cast.commissioner, project=cast.project)
    client.force_login(cast.commissioner)
    page = client.get(reverse("portfolio")).content.decode()
    assert "Not in force" in page
    # 4 of the cast and 6 more members, the 6 signed.
    assert "Signed by 6 of 11 members" in page
    assert "1 of 2 essential needs arranged" in page
    assert "1 claim waiting" in page
    assert "Paid in 2.0 working days (median); 100% by the date promised" in page
    assert "Large gap (-1.0), narrower than at the review before" in page
    assert "1 open, 1 overdue" in page
    assert "Lived experience: Consultation" in page and "Professionals: Co-design" in page
    for name in [cast.person.display_name, cast.carer.display_name, "Step-free"]:
        assert name not in page


@time_machine.travel(NOW, tick=False)
def test_each_row_is_the_project_and_six_cells_in_the_readers_language(client, cast):
    busy = busy_project(cast.commissioner, project=cast.project)
    quiet = make_project(cast.commissioner, "<i>Quiet</i> مشروع")
    quiet.status = ProjectStatus.CLOSED
    quiet.save(update_fields=["status"])
    cycle = busy.review_cycles.get(title="Review 10")
    client.force_login(cast.commissioner)
    page = client.get(reverse("portfolio")).content.decode()

    def cells(*texts):
        return "".join(f'<td class="govuk-table__cell">{text}</td>' for text in texts)

    def header(project, title, status):
        return (
            '<th scope="row" class="govuk-table__header">'
            f'<a class="govuk-link" href="/projects/{project.pk}/">{title}</a><br>'
            f'<span class="govuk-body-s">{status}</span><br>'
            f'<a class="govuk-link govuk-body-s" href="/projects/{project.pk}/impact/">'
            f'Impact report<span class="govuk-visually-hidden">: {title}</span></a></th>'
        )

    small = '<span class="govuk-body-s">{}</span>'.format
    ladder = (
        '<ul class="govuk-list govuk-body-s govuk-!-margin-bottom-0">'
        "<li>Lived experience: Consultation</li><li>Professionals: Co-design</li></ul>"
    )
    gaps = "".join(
        f"<li><strong>{piece}:</strong> Large gap (-1.0), narrower than at the review before</li>"
        for piece in ("Culture", "Structure", "Practice", "Review")
    )
    assertInHTML(
        '<tr class="govuk-table__row">'
        + header(busy, busy.title, "Draft")
        + cells(
            "Not in force<br>" + small("Signed by 6 of 11 members"),
            "1 of 2 essential needs arranged<br>" + small("19 May 2027"),
            "1 claim waiting<br>"
            + small("Paid in 2.0 working days (median); 100% by the date promised"),
            f'<a class="govuk-link govuk-body-s" href="/projects/{busy.pk}/reviews/{cycle.pk}/'
            f'results/">Review 10, closed {cycle.closes_on:%-d %b %Y}</a>'
            '<ul class="govuk-list govuk-body-s govuk-!-margin-bottom-0">' + gaps + "</ul>",
            "1 open, 1 overdue",
            ladder,
        )
        + "</tr>",
        page,
    )
    quiet_title = "<bdi>&lt;i&gt;Quiet&lt;/i&gt; مشروع</bdi>"
    assertInHTML(
        '<tr class="govuk-table__row">'
        + header(quiet, quiet_title, "Closed")
        + cells(
            "Not in force<br>" + small("Signed by 0 of 1 members"),
            "No meeting planned",
            "0 claims waiting<br>" + small("Nothing paid in the last 90 days"),
            "No review has closed yet",
            "0 open, 0 overdue",
            "Not assessed yet",
        )
        + "</tr>",
        page,
    )
    cast.commissioner.language = "cy"
    cast.commissioner.save(update_fields=["language"])
    welsh = html.unescape(client.get(reverse("portfolio")).content.decode())
    for words in ("Dim cyfarfod wedi'i gynllunio", "Heb ei asesu eto", "Adroddiad effaith"):
        assert words in welsh
    assert f"Review 10, caewyd {cycle.closes_on:%-d}" in welsh


@time_machine.travel(NOW, tick=False)
def test_the_csv_has_the_same_columns_opens_in_excel_and_neutralises_formulas(client, cast):
    busy_project(cast.commissioner, project=cast.project)
    make_project(cast.commissioner, '=HYPERLINK("http://evil")')
    client.force_login(cast.commissioner)
    response = client.get(reverse("portfolio-csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, *lines = rows
    assert len(header) == 24 and all(len(line) == 24 for line in lines)
    by_title = {line[0]: dict(zip(header, line, strict=True)) for line in lines}
    assert '\'=HYPERLINK("http://evil")' in by_title
    row = by_title["Short breaks"]
    assert row["Charter in force"] == "No"
    assert (row["Members who signed the charter"], row["Current members"]) == ("6", "11")
    assert row["Essential access needs arranged for it"] == "1"
    assert row["Essential access needs for it"] == "2"
    assert row["Claims waiting for approval"] == "1"
    assert row["Median working days from submitted to paid (last 90 days)"] == "2.0"
    assert row["Paid by the promised date (%, last 90 days)"] == "100"
    assert row["Culture: lived experience minus professionals"] == "-1.0"
    assert row["Culture: since the review before"] == "narrower than at the review before"
    assert (row["Actions open"], row["Actions overdue"]) == ("1", "1")
    assert row["Ladder step (Lived experience)"] == "Consultation"


def test_it_sorts_and_filters_by_the_query_string(client, cast):
    make_project(cast.commissioner, "Alpha").memberships.update()
    beta = make_project(cast.commissioner, "Beta")
    beta.status = ProjectStatus.ACTIVE
    beta.save()
    client.force_login(cast.commissioner)
    page = client.get(reverse("portfolio"), {"sort": "title"}).content.decode()
    assert page.index("Alpha") < page.index("Beta") < page.index("Short breaks")
    page = client.get(reverse("portfolio"), {"status": "active"}).content.decode()
    assert "Beta" in page and "Alpha" not in page
    page = client.get(reverse("portfolio"), {"overdue": "1"}).content.decode()
    assert "No project you commission matches" in page
    # Nonsense is ignored, not an error.
    assert client.get(reverse("portfolio"), {"sort": "x", "status": "y"}).status_code == 200
    csv_text = client.get(reverse("portfolio-csv"), {"status": "active"}).content.decode()
    assert "Beta" in csv_text and "Alpha" not in csv_text


def test_it_shows_25_projects_a_page(client, cast):
    for number in range(25):
        make_project(cast.commissioner, f"Project {number:02}")
    client.force_login(cast.commissioner)
    first = client.get(reverse("portfolio")).content.decode()
    assert "Portfolio (page 1 of 2)" in first and "26 projects" in first
    assert first.count("No review has closed yet") == 25
    second = client.get(reverse("portfolio"), {"page": 2}).content.decode()
    assert "Short breaks" in second and "Short breaks" not in first


def test_people_who_commission_nothing_see_an_empty_portfolio_and_no_header_link(client, cast):
    client.force_login(cast.person)
    page = client.get(reverse("portfolio")).content.decode()
    assert "You do not commission any projects." in page
    # Nothing to sort, filter or download.
    assert "Sort by" not in page and reverse("portfolio-csv") not in page
    assert 'href="/portfolio/"' not in client.get(reverse("home")).content.decode()
    client.force_login(cast.commissioner)
    assert 'href="/portfolio/"' in client.get(reverse("home")).content.decode()
    page = client.get(reverse("portfolio")).content.decode()
    assert "Sort by" in page and reverse("portfolio-csv") in page


def _queries(client, name) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(name)).status_code == 200
    return len(queries)


def _both_ways(client) -> dict[str, int]:
    """The queries of the page and the CSV with every project's figures worked out, then with
    them all kept in the cache (outcomes/figures_cache.py)."""
    counts = {}
    for name in ("portfolio", "portfolio-csv"):
        cache.clear()
        counts[f"{name}, worked out"] = _queries(client, name)
        counts[f"{name}, kept"] = _queries(client, name)
    return counts


@time_machine.travel(NOW, tick=False)
def test_the_page_and_the_csv_make_as_many_queries_for_30_projects_as_for_1(client, cast):
    busy_project(cast.commissioner, project=cast.project)
    elsewhere = make_project(make_user("nadia"), "Not hers")
    make_cycle(elsewhere, "closed")
    client.force_login(cast.commissioner)
    one = _both_ways(client)
    for number in range(29):
        busy_project(cast.commissioner, f"Project {number:02}", reviews=1)
    thirty = _both_ways(client)
    assert thirty == one
    # Kept, none of the figures is worked out: fewer queries.
    assert one["portfolio, kept"] < one["portfolio, worked out"]
    page = client.get(reverse("portfolio")).content.decode()
    assert page.count("1 open, 1 overdue") == 25 and "Not hers" not in page
