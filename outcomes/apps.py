from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "outcomes"
    verbose_name = "Outcomes: portfolio and impact report"

    def ready(self):
        from . import figures_cache  # noqa: F401  (connects the receivers that clear it)
