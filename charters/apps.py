from django.apps import AppConfig


class ChartersConfig(AppConfig):
    name = "charters"

    def ready(self):
        from . import counts_cache  # noqa: F401  (connects the receivers that clear it)
