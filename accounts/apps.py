from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from . import sessions  # noqa: F401  (connects the two-step sign-in receivers)
