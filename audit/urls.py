from django.urls import path

from . import views

urlpatterns = [
    path("accounts/activity/", views.my_activity, name="my-activity"),
    path("projects/<id:project_id>/record/", views.project_record, name="project-record"),
]
