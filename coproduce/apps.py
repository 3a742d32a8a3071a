from django.apps import AppConfig


class CoproduceConfig(AppConfig):
    name = "coproduce"
    verbose_name = "Coproduce"

    def ready(self):
        from . import converters, lookups, sessions  # noqa: F401 - registers __any_of; connects sign-in

        converters.register()
        from .forms import say_what_to_do_in_allauth_forms

        say_what_to_do_in_allauth_forms()
        from .translations import drop_empty_fallbacks

        drop_empty_fallbacks()
