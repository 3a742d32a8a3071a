"""The portfolio's figures kept in the cache (outcomes/figures_cache.py): after every kind of
change they read, the page shows what working them out afresh gives."""

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accessibility.models import Need, ShareLevel
from accessibility.plans import open_essential_counts as work_out_open_essential_counts
from accessibility.services import arrangement_set, profile_needs_set, sharing_set
from expenses import services as expenses
from expenses.models import PayoutBatch
from outcomes.figures_cache import open_essential_counts
from outcomes.portfolio import commissioned_by, portfolio_rows
from privacy.services import erase
from projects.models import Meeting, Rsvp
from projects.services import attendance_answer, meeting_save, membership_end
from reviews.models import Answer, CycleStatus
from tests.accessibility.helpers import give_needs
from tests.expenses.helpers import approved_claim, finance_officer
from tests.outcomes.helpers import busy_project
from tests.outcomes.test_portfolio import NOW

pytestmark = pytest.mark.django_db


def _shown(row) -> tuple:
    meeting, cycle = row.next_meeting, row.cycle
    return (
        (meeting.title, meeting.starts_at) if meeting else None,
        (row.access_arranged, row.access_essential),
        row.pay,
        (cycle.title, cycle.closes_on) if cycle else None,
        row.pieces,
        row.ladder,
    )


def _figures(commissioner, cached: bool) -> list[tuple]:
    today = timezone.localdate()
    projects = commissioned_by(commissioner, today=today).order_by("pk")
    return [_shown(row) for row in portfolio_rows(projects, today=today, cached=cached)]


@time_machine.travel(NOW, tick=False)
def test_whatever_changes_the_cached_figures_are_what_working_them_out_again_gives(client, cast):
    project = busy_project(cast.commissioner, project=cast.project)
    upcoming = Meeting.objects.filter(project=project, starts_at__gt=timezone.now()).get()
    step_free = Need.objects.get(code="step-free")
    # The two lived-experience sharers coming, the first one's need arranged (busy_project).
    first, second = (
        c.user for c in project.access_consents.filter(level=ShareLevel.SUMMARY).order_by("pk")
    )
    other_need = Need.objects.filter(group=step_free.group, is_active=True).exclude(
        pk=step_free.pk
    )[0]
    approved_claim(cast)
    [batch_id] = expenses.payout_run()
    officer = finance_officer()

    def rename():
        upcoming.title = "Planning, moved upstairs"
        meeting_save(meeting=upcoming, changed_by=cast.facilitator)

    def correct_an_answer():
        # A late correction of a closed review's answer.
        answer = Answer.objects.filter(
            cycle__project=project, cycle__status=CycleStatus.CLOSED, role_group="lived"
        ).order_by("-cycle__closes_on", "pk")[0]
        answer.value = 4
        answer.save()

    def retire_a_need():
        other_need.is_active = False
        other_need.save()

    def person_shares():
        give_needs(cast.person, ("step-free", "essential", ""))
        sharing_set(user=cast.person, project=project, level=ShareLevel.SUMMARY)

    changes = {
        "a sharer cannot come": lambda: attendance_answer(
            meeting=upcoming, user=second, rsvp=Rsvp.NO, mode=""
        ),
        "then can": lambda: attendance_answer(
            meeting=upcoming, user=second, rsvp=Rsvp.YES, mode="in_person"
        ),
        "a need arranged": lambda: arrangement_set(
            meeting=upcoming,
            person_id=second.pk,
            need=step_free,
            status="arranged",
            note="",
            decided_by=cast.facilitator,
        ),
        "a need added": lambda: profile_needs_set(
            user=first,
            group=step_free.group,
            answers={"step-free": ("essential", ""), other_need.code: ("essential", "")},
        ),
        "a need taken out of the catalogue": retire_a_need,
        "a sharer erased": lambda: erase(second),
        "sharing stopped": lambda: sharing_set(
            user=first, project=project, level=ShareLevel.NOTHING
        ),
        "someone starts sharing": person_shares,
        "they leave": lambda: membership_end(
            membership=project.memberships.get(user=cast.person, left_at=None),
            ended_by=cast.person,
        ),
        "the meeting renamed": rename,
        "a batch paid": lambda: expenses.batch_mark_submitted(
            batch=PayoutBatch.objects.get(pk=batch_id), by=officer
        ),
        "a closed review corrected": correct_an_answer,
    }
    meeting_page = reverse("meeting-detail", args=[project.pk, upcoming.pk])
    open_counts_changed = set()
    for change, make_it in changes.items():
        client.force_login(cast.commissioner)
        assert client.get(reverse("portfolio")).status_code == 200  # the figures kept
        client.force_login(cast.facilitator)
        assert client.get(meeting_page).status_code == 200  # its open essential needs kept
        before = _figures(cast.commissioner, cached=False)
        open_before = work_out_open_essential_counts([upcoming])
        make_it()
        fresh = _figures(cast.commissioner, cached=False)
        assert fresh != before, change  # the change is one the figures show
        assert _figures(cast.commissioner, cached=True) == fresh, change
        open_fresh = work_out_open_essential_counts([upcoming])
        assert open_essential_counts([upcoming]) == open_fresh, change
        if open_fresh != open_before:
            open_counts_changed.add(change)
    # The meeting pages' count moved with these, so keeping it stale would have failed above.
    assert open_counts_changed == {
        "a sharer cannot come",
        "then can",
        "a need arranged",
        "a need added",
        "a need taken out of the catalogue",
        "someone starts sharing",
        "they leave",
    }
