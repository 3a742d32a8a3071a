from django.urls import path

from . import views

urlpatterns = [
    path("contribution/", views.my_contribution, name="my-contribution"),
    path(
        "contribution/records/<id:record_id>/",
        views.record_detail,
        name="contribution-record-detail",
    ),
    path(
        "contribution/records/<id:record_id>/pdf/",
        views.record_download,
        name="contribution-record-download",
    ),
    path(
        "projects/<id:project_id>/contribution/ask/",
        views.record_request,
        name="contribution-record-request",
    ),
    path(
        "projects/<id:project_id>/contribution/records/",
        views.record_list,
        name="contribution-record-list",
    ),
    path(
        "projects/<id:project_id>/contribution/records/<id:record_id>/confirm/",
        views.record_confirm,
        name="contribution-record-confirm",
    ),
]
