from django.urls import path

from . import views

urlpatterns = [
    path("staff/health/", views.status, name="operations-status"),
]
