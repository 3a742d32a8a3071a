from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("projects/", include("projects.urls")),
    path("invitations/", include("projects.invitation_urls")),
    path("", include("reminders.urls")),
    path("", include("expenses.urls")),
    path("admin/", admin.site.urls),
]
