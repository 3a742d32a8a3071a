"""Issue 20, item 12: the access plan counts every invited member, not only those who said
yes: a need is arranged before people answer. The counts say how many said yes and how many
have not answered; people who said they cannot come are left out."""

import pytest
from django.urls import reverse

from accessibility.models import Importance, ShareLevel
from accessibility.plans import plan_for
from projects.models import Attendance, Rsvp
from tests.accessibility.helpers import give_needs, share
from tests.base import make_meeting

pytestmark = pytest.mark.django_db


def _setup(cast):
    meeting = make_meeting(cast.project)
    for user in (cast.person, cast.carer, cast.professional):
        give_needs(user, ("bsl", Importance.ESSENTIAL, ""))
        share(user, cast.project, ShareLevel.SUMMARY)
    Attendance.objects.create(meeting=meeting, user=cast.person, rsvp=Rsvp.YES)
    Attendance.objects.create(meeting=meeting, user=cast.professional, rsvp=Rsvp.NO)
    return meeting  # cam has not answered


def test_members_who_have_not_answered_are_in_the_plan_and_counted_apart(cast):
    plan = plan_for(_setup(cast))
    [bsl] = plan.items
    assert (len(bsl.entries), bsl.coming_count, bsl.unanswered_count) == (2, 1, 1)
    assert plan.people == {cast.person.pk, cast.carer.pk}
    # An essential need of someone who may yet come is a need to arrange.
    assert plan.open_essential_count == 2


def test_a_member_who_does_not_know_yet_counts_as_not_answered(cast):
    meeting = _setup(cast)
    Attendance.objects.create(meeting=meeting, user=cast.carer, rsvp=Rsvp.MAYBE)
    [bsl] = plan_for(meeting).items
    assert (bsl.coming_count, bsl.unanswered_count) == (1, 1)


def test_the_plan_page_says_how_many_said_yes_and_have_not_answered(client, cast):
    meeting = _setup(cast)
    client.force_login(cast.facilitator)
    page = client.get(reverse("meeting-access-plan", args=[cast.project.pk, meeting.pk])).text
    assert "1 said yes" in page
    assert "1 has not answered yet" in page
    assert "Not answered yet" in page
