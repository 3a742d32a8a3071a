from django.urls import path

from . import views

_POLL = "projects/<id:project_id>/date-polls/<id:poll_id>/"

urlpatterns = [
    path("projects/<id:project_id>/date-polls/", views.date_poll_list, name="date-poll-list"),
    path(
        "projects/<id:project_id>/date-polls/new/",
        views.date_poll_create,
        name="date-poll-create",
    ),
    path(_POLL, views.date_poll_detail, name="date-poll-detail"),
    path(_POLL + "dates/<id:number>/", views.date_poll_answer, name="date-poll-answer"),
    path(
        _POLL + "schedule/<id:option_id>/",
        views.date_poll_schedule,
        name="date-poll-schedule",
    ),
]
