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

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import translation

from accounts.models import User

from .models import Answer, Placement, Response, ReviewCycle, Statement


def _generation_key(project_id: int) -> str:
    return f"reviews:results-generation:{project_id}"


def results_key(cycle: ReviewCycle) -> str:
    """The cache key of a closed cycle's rendered results, in the language of the request."""
    generation = cache.get(_generation_key(cycle.project_id))
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(_generation_key(cycle.project_id), generation, None)
        generation = cache.get(_generation_key(cycle.project_id), generation)
    return f"{cycle.pk}:{generation}:{translation.get_language()}"


def forget_results(project_ids) -> None:
    """Every cached result of these projects is out of date. Done now and again once the
    transaction commits, so a page rendered in between cannot keep what it read before."""
    project_ids = set(project_ids)

    def forget():
        cache.delete_many([_generation_key(project_id) for project_id in project_ids])

    if project_ids:
        forget()
        transaction.on_commit(forget)


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
