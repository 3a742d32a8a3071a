from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "operations"
    verbose_name = "Operations"

    def ready(self):
        from . import runs  # noqa: F401 (connects the Celery signals that record job runs)
