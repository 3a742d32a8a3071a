"""My contribution: the facts of what a person gave, and a record of it that a facilitator
confirms and the person downloads (printable page and PDF). Facts only: never access needs."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from contributions import services
from contributions.facts import contribution_of
from contributions.models import ContributionRecord
from expenses import services as expenses
from expenses.models import PayoutBatch
from projects.models import Attendance
from tests.accessibility.helpers import give_needs
from tests.base import LONDON, make_meeting
from tests.expenses.helpers import approved_claim

pytestmark = pytest.mark.django_db


def _attended(cast, user, days_from_now, **fields):
    meeting = make_meeting(cast.project, days_from_now=days_from_now, **fields)
    Attendance.objects.create(meeting=meeting, user=user, attended=True)
    return meeting


def test_hours_come_from_meetings_that_happened_and_attended(cast):
    _attended(cast, cast.person, -10, title="Ideas day")  # 2 hours
    _attended(cast, cast.person, -3, title="Deciding")  # 2 hours
    _attended(cast, cast.person, 5, title="Not yet")  # recorded ahead: does not count
    make_meeting(cast.project, days_from_now=-1, title="Missed")
    contribution = contribution_of(cast.person)
    [project] = contribution.projects
    assert [title for _day, title in project.meetings] == ["Ideas day", "Deciding"]
    assert (contribution.meeting_count, contribution.hours) == (2, "4")


def test_payments_count_from_the_start_of_the_tax_year(cast):
    with time_machine.travel(datetime(2027, 4, 5, 12, tzinfo=LONDON), tick=False):
        approved_claim(cast)
        [batch_id] = expenses.payout_run()
        expenses.batch_mark_submitted(batch=PayoutBatch.objects.get(pk=batch_id), by=cast.outsider)
        assert contribution_of(cast.person).paid_this_tax_year_pence == 4000
    with time_machine.travel(datetime(2027, 4, 6, 12, tzinfo=LONDON), tick=False):
        assert contribution_of(cast.person).paid_this_tax_year_pence == 0


def test_a_person_asks_a_facilitator_confirms_and_the_person_downloads(client, cast):
    give_needs(cast.person, ("step-free", "essential", "SECRET-NEED-WORDS"))
    _attended(cast, cast.person, -7, title="Ideas day")
    client.force_login(cast.person)
    page = client.get(reverse("my-contribution")).text
    assert "Short breaks" in page and "Ideas day" not in page  # counts here, names on the record
    url = reverse("contribution-record-request", args=[cast.project.pk])
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # asking twice makes one request
    record = ContributionRecord.objects.get()
    assert "You asked for a record" in client.get(reverse("my-contribution")).text
    assert client.get(reverse("contribution-record-detail", args=[record.pk])).status_code == 404

    client.force_login(cast.facilitator)
    listing = client.get(reverse("contribution-record-list", args=[cast.project.pk])).text
    assert "Pat asked on" in listing
    confirm = reverse("contribution-record-confirm", args=[cast.project.pk, record.pk])
    assert client.post(confirm).status_code == 302
    record.refresh_from_db()
    assert record.confirmed_by == cast.facilitator and record.facts["hours"] == "2"

    client.force_login(cast.person)
    printable = client.get(reverse("contribution-record-detail", args=[record.pk]))
    assert "Ideas day" in printable.text and "Confirmed on" in printable.text
    assert "SECRET-NEED-WORDS" not in printable.text and "Step-free" not in printable.text
    pdf = client.get(reverse("contribution-record-download", args=[record.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert 'filename="record-of-contribution-' in pdf["Content-Disposition"]
    # Someone else's record is not found, even for a facilitator of the project.
    client.force_login(cast.facilitator)
    assert client.get(reverse("contribution-record-download", args=[record.pk])).status_code == 404


def test_nobody_confirms_their_own_record(cast):
    record = services.record_request(person=cast.facilitator, project=cast.project)
    with pytest.raises(ValidationError, match="Someone else"):
        services.record_confirm(record=record, by=cast.facilitator)


def test_the_record_keeps_the_facts_of_the_day_it_was_confirmed(client, cast):
    _attended(cast, cast.person, -7)
    record = services.record_request(person=cast.person, project=cast.project)
    services.record_confirm(record=record, by=cast.facilitator)
    _attended(cast, cast.person, -1)
    record.refresh_from_db()
    assert record.facts["hours"] == "2"
    assert timezone.now() - record.confirmed_at < timedelta(minutes=1)
