"""Meeting access plans: built from current consent, arranged by facilitators, seen by the
person, in a fixed number of queries."""

import pytest
from django.urls import reverse

from accessibility.models import (
    AccessViewLog,
    Arrangement,
    ArrangementStatus,
    Importance,
    ShareLevel,
)
from accessibility.plans import person_ref, plan_for
from projects.models import Attendance, Role, Rsvp
from tests.accessibility.helpers import give_needs, share
from tests.base import add_member, make_meeting

pytestmark = pytest.mark.django_db


def _coming(meeting, *users, rsvp=Rsvp.YES):
    for user in users:
        Attendance.objects.create(meeting=meeting, user=user, rsvp=rsvp)


def test_the_plan_lists_needs_of_people_coming_who_share_essential_first(cast):
    meeting = make_meeting(cast.project)
    give_needs(
        cast.person, ("breaks", Importance.NEGOTIABLE, ""), ("bsl", Importance.ESSENTIAL, "")
    )
    give_needs(cast.carer, ("bsl", Importance.NEGOTIABLE, "Only after lunch"))
    give_needs(cast.professional, ("step-free", Importance.ESSENTIAL, ""))
    share(cast.person, cast.project, ShareLevel.SUMMARY)
    share(cast.carer, cast.project, ShareLevel.EVERYTHING)
    share(cast.professional, cast.project, ShareLevel.NOTHING)
    _coming(meeting, cast.person, cast.carer, cast.professional)
    plan = plan_for(meeting)
    assert [i.need.code for i in plan.items] == ["bsl", "breaks"]
    bsl = plan.items[0]
    assert (len(bsl.entries), bsl.essential_count, bsl.open_essential_count) == (2, 1, 1)
    summary, everything = bsl.entries
    assert (summary.name, summary.own_words, summary.essential) == ("", "", True)
    assert (everything.name, everything.own_words) == ("Cam", "Only after lunch")
    assert plan.people == {cast.person.pk, cast.carer.pk}


def test_people_not_coming_are_not_in_the_plan(cast):
    meeting = make_meeting(cast.project)
    give_needs(cast.person, ("bsl", Importance.ESSENTIAL, ""))
    share(cast.person, cast.project, ShareLevel.EVERYTHING)
    _coming(meeting, cast.person, rsvp=Rsvp.NO)
    assert plan_for(meeting).items == []


def test_withdrawing_consent_takes_the_person_out_of_every_plan_at_once(client, cast):
    meetings = [make_meeting(cast.project, days_from_now=d) for d in (3, 10, 20)]
    give_needs(cast.person, ("bsl", Importance.ESSENTIAL, ""))
    share(cast.person, cast.project, ShareLevel.SUMMARY)
    for meeting in meetings:
        _coming(meeting, cast.person)
    Arrangement.objects.create(
        meeting=meetings[0],
        person=cast.person,
        need=cast.person.access_profile.needs.get().need,
        status=ArrangementStatus.ARRANGED,
    )
    client.force_login(cast.facilitator)
    for meeting in meetings:
        url = reverse("meeting-access-plan", args=[cast.project.pk, meeting.pk])
        assert "A British Sign Language interpreter" in client.get(url).text
    client.force_login(cast.person)
    client.post(
        reverse("access-sharing-edit", args=[cast.project.pk]), {"level": ShareLevel.NOTHING}
    )
    client.force_login(cast.facilitator)
    AccessViewLog.objects.all().delete()
    for meeting in meetings:
        url = reverse("meeting-access-plan", args=[cast.project.pk, meeting.pk])
        page = client.get(url).text
        assert "A British Sign Language interpreter" not in page
        assert "Nothing to arrange" in page
    assert not AccessViewLog.objects.exists()
    page = client.get(reverse("meeting-list", args=[cast.project.pk])).text
    assert "not arranged yet" not in page


def test_a_facilitator_marks_an_item_arranged_and_the_person_sees_it(client, cast):
    meeting = make_meeting(cast.project)
    give_needs(cast.person, ("bsl", Importance.ESSENTIAL, ""))
    share(cast.person, cast.project, ShareLevel.SUMMARY)
    _coming(meeting, cast.person)
    client.force_login(cast.facilitator)
    detail = reverse("meeting-detail", args=[cast.project.pk, meeting.pk])
    assert "1 essential access need is not arranged yet" in client.get(detail).text
    meetings = client.get(reverse("meeting-list", args=[cast.project.pk])).text
    assert "Some meetings have essential access needs that are not arranged yet" in meetings
    need_id = cast.person.access_profile.needs.get().need_id
    url = reverse(
        "arrangement-edit",
        args=[cast.project.pk, meeting.pk, need_id, person_ref(meeting.pk, cast.person.pk)],
    )
    response = client.post(url, {"status": "not_possible"})
    assert "Say why it is not possible" in response.text
    assert not Arrangement.objects.exists()
    response = client.post(url, {"status": "arranged", "note": "Sam from SignWell is booked"})
    assert response.status_code == 302
    arrangement = Arrangement.objects.get()
    assert (arrangement.person, arrangement.decided_by) == (cast.person, cast.facilitator)
    assert "not arranged yet" not in client.get(detail).text
    client.force_login(cast.person)
    page = client.get(detail).text
    assert "What was arranged for you" in page and "Sam from SignWell is booked" in page
    assert "Access plan for this meeting" not in page


def test_an_item_not_in_the_plan_cannot_be_arranged(client, cast):
    meeting = make_meeting(cast.project)
    give_needs(cast.person, ("bsl", Importance.ESSENTIAL, ""))
    share(cast.person, cast.project, ShareLevel.SUMMARY)  # but not coming
    need_id = cast.person.access_profile.needs.get().need_id
    client.force_login(cast.facilitator)
    for ref in (person_ref(meeting.pk, cast.person.pk), "made-up"):
        url = reverse("arrangement-edit", args=[cast.project.pk, meeting.pk, need_id, ref])
        assert client.post(url, {"status": "arranged"}).status_code == 404
    assert not Arrangement.objects.exists()


def test_the_plan_page_is_logged_once_per_person_shown(client, cast):
    meeting = make_meeting(cast.project)
    for user in (cast.person, cast.carer):
        give_needs(user, ("bsl", Importance.ESSENTIAL, ""))
        share(user, cast.project, ShareLevel.SUMMARY)
        _coming(meeting, user)
    client.force_login(cast.facilitator)
    client.get(reverse("meeting-access-plan", args=[cast.project.pk, meeting.pk]))
    rows = AccessViewLog.objects.all()
    assert sorted(r.subject_id for r in rows) == sorted([cast.person.pk, cast.carer.pk])
    assert {(r.viewer_id, r.meeting_id, r.viewed_on) for r in rows} == {
        (cast.facilitator.pk, meeting.pk, "meeting_plan")
    }


@pytest.mark.parametrize("attendees", [3, 30])
def test_the_plan_page_makes_the_same_number_of_queries_for_3_and_30_attendees(
    client, cast, django_assert_num_queries, attendees
):
    meeting = make_meeting(cast.project)
    for n in range(attendees):
        user = add_member(cast.project, Role.PERSON).user
        give_needs(
            user,
            ("bsl", Importance.ESSENTIAL, f"words {n}"),
            ("breaks", Importance.NEGOTIABLE, ""),
        )
        share(user, cast.project, ShareLevel.EVERYTHING if n % 2 else ShareLevel.SUMMARY)
        _coming(meeting, user)
        if n % 3 == 0:
            Arrangement.objects.create(
                meeting=meeting,
                person=user,
                need=user.access_profile.needs.first().need,
                status=ArrangementStatus.ARRANGED,
            )
    client.force_login(cast.facilitator)
    # session, user, membership (with project), meeting; consents, attendances, needs,
    # arrangements; the view log insert and the audit trail insert.
    with django_assert_num_queries(10):
        response = client.get(reverse("meeting-access-plan", args=[cast.project.pk, meeting.pk]))
    assert response.text.count("Update<span") == attendees * 2
    assert AccessViewLog.objects.count() == attendees
