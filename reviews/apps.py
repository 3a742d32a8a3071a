from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"

    def ready(self):
        from . import results_cache  # noqa: F401  (connects the receivers that clear it)
