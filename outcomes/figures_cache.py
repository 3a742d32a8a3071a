"""The portfolio's figures of each project, kept in the cache.

A commissioner's portfolio row shows, besides counts its page's query makes, figures that cost
far more to work out: access readiness for the next meeting (every invited sharer's essential
needs against what was arranged), how fast people were paid (every claim paid in 90 days) and
the latest reviews' gaps and ladder. At council scale they were most of the slowest page's time
(docs/performance.md). They are kept per project under a key holding what they were worked out
for (the next meeting, the two latest closed reviews, the day) and two generations
(coproduce/generations.py): the reviews' results generation, which whatever changes a closed
review's answers moves on (reviews/results_cache.py), and this one, which moves on with
anything else the figures read:

- a meeting, an answer to one (attendance), an access arrangement;
- a membership, a consent to share access needs, a person's access needs (for each project
  they share them with), the catalogue of needs (for every project);
- a claim: saved here; paid in a batch (a bulk update, which sends no signal) in
  expenses/services.py, which forgets the figures itself.

Erasure ends memberships with a bulk update too, but deletes the person's consents one by one
first (their `post_delete` forgets the figures), and nobody who shares nothing is counted.
tests/outcomes/test_figures_cache.py makes each of these changes and compares.

The count of essential needs nobody has answered yet, for each meeting, is worked out from the
same rows and kept under the same generation (`open_essential_counts`): facilitators see it on
every view of a meeting's page and of the meeting list.
"""

from django.core.cache import cache

from accessibility.models import Arrangement, Need, ProfileNeed, SharingConsent
from accessibility.plans import open_essential_counts as work_out_open_essential_counts
from coproduce.generations import forget, forget_on_change, generations
from expenses.models import Claim
from projects.models import Attendance, Meeting, Membership, Project

GENERATIONS = "outcomes:portfolio"
# Kept for a day at most; a changed generation makes them unread long before.
TIMEOUT = 60 * 60 * 24


def forget_figures(project_ids) -> None:
    """The portfolio's figures of these projects are out of date."""
    forget(GENERATIONS, project_ids)


def open_essential_counts(meetings) -> dict[int, int]:
    """accessibility.plans.open_essential_counts, each meeting's kept in the cache: four
    queries (none when all are kept) instead of four every time."""
    meetings = list(meetings)
    ours = generations(GENERATIONS, {m.project_id for m in meetings})
    keys = {m.pk: f"outcomes:open-essential:{m.pk}:{ours[m.project_id]}" for m in meetings}
    kept = cache.get_many(keys.values())
    counts = work_out_open_essential_counts([m for m in meetings if keys[m.pk] not in kept])
    if counts:
        cache.set_many({keys[pk]: count for pk, count in counts.items()}, TIMEOUT)
    return {m.pk: counts[m.pk] if m.pk in counts else kept[keys[m.pk]] for m in meetings}


def _project_row_changed(sender, instance, **kwargs):
    forget_figures([instance.project_id])


def _meeting_row_changed(sender, instance, **kwargs):
    forget_figures(
        Meeting.objects.filter(pk=instance.meeting_id).values_list("project_id", flat=True)
    )


def _needs_changed(sender, instance, **kwargs):
    forget_figures(
        SharingConsent.objects.filter(user__access_profile=instance.profile_id).values_list(
            "project_id", flat=True
        )
    )


def _catalogue_changed(sender, instance, **kwargs):
    forget_figures(Project.objects.values_list("pk", flat=True))


# Saved or deleted, each of these rows forgets the figures of the projects it belongs to.
FORGETS = {
    Meeting: _project_row_changed,
    Membership: _project_row_changed,
    SharingConsent: _project_row_changed,
    Claim: _project_row_changed,
    Attendance: _meeting_row_changed,
    Arrangement: _meeting_row_changed,
    ProfileNeed: _needs_changed,
    Need: _catalogue_changed,
}
forget_on_change(GENERATIONS, FORGETS)
