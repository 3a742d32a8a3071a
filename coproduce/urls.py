from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

handler403 = "coproduce.views.permission_denied"
urlpatterns = [
    path("", views.home, name="home"),
    path(
        "accessibility-statement/",
        views.accessibility_statement,
        name="accessibility-statement",
    ),
    path("privacy/", views.privacy_notice, name="privacy-notice"),
    path("accounts/two-step-needed/", views.second_factor_needed, name="second-factor-needed"),
    path("", include("audit.urls")),
    path("accounts/my-data/", include("privacy.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("projects/", include("projects.urls")),
    path("projects/", include("charters.urls")),
    path("invitations/", include("projects.invitation_urls")),
    path("", include("reminders.urls")),
    path("", include("accessibility.urls")),
    path("", include("reviews.urls")),
    path("", include("expenses.urls")),
    path("", include("contributions.urls")),
    path("", include("operations.urls")),
    path("", include("outcomes.urls")),
    path("", include("datepolls.urls")),
    path("projects/", include("papers.urls")),
    path("admin/", admin.site.urls),
]

if settings.BENCH_BASELINE:
    urlpatterns.append(path("bench/baseline/", views.bench_baseline))
