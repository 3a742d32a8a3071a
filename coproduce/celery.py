"""The Celery app. Configured from Django settings (CELERY_*), so REDIS_URL decides the broker."""

import os

from celery import Celery

from operations.worker import WorkerHeartbeat

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduce.settings")

app = Celery("coproduce")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Each worker records that it is alive, for the health check (operations/health.py).
app.steps["consumer"].add(WorkerHeartbeat)
