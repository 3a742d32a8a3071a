from django.urls import path

from . import views

_MEETING = "<id:project_id>/meetings/<id:meeting_id>/"

urlpatterns = [
    path(_MEETING + "papers/new/", views.paper_add, name="paper-add"),
    path(_MEETING + "papers/<id:paper_id>/", views.paper_open, name="paper-open"),
    path(_MEETING + "papers/<id:paper_id>/remove/", views.paper_remove, name="paper-remove"),
    path(_MEETING + "note/", views.note_edit, name="note-edit"),
    path(_MEETING + "decisions/new/", views.decision_add, name="decision-add"),
    path(
        _MEETING + "decisions/<id:decision_id>/remove/",
        views.decision_remove,
        name="decision-remove",
    ),
]
