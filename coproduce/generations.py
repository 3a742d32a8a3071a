"""A project's generation: a way to forget at once everything cached about a project.

A cache that keeps something worked out from a project's rows puts the project's generation
(a random value kept in the cache itself) in its keys. When anything it was worked out from
changes, the generation is forgotten: the next read makes a new one, so every entry made under
the old one is never read again and expires from the cache by itself. Each cache has its own
generations (`name`), so forgetting the portfolio's figures does not throw away a review's
results.
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save


def _key(name: str, project_id: int) -> str:
    return f"{name}:generation:{project_id}"


def generations(name: str, project_ids) -> dict[int, str]:
    """{project id: its current generation for `name`}, in one or two reads of the cache."""
    keys = {project_id: _key(name, project_id) for project_id in project_ids}
    found = cache.get_many(keys.values())
    missing = [key for key in keys.values() if key not in found]
    if missing:
        for key in missing:
            cache.add(key, uuid.uuid4().hex, None)
        # Whoever added first won: read back what is there now.
        found.update(cache.get_many(missing))
    return {project_id: found[key] for project_id, key in keys.items()}


def forget(name: str, project_ids) -> None:
    """Everything cached under `name` for these projects is out of date. Done now and again
    once the transaction commits, so a page drawn in between cannot keep what it read before."""
    keys = [_key(name, project_id) for project_id in set(project_ids)]

    def forget_keys():
        cache.delete_many(keys)

    if keys:
        forget_keys()
        transaction.on_commit(forget_keys)


def forget_on_change(name: str, forgets: dict) -> None:
    """Connect each model's receiver in `forgets` ({model: receiver}) to its rows being saved
    or deleted: the receiver forgets the generations `name` of the projects the row is in."""
    for model, receiver in forgets.items():
        for signal, event in ((post_save, "save"), (post_delete, "delete")):
            signal.connect(receiver, sender=model, dispatch_uid=f"{name}-{event}-{model.__name__}")
