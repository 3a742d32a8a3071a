from celery import shared_task
from django.utils import timezone

from .registry import RETENTION_RULES


@shared_task
def apply_retention() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): delete records older than their retention period.
    Each rule is one bulk delete, so it is safe to run twice."""
    now = timezone.now()
    return sum(rule(now) for rule in RETENTION_RULES)
