from django.urls import path

from . import views

urlpatterns = [
    path("<id:project_id>/charter/", views.charter_detail, name="charter-detail"),
    path("<id:project_id>/charter/draft/", views.charter_draft, name="charter-draft"),
    path(
        "<id:project_id>/charter/draft/edit/", views.charter_draft_edit, name="charter-draft-edit"
    ),
    path("<id:project_id>/charter/publish/", views.charter_publish, name="charter-publish"),
    path(
        "<id:project_id>/charter/comments/new/",
        views.comment_create,
        name="charter-comment-create",
    ),
    path(
        "<id:project_id>/charter/comments/<id:comment_id>/dealt-with/",
        views.comment_dealt_with,
        name="charter-comment-dealt-with",
    ),
    path("<id:project_id>/charter/versions/", views.version_list, name="charter-version-list"),
    path("<id:project_id>/charter/compare/", views.version_compare, name="charter-version-compare"),
    path(
        "<id:project_id>/charter/versions/<id:number>/",
        views.version_detail,
        name="charter-version-detail",
    ),
    path(
        "<id:project_id>/charter/versions/<id:number>/print/",
        views.version_print,
        name="charter-version-print",
    ),
    path(
        "<id:project_id>/charter/versions/<id:number>/sign/",
        views.charter_sign,
        name="charter-sign",
    ),
    path(
        "<id:project_id>/charter/versions/<id:number>/withdraw/",
        views.charter_withdraw,
        name="charter-withdraw",
    ),
    path("<id:project_id>/charter/witness/", views.charter_witness, name="charter-witness"),
    path(
        "<id:project_id>/charter/make-active/",
        views.activation_override,
        name="charter-activation-override",
    ),
]
