from celery import shared_task

from . import services


@shared_task
def payout_run() -> list[int]:
    """The weekday payout run (CELERY_BEAT_SCHEDULE). Safe to run twice, or in two workers at
    once: see services.payout_run. No retry policy: a run that fails leaves its claims
    approved, and the next run takes them."""
    return services.payout_run()
