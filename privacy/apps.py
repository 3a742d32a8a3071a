from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = "Data rights"

    def ready(self):
        # Each app declares the personal data it holds in personal_data.py.
        autodiscover_modules("personal_data")
