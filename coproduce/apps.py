from django.apps import AppConfig


class CoproduceConfig(AppConfig):
    name = "coproduce"
    verbose_name = "Coproduce"

    def ready(self):
        from . import sessions  # noqa: F401 - connects the sign-in receiver
