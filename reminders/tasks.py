from celery import shared_task

from .services import reminders_tick


@shared_task
def tick() -> None:
    """Every minute (CELERY_BEAT_SCHEDULE): plan what is due, then send it.

    Safe to run twice at once or to re-deliver: planning is idempotent and sending claims
    rows before it sends. No acks_late: a crash mid-run is recovered by the next run.
    """
    reminders_tick()
