from django.apps import AppConfig


class DatePollsConfig(AppConfig):
    name = "datepolls"
    verbose_name = "Date polls"
