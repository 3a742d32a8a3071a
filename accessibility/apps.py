from django.apps import AppConfig


class AccessibilityConfig(AppConfig):
    name = "accessibility"
    verbose_name = "Access needs"

    def ready(self):
        from . import (
            checks,  # noqa: F401 - registers the start-up check
            reading,  # noqa: F401 - keeps the reading format in the session at sign-in
        )
