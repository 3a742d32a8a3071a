from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class RemindersConfig(AppConfig):
    name = "reminders"

    def ready(self):
        # Each app's reminder_kinds.py registers its kinds (charters, reviews, expenses...).
        autodiscover_modules("reminder_kinds")
