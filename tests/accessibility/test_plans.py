"""Meeting access plans: built from current consent, arranged by facilitators, seen by the
person, in a fixed number of queries."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertInHTML

from accessibility.models import (
    Arrangement,
    ArrangementStatus,
    Importance,
    Need,
    ShareLevel,
)
from accessibility.plans import (
    essential_readiness,
    open_essential_counts,
    person_ref,
    plan_for,
    plans_for,
)
from accessibility.views import PLAN_OVERVIEW_ROWS
from audit.models import Action, Entry
from projects.models import Attendance, Role, Rsvp
from tests.accessibility.helpers import give_needs, share
from tests.base import add_member, make_meeting, make_project

pytestmark = pytest.mark.django_db

VIEWS = Entry.objects.filter(action=Action.ACCESS_NEEDS_VIEWED)


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
    VIEWS.delete()
    for meeting in meetings:
        url = reverse("meeting-access-plan", args=[cast.project.pk, meeting.pk])
        page = client.get(url).text
        assert "A British Sign Language interpreter" not in page
        assert "Nothing to arrange" in page
    assert not VIEWS.exists()
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


def _row(who, coming, importance, arranged, link, hidden):
    cells = [who, coming, importance, arranged]
    cells.append(
        f'<a class="govuk-link" href="{link}">Update<span class="govuk-visually-hidden">'
        f" {hidden}</span></a>"
    )
    return (
        '<tr class="govuk-table__row">'
        + "".join(f'<td class="govuk-table__cell">{cell}</td>' for cell in cells)
        + "</tr>"
    )


def test_each_row_of_the_plan_says_who_whether_coming_how_important_and_what_was_arranged(
    client, cast
):
    meeting = make_meeting(cast.project)
    give_needs(cast.person, ("bsl", Importance.ESSENTIAL, "Not a relay"))
    give_needs(cast.carer, ("bsl", Importance.ESSENTIAL, "Only after lunch"))
    give_needs(cast.professional, ("bsl", Importance.NEGOTIABLE, ""))
    share(cast.person, cast.project, ShareLevel.SUMMARY)
    share(cast.carer, cast.project, ShareLevel.EVERYTHING)
    share(cast.professional, cast.project, ShareLevel.EVERYTHING)
    _coming(meeting, cast.carer, cast.professional)
    bsl = Need.objects.get(code="bsl")
    Arrangement.objects.create(
        meeting=meeting,
        person=cast.carer,
        need=bsl,
        status=ArrangementStatus.ARRANGED,
        note="<b>Sam</b> is booked",
        decided_by=cast.facilitator,
    )
    client.force_login(cast.facilitator)
    page = client.get(reverse("meeting-access-plan", args=[cast.project.pk, meeting.pk])).text

    def link(user):
        ref = person_ref(meeting.pk, user.pk)
        return reverse("arrangement-edit", args=[cast.project.pk, meeting.pk, bsl.pk, ref])

    label = bsl.shown_label
    red = '<strong class="govuk-tag govuk-tag--red">Not arranged</strong>'
    grey = '<strong class="govuk-tag govuk-tag--grey">Not arranged</strong>'
    rows = [
        _row(
            'Cam<br><span class="govuk-hint">Only after lunch</span>',
            "Yes",
            "Essential",
            'Arranged<br><span class="govuk-hint">&lt;b&gt;Sam&lt;/b&gt; is booked</span>',
            link(cast.carer),
            f"{label}, Cam, Essential",
        ),
        _row(
            "Someone who shared a summary",
            "Not answered yet",
            "Essential",
            red,
            link(cast.person),
            f"{label}, Someone who shared a summary, Essential",
        ),
        _row(
            "Priya",
            "Yes",
            "Negotiable",
            grey,
            link(cast.professional),
            f"{label}, Priya, Negotiable",
        ),
    ]
    for row in rows:
        assertInHTML(row, page)
    # The need's heading, its counts and the table's head and caption.
    assertInHTML(f'<h2 class="govuk-heading-m">{label}</h2>', page)
    counts = "3 people, essential for 2: 2 said yes, 1 has not answered yet"
    assertInHTML(f'<p class="govuk-body">{counts}</p>', page)
    assertInHTML(
        f'<caption class="govuk-table__caption govuk-visually-hidden">{label}</caption>', page
    )
    assertInHTML(
        '<th scope="col" class="govuk-table__header">'
        '<span class="govuk-visually-hidden">Action</span></th>',
        page,
    )
    # Essential first, then those coming, then names before the unnamed.
    assert page.index("Cam<") < page.index("Someone who shared") < page.index("Priya<")
    for user in (cast.carer, cast.person):
        assert client.get(link(user)).status_code == 200
    # How important, in the reader's language (the value stored is English).
    cast.facilitator.language = "cy"
    cast.facilitator.save(update_fields=["language"])
    welsh = client.get(reverse("meeting-access-plan", args=[cast.project.pk, meeting.pk])).text
    assert "Hanfodol" in welsh and "Gellir ei drafod" in welsh
    assert "hanfodol i 2: Dywedodd 2 ie, Dydy 1 ddim wedi ateb eto" in welsh


def test_an_item_not_in_the_plan_cannot_be_arranged(client, cast):
    meeting = make_meeting(cast.project)
    give_needs(cast.person, ("bsl", Importance.ESSENTIAL, ""))
    share(cast.person, cast.project, ShareLevel.SUMMARY)
    _coming(meeting, cast.person, rsvp=Rsvp.NO)  # so not in the plan
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
    rows = VIEWS.all()
    assert sorted(r.subject_id for r in rows) == sorted([cast.person.pk, cast.carer.pk])
    assert {(r.actor_id, r.target, r.detail) for r in rows} == {
        (cast.facilitator.pk, f"meeting:{meeting.pk}", "meeting_plan")
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
    # user, membership (with project), the second-factor check, meeting; consents,
    # attendances, needs, the needs' catalogue entries, arrangements; the one insert into the
    # audit trail that records the views.
    with django_assert_num_queries(11):
        response = client.get(reverse("meeting-access-plan", args=[cast.project.pk, meeting.pk]))
    # Each need shows its first 5 people (the same 5 here) and links to the rest.
    shown = min(attendees, PLAN_OVERVIEW_ROWS)
    assert response.text.count("Update<span") == shown * 2
    assert VIEWS.count() == shown
    everyone = f"All {attendees} people: A British Sign Language interpreter"
    assert (everyone in response.text) == (attendees > PLAN_OVERVIEW_ROWS)


def test_each_need_of_a_big_meetings_plan_has_every_person_a_page_at_a_time(client, cast):
    meeting = make_meeting(cast.project)
    for _ in range(30):
        user = add_member(cast.project, Role.PERSON).user
        give_needs(user, ("bsl", Importance.ESSENTIAL, ""), ("breaks", Importance.NEGOTIABLE, ""))
        share(user, cast.project, ShareLevel.SUMMARY)
        _coming(meeting, user)
    client.force_login(cast.facilitator)
    url = reverse("meeting-access-plan", args=[cast.project.pk, meeting.pk])
    need = Need.objects.get(code="bsl").pk
    first = client.get(url, {"need": need}).text
    assert first.count("Update<span") == 25 and "Regular breaks" not in first
    assert "(page 1 of 2)" in first and f'href="?need={need}&amp;page=2" rel="next"' in first
    second = client.get(url, {"need": need, "page": 2}).text
    assert second.count("Update<span") == 5
    # Each page says which it is in its title, for someone who cannot see the page change.
    label = Need.objects.get(pk=need).shown_label
    title = " ".join(second.split("<title>", 1)[1].split("</title>", 1)[0].split())
    assert title.startswith(f"Access plan: {label} (page 2 of 2) –")
    # A need nobody in the plan has, or not a need at all: not an empty plan, a 404.
    unknown = Need.objects.exclude(code__in=["bsl", "breaks"]).first().pk
    assert client.get(url, {"need": unknown}).status_code == 404
    assert client.get(url, {"need": "abc"}).status_code == 404


def test_people_who_share_everything_appear_by_the_name_they_chose(cast):
    meeting = make_meeting(cast.project)
    profile = give_needs(cast.person, ("bsl", Importance.ESSENTIAL, ""))
    profile.name_to_use = "Patsy"
    profile.save()
    share(cast.person, cast.project, ShareLevel.EVERYTHING)
    _coming(meeting, cast.person)
    assert plan_for(meeting).items[0].entries[0].name == "Patsy"


@pytest.mark.parametrize("meetings", [3, 30])
def test_the_meeting_list_flags_cost_the_same_for_3_and_30_meetings(
    client, cast, django_assert_num_queries, meetings
):
    give_needs(cast.person, ("bsl", Importance.ESSENTIAL, ""))
    share(cast.person, cast.project, ShareLevel.SUMMARY)
    for n in range(meetings):
        _coming(make_meeting(cast.project, days_from_now=n + 1, title=f"Meeting {n}"), cast.person)
    client.force_login(cast.facilitator)
    # user, membership (with project), upcoming (shared with the flags), past; the
    # flags: consents, attendances, needs, arrangements.
    with django_assert_num_queries(9):
        page = client.get(reverse("meeting-list", args=[cast.project.pk])).text
    assert page.count("Access plan for Meeting") == meetings


def test_a_member_who_left_drops_out_of_the_plan(cast):
    from projects import services as project_services

    meeting = make_meeting(cast.project)
    give_needs(cast.carer, ("bsl", Importance.ESSENTIAL, ""))
    share(cast.carer, cast.project, ShareLevel.EVERYTHING)
    _coming(meeting, cast.carer)
    assert plan_for(meeting).people == {cast.carer.pk}
    project_services.membership_end(membership=cast.membership(cast.carer), ended_by=cast.carer)
    assert plan_for(meeting).items == []


def test_members_who_share_nothing_are_invited_to_from_the_meeting_page(client, cast):
    meeting = make_meeting(cast.project)
    detail = reverse("meeting-detail", args=[cast.project.pk, meeting.pk])
    client.force_login(cast.carer)
    assert "Share your access needs with this project" in client.get(detail).text
    share(cast.carer, cast.project, ShareLevel.SUMMARY)
    assert "Share your access needs with this project" not in client.get(detail).text


def test_essential_readiness_and_open_counts_are_what_the_plans_show(cast):
    """The portfolio's and impact report's counts, without building plans: the same numbers
    as the plans' essential entries, for several meetings of two projects at once."""
    meetings = [make_meeting(cast.project, days_from_now=d) for d in (3, 10)]
    elsewhere = make_meeting(make_project(cast.commissioner))
    later = make_meeting(cast.project, days_from_now=20)  # nobody answered yet: all invited
    add_member(elsewhere.project, Role.PERSON, cast.person)
    give_needs(
        cast.person, ("bsl", Importance.ESSENTIAL, ""), ("step-free", Importance.ESSENTIAL, "")
    )
    give_needs(cast.carer, ("breaks", Importance.ESSENTIAL, ""), ("bsl", Importance.NEGOTIABLE, ""))
    give_needs(cast.professional, ("step-free", Importance.ESSENTIAL, ""))
    share(cast.person, cast.project, ShareLevel.SUMMARY)
    share(cast.person, elsewhere.project, ShareLevel.EVERYTHING)
    share(cast.carer, cast.project, ShareLevel.EVERYTHING)
    share(cast.professional, cast.project, ShareLevel.NOTHING)  # not counted
    _coming(meetings[0], cast.person, cast.carer)
    _coming(meetings[1], cast.carer, rsvp=Rsvp.NO)  # not coming: not counted; person unanswered
    bsl, step_free, breaks = (Need.objects.get(code=c) for c in ("bsl", "step-free", "breaks"))
    for meeting, person, need, status in [
        (meetings[0], cast.person, bsl, ArrangementStatus.ARRANGED),
        (meetings[0], cast.person, step_free, ArrangementStatus.NOT_POSSIBLE),
        (meetings[0], cast.carer, breaks, ArrangementStatus.ARRANGED),
        (meetings[1], cast.person, step_free, ArrangementStatus.ARRANGED),
        (elsewhere, cast.person, bsl, ArrangementStatus.ARRANGED),
    ]:
        Arrangement.objects.create(
            meeting=meeting, person=person, need=need, status=status, decided_by=cast.facilitator
        )
    everyone = [*meetings, elsewhere, later]
    from_plans = {
        meeting_id: (
            sum(e.arranged for i in plan.items for e in i.entries if e.essential),
            sum(e.essential for i in plan.items for e in i.entries),
        )
        for meeting_id, plan in plans_for(everyone).items()
    }
    readiness = essential_readiness(everyone)
    assert readiness == from_plans
    assert [readiness[m.pk] for m in everyone] == [(2, 3), (1, 2), (1, 2), (0, 3)]
    # The meeting pages' count of essential needs nobody has answered (arranged or not
    # possible), also without plans.
    open_counts = open_essential_counts(everyone)
    assert open_counts == {m: plan.open_essential_count for m, plan in plans_for(everyone).items()}
    assert [open_counts[m.pk] for m in everyone] == [0, 1, 1, 3]
