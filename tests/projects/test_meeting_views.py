from datetime import UTC, datetime

import pytest
from django.urls import reverse

from projects.models import Attendance, Meeting, MeetingFormat, ParticipationMode, Rsvp
from tests.base import add_member, make_meeting

MEETING = {
    "title": "Ideas day",
    "date_0": "28",
    "date_1": "3",
    "date_2": "2027",
    "start_time": "10:00",
    "end_time": "12:30",
    "format": MeetingFormat.HYBRID,
    "venue_address": "Central Library",
    "papers_sent_on_0": "21",
    "papers_sent_on_1": "3",
    "papers_sent_on_2": "2027",
}


def test_a_facilitator_schedules_a_meeting_stored_in_utc(client, cast):
    client.force_login(cast.facilitator)
    response = client.post(reverse("meeting-create", args=[cast.project.pk]), MEETING)
    meeting = Meeting.objects.get(title="Ideas day")
    assert response.status_code == 302
    # 28 March 2027 is the day the clocks go forward: 10:00 in London is 09:00 UTC.
    assert meeting.starts_at == datetime(2027, 3, 28, 9, 0, tzinfo=UTC)
    assert meeting.ends_at == datetime(2027, 3, 28, 11, 30, tzinfo=UTC)
    page = client.get(reverse("meeting-detail", args=[cast.project.pk, meeting.pk])).text
    assert "Sunday 28 March 2027, 10:00 to 12:30 (UK time)" in page


@pytest.mark.parametrize(
    "change, message",
    [
        ({"end_time": "09:00"}, "The end time must be after the start time"),
        ({"start_time": "01:30", "end_time": "02:30"}, "the clocks go forward"),
        ({"start_time": "25:00"}, "Enter a time, like 14:00 or 2pm"),
        ({"papers_sent_on_0": "29"}, "Papers must be sent on or before the meeting date"),
        ({"title": "x" * 201}, "at most 200 characters"),
        ({"format": "carrier pigeon"}, "Select a valid choice"),
    ],
)
def test_bad_meeting_details_are_refused_and_nothing_is_saved(client, cast, change, message):
    client.force_login(cast.facilitator)
    response = client.post(reverse("meeting-create", args=[cast.project.pk]), MEETING | change)
    assert response.status_code == 200
    assert message in response.text
    assert not Meeting.objects.exists()


def test_a_facilitator_changes_a_meeting(client, cast):
    meeting = make_meeting(cast.project)
    client.force_login(cast.facilitator)
    url = reverse("meeting-edit", args=[cast.project.pk, meeting.pk])
    assert "10:00" in client.get(url).text
    response = client.post(url, MEETING | {"title": "Renamed"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Renamed"


def test_a_meeting_of_another_project_is_a_404(client, cast):
    from tests.base import make_project, make_user

    other = make_meeting(make_project(make_user()))
    client.force_login(cast.facilitator)
    assert (
        client.get(reverse("meeting-detail", args=[cast.project.pk, other.pk])).status_code == 404
    )
    assert client.get(reverse("meeting-detail", args=[cast.project.pk, 999999])).status_code == 404


def test_a_member_says_they_are_coming_and_how(client, cast):
    meeting = make_meeting(cast.project, format=MeetingFormat.PHONE)
    client.force_login(cast.carer)
    url = reverse("meeting-answer", args=[cast.project.pk, meeting.pk])
    response = client.post(url, {"rsvp": Rsvp.YES, "mode": "phone"})
    assert response.status_code == 302
    answer = Attendance.objects.get(meeting=meeting, user=cast.carer)
    assert (answer.rsvp, answer.mode) == (Rsvp.YES, "phone")
    client.post(url, {"rsvp": Rsvp.NO, "mode": "phone"})
    answer.refresh_from_db()
    assert (answer.rsvp, answer.mode) == (Rsvp.NO, "")
    assert Attendance.objects.count() == 1


def test_coming_without_saying_how_is_refused(client, cast):
    meeting = make_meeting(cast.project)
    client.force_login(cast.carer)
    response = client.post(
        reverse("meeting-answer", args=[cast.project.pk, meeting.pk]), {"rsvp": Rsvp.YES}
    )
    assert "Select how you will take part" in response.text
    assert not Attendance.objects.exists()


def test_a_past_meeting_cannot_be_answered(client, cast):
    meeting = make_meeting(cast.project, days_from_now=-3)
    client.force_login(cast.carer)
    url = reverse("meeting-answer", args=[cast.project.pk, meeting.pk])
    assert client.post(url, {"rsvp": Rsvp.YES, "mode": "phone"}).status_code == 404
    assert not Attendance.objects.exists()


def test_a_facilitator_records_who_attended(client, cast):
    meeting = make_meeting(cast.project, days_from_now=-1)
    Attendance.objects.create(meeting=meeting, user=cast.person, rsvp=Rsvp.YES)
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("attendance-record", args=[cast.project.pk, meeting.pk]),
        {"attended": [str(cast.person.pk), str(cast.carer.pk)]},
    )
    assert response.status_code == 302
    attended = dict(Attendance.objects.filter(meeting=meeting).values_list("user_id", "attended"))
    assert attended[cast.person.pk] is True
    assert attended[cast.carer.pk] is True
    assert attended[cast.professional.pk] is False


def test_attendance_cannot_be_recorded_before_the_meeting_starts(client, cast):
    """Recorded weeks ahead, it was claimed, approved and paid for a meeting that had not
    happened."""
    meeting = make_meeting(cast.project, days_from_now=14)
    client.force_login(cast.facilitator)
    url = reverse("attendance-record", args=[cast.project.pk, meeting.pk])
    assert "once the meeting has started" in client.get(url).text
    assert url not in client.get(reverse("meeting-detail", args=[cast.project.pk, meeting.pk])).text
    response = client.post(url, {"attended": [str(cast.person.pk)]})
    assert response.status_code == 200
    assert "You can record who came once the meeting has started" in response.text
    assert not Attendance.objects.exists()


def test_attendance_for_someone_who_is_not_a_member_is_refused(client, cast):
    meeting = make_meeting(cast.project, days_from_now=-1)
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("attendance-record", args=[cast.project.pk, meeting.pk]),
        {"attended": [str(cast.outsider.pk)]},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not Attendance.objects.exists()


def test_upcoming_and_past_meetings_are_listed_apart(client, cast):
    make_meeting(cast.project, days_from_now=5, title="Soon")
    make_meeting(cast.project, days_from_now=-5, title="Before")
    client.force_login(cast.person)
    page = client.get(reverse("meeting-list", args=[cast.project.pk])).text
    upcoming, past = page.split("Past meetings", 1)
    assert "Soon" in upcoming and "Before" in past


@pytest.mark.parametrize("rows", [3, 30])
def test_the_meeting_list_makes_the_same_number_of_queries_for_3_and_30_meetings(
    client, cast, django_assert_num_queries, rows
):
    for n in range(rows):
        meeting = make_meeting(cast.project, days_from_now=n - rows // 2, title=f"Meeting {n}")
        Attendance.objects.create(
            meeting=meeting, user=add_member(cast.project, "person").user, rsvp=Rsvp.YES
        )
    client.force_login(cast.person)
    # user, membership (with project), upcoming, past
    with django_assert_num_queries(5):
        response = client.get(reverse("meeting-list", args=[cast.project.pk]))
    assert response.text.count("Meeting ") >= rows


def test_the_facilitator_sees_each_answer_in_words(client, cast):
    meeting = make_meeting(cast.project)
    Attendance.objects.create(
        meeting=meeting, user=cast.person, rsvp=Rsvp.YES, mode=ParticipationMode.ONLINE
    )
    Attendance.objects.create(meeting=meeting, user=cast.carer, rsvp=Rsvp.NO)
    Attendance.objects.create(meeting=meeting, user=cast.professional)  # asked, not answered
    client.force_login(cast.facilitator)
    page = client.get(reverse("meeting-detail", args=[cast.project.pk, meeting.pk])).text
    rows = page.split("Answers from members", 2)[2]
    for words in ("Yes, I am coming", "Online", "No, I cannot come", "No answer"):
        assert words in rows


@pytest.mark.parametrize("answers", [3, 30])
def test_the_answers_show_25_a_page_by_name_in_the_same_queries_for_3_and_30(
    client, cast, django_assert_num_queries, answers
):
    meeting = make_meeting(cast.project)
    for n in range(answers):
        user = add_member(cast.project, "person").user
        user.preferred_name = f"Member {n:02}"
        user.save(update_fields=["preferred_name"])
        Attendance.objects.create(meeting=meeting, user=user, rsvp=Rsvp.YES if n % 2 else Rsvp.NO)
    client.force_login(cast.facilitator)
    url = reverse("meeting-detail", args=[cast.project.pk, meeting.pk])
    # user, membership (with project), the meeting with its answers counted and the
    # facilitator's own, the header's portfolio link, the access panel's six (nobody shares
    # needs here), papers, notes, decisions and the page of answers: the same whatever the
    # number of answers.
    with django_assert_num_queries(14):
        page = client.get(url).text
    shown = [n for n in range(answers) if f"Member {n:02}<" in page]
    assert shown == list(range(min(answers, 25)))
    coming = answers // 2
    assert f"{coming} {'person' if coming == 1 else 'people'}</dd>" in page
    assert ("(page 1 of 2)" in page) == (answers > 25)
    if answers > 25:
        assert 'href="?answers=2"' in page
        second = client.get(url, {"answers": 2}).text
        assert [n for n in range(answers) if f"Member {n:02}<" in second] == [25, 26, 27, 28, 29]
        title = " ".join(second.split("<title>", 1)[1].split("</title>", 1)[0].split())
        assert title.startswith(f"{meeting.title} (page 2 of 2) –")


def test_the_answers_are_in_order_of_the_name_each_person_goes_by(client, cast):
    meeting = make_meeting(cast.project)
    for preferred, full in (("Zak", "Zak Adams"), ("", "Mo Brown"), ("Al", "Alan Cole")):
        user = add_member(cast.project, "person").user
        user.preferred_name, user.full_name = preferred, full
        user.save(update_fields=["preferred_name", "full_name"])
        Attendance.objects.create(meeting=meeting, user=user, rsvp=Rsvp.YES)
    client.force_login(cast.facilitator)
    page = client.get(reverse("meeting-detail", args=[cast.project.pk, meeting.pk])).text
    assert page.index(">Al<") < page.index(">Mo Brown<") < page.index(">Zak<")


def test_a_members_own_answer_comes_with_the_meeting(client, cast):
    meeting = make_meeting(cast.project)
    Attendance.objects.create(
        meeting=meeting, user=cast.person, rsvp=Rsvp.YES, mode=ParticipationMode.PHONE
    )
    Attendance.objects.create(meeting=meeting, user=cast.carer, rsvp=Rsvp.YES)
    client.force_login(cast.person)
    page = client.get(reverse("meeting-detail", args=[cast.project.pk, meeting.pk])).text
    assert "Your answer: Yes, I am coming (by phone)." in page
    assert "2 people</dd>" in page
    Attendance.objects.filter(user=cast.person).update(answer_outdated=True)
    page = client.get(reverse("meeting-detail", args=[cast.project.pk, meeting.pk])).text
    assert "This meeting has changed since you answered." in page
