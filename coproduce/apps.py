from django.apps import AppConfig


class CoproduceConfig(AppConfig):
    name = "coproduce"
    verbose_name = "Coproduce"

    def ready(self):
        from . import lookups, sessions  # noqa: F401 - registers __any_of; connects sign-in
