from django.urls import path

from . import views

_CYCLE = "projects/<id:project_id>/reviews/<id:cycle_id>/"

urlpatterns = [
    path("projects/<id:project_id>/reviews/", views.cycle_list, name="cycle-list"),
    path(
        "projects/<id:project_id>/you-said-we-did/", views.you_said_we_did, name="you-said-we-did"
    ),
    path("projects/<id:project_id>/reviews/new/", views.cycle_create, name="cycle-create"),
    path(_CYCLE, views.cycle_detail, name="cycle-detail"),
    path(_CYCLE + "open/", views.cycle_open, name="cycle-open"),
    path(_CYCLE + "close/", views.cycle_close, name="cycle-close"),
    path(_CYCLE + "statements/new/", views.statement_add, name="statement-add"),
    path(
        _CYCLE + "statements/<id:statement_id>/remove/",
        views.statement_remove,
        name="statement-remove",
    ),
    path(_CYCLE + "answer/", views.review_answer, name="review-answer"),
    path(_CYCLE + "answer/<id:step>/", views.review_answer, name="review-answer-step"),
    path(_CYCLE + "send/", views.review_submit, name="review-submit"),
    path(_CYCLE + "results/", views.review_results, name="review-results"),
    path(_CYCLE + "results.csv", views.review_results_csv, name="review-results-csv"),
    path(_CYCLE + "actions/new/", views.action_create, name="action-create"),
    path(_CYCLE + "actions/<id:action_id>/", views.action_edit, name="action-edit"),
]
