"""Small shared helpers for background work."""

from collections.abc import Callable

from django.db import transaction


def enqueue_after_commit(task, *args) -> None:
    """Enqueue `task` with plain ids once the current transaction commits.

    A worker that started before the commit would see no row (or a stale one); enqueueing after
    commit also means a rolled-back write sends nothing.
    """
    send: Callable[[], object] = lambda: task.delay(*args)  # noqa: E731
    transaction.on_commit(send)
