"""The rendered results of closed review cycles, kept in the cache.

A closed cycle's answers no longer change, and rendering its results (a spread table per
statement, the ladder, the trend over earlier cycles) was the slowest page at council scale
(docs/performance.md). The results page renders them once and caches the HTML for a week
(templates/reviews/results.html) under a key that holds the project's results generation.
Whatever can still change what they show moves the generation on, so every cached result of
that project is ignored from then on (and expires from the cache by itself):

- erasure, which turns a person's named answers anonymous (reviews/personal_data.py);
- any saved or deleted answer, placement, response, cycle or statement: a late correction;
- a change of preferred name, which the comments show.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import translation

from accounts.models import User
from coproduce.generations import forget, generations

from .models import Answer, Placement, Response, ReviewCycle, Statement

GENERATIONS = "reviews:results"


def results_key(cycle: ReviewCycle) -> str:
    """The cache key of a closed cycle's rendered results, in the language of the request."""
    generation = generations(GENERATIONS, [cycle.project_id])[cycle.project_id]
    return f"{cycle.pk}:{generation}:{translation.get_language()}"


def forget_results(project_ids) -> None:
    """Every cached result of these projects is out of date (coproduce/generations.py)."""
    forget(GENERATIONS, project_ids)


@receiver(post_save, sender=Answer)
@receiver(post_delete, sender=Answer)
@receiver(post_save, sender=Placement)
@receiver(post_delete, sender=Placement)
@receiver(post_save, sender=Response)
@receiver(post_delete, sender=Response)
@receiver(post_save, sender=Statement)
@receiver(post_delete, sender=Statement)
def _answers_changed(sender, instance, **kwargs):
    forget_results(
        ReviewCycle.objects.filter(pk=instance.cycle_id).values_list("project_id", flat=True)
    )


@receiver(post_save, sender=ReviewCycle)
@receiver(post_delete, sender=ReviewCycle)
def _cycle_changed(sender, instance, **kwargs):
    forget_results([instance.project_id])


@receiver(post_save, sender=User)
def _name_changed(sender, instance, update_fields=None, **kwargs):
    # Signing in saves last_login alone: nothing the results show.
    if update_fields is not None and "preferred_name" not in update_fields:
        return
    forget_results(
        Answer.objects.filter(user=instance).values_list("cycle__project_id", flat=True).distinct()
    )
