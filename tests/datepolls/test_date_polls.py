"""Issue 20, item 12: a "find a date" poll. A facilitator proposes dates; members are told
once, on their channel; they answer one date per page, without JavaScript; the facilitator
sees the answers and turns the chosen date into a meeting, once."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from datepolls import services
from datepolls.models import Answer, DateAnswer, DatePoll
from datepolls.reminder_kinds import DATE_POLL_OPEN
from projects.models import Meeting
from reminders.models import Delivery
from reminders.services import reminders_tick
from tests.base import add_member
from tests.datepolls.helpers import day, open_poll

pytestmark = pytest.mark.django_db


def _date_fields(n, d, start="10:00", end="12:00"):
    return {
        f"date_{n}_0": str(d.day),
        f"date_{n}_1": str(d.month),
        f"date_{n}_2": str(d.year),
        f"start_{n}": start,
        f"end_{n}": end,
    }


def test_a_facilitator_proposes_dates_and_every_other_member_is_told_once(client, cast):
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("date-poll-create", args=[cast.project.pk]),
        {"title": "Summer events", "note": ""}
        | _date_fields(1, day(10))
        | _date_fields(2, day(12), "2pm", "4pm"),
    )
    poll = DatePoll.objects.get()
    assert response.url == reverse("date-poll-detail", args=[cast.project.pk, poll.pk])
    assert [timezone.localtime(o.starts_at).hour for o in poll.options.all()] == [10, 14]
    told = Delivery.objects.filter(kind=DATE_POLL_OPEN)
    assert {d.recipient for d in told} == {
        cast.commissioner,
        cast.person,
        cast.carer,
        cast.professional,
    }
    reminders_tick()
    reminders_tick()
    to_pat = [m for m in mail.outbox if m.to == [cast.person.email]]
    assert len(to_pat) == 1
    assert "Which dates can you come? Summer events" in to_pat[0].subject
    assert f"/date-polls/{poll.pk}/" in to_pat[0].body


def test_proposing_needs_two_dates_and_says_what_to_do(client, cast):
    client.force_login(cast.facilitator)
    page = client.post(
        reverse("date-poll-create", args=[cast.project.pk]),
        {"title": ""} | _date_fields(1, day(10), end="09:00"),
    ).text
    assert "Say what the meeting is for" in page
    assert "The end time must be after the start time." in page
    assert "Enter the day, month and year" in page  # date 2
    assert "This field is required" not in page
    assert not DatePoll.objects.exists()


def test_a_member_answers_one_date_per_page_and_can_change_an_answer(client, cast):
    poll = open_poll(cast)
    client.force_login(cast.person)
    first = reverse("date-poll-answer", args=[cast.project.pk, poll.pk, 1])
    page = client.get(first).text
    assert "Can you come on" in page and "date 1 of 3" in page
    assert client.post(first, {"answer": "yes"}).url.endswith("/dates/2/")
    second, third = (
        reverse("date-poll-answer", args=[cast.project.pk, poll.pk, n]) for n in (2, 3)
    )
    assert client.post(second, {"answer": "no"}).url.endswith("/dates/3/")
    last = client.post(third, {"answer": "if_need_be"})
    assert last.url == reverse("date-poll-detail", args=[cast.project.pk, poll.pk])
    client.post(first, {"answer": "no"})
    answers = DateAnswer.objects.filter(user=cast.person).order_by("option__starts_at")
    assert [a.answer for a in answers] == [Answer.NO, Answer.NO, Answer.IF_NEED_BE]
    assert "Select whether you can come" in client.post(first, {"answer": ""}).text


def test_the_facilitator_sees_who_can_come_and_members_see_only_their_own(client, cast):
    poll = open_poll(cast)
    options = list(poll.options.all())
    services.date_answer_save(option=options[0], user=cast.person, answer=Answer.YES)
    services.date_answer_save(option=options[0], user=cast.carer, answer=Answer.NO)
    url = reverse("date-poll-detail", args=[cast.project.pk, poll.pk])
    client.force_login(cast.facilitator)
    page = client.get(url).text
    assert "1 can come, 0 can come if no other date suits, 1 cannot come, 3 have not" in page
    assert "Pat</bdi>: Yes, I can come" in page
    client.force_login(cast.person)
    page = client.get(url).text
    assert "Who can come" not in page and "Cam" not in page


def test_the_chosen_date_becomes_a_meeting_once_and_the_poll_closes(client, cast):
    poll = open_poll(cast)
    option = poll.options.all()[1]
    client.force_login(cast.facilitator)
    url = reverse("date-poll-schedule", args=[cast.project.pk, poll.pk, option.pk])
    page = client.get(url).text
    assert 'value="Summer events"' in page
    start = timezone.localtime(option.starts_at)
    response = client.post(
        url,
        {
            "title": "Summer events",
            "date_0": str(start.day),
            "date_1": str(start.month),
            "date_2": str(start.year),
            "start_time": "10:00",
            "end_time": "12:00",
            "format": "online",
            "joining_details": "A video call link",
        },
    )
    meeting = Meeting.objects.get()
    assert response.url == reverse("meeting-detail", args=[cast.project.pk, meeting.pk])
    assert meeting.starts_at == option.starts_at
    poll.refresh_from_db()
    assert (poll.meeting, poll.is_open) == (meeting, False)
    assert client.get(url).status_code == 404  # once
    client.force_login(cast.person)
    answer = reverse("date-poll-answer", args=[cast.project.pk, poll.pk, 1])
    assert client.get(answer).status_code == 404
    assert (
        "The date has been chosen."
        in client.get(reverse("date-poll-detail", args=[cast.project.pk, poll.pk])).text
    )


def test_a_notice_about_a_poll_closed_before_it_went_is_not_sent(cast):
    poll = open_poll(cast)
    DatePoll.objects.filter(pk=poll.pk).update(closed_at=timezone.now())
    reminders_tick()
    assert mail.outbox == []


def test_the_poll_page_makes_the_same_queries_for_3_and_30_members(client, cast):
    poll = open_poll(cast)
    client.force_login(cast.facilitator)
    url = reverse("date-poll-detail", args=[cast.project.pk, poll.pk])

    def count_with(members):
        while DateAnswer.objects.count() < members * 3:
            user = add_member(cast.project, "carer").user
            for option in poll.options.all():
                services.date_answer_save(option=option, user=user, answer=Answer.YES)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert count_with(3) == count_with(30)
