from celery import shared_task

from . import services


@shared_task
def advance_cycles() -> None:
    """Open and close review cycles whose dates have come (see services.cycles_advance).
    Idempotent, so a re-run or a second beat changes nothing."""
    services.cycles_advance()
