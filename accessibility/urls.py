from django.urls import path

from . import views

urlpatterns = [
    path("access/", views.profile_overview, name="access-profile"),
    path("access/about-you/", views.profile_about, name="access-about"),
    path("access/needs/<slug:group_code>/", views.profile_needs, name="access-needs"),
    path("access/contact/", views.profile_contact, name="access-contact"),
    path("access/format/", views.format_switch, name="access-format-switch"),
    path("access/print/", views.profile_print, name="access-print"),
    path("access/still-right/", views.profile_confirm, name="access-confirm"),
    path("access/sharing/", views.sharing_list, name="access-sharing"),
    path("access/sharing/<id:project_id>/", views.sharing_edit, name="access-sharing-edit"),
    path("access/who-has-seen/", views.view_log_list, name="access-views"),
    path("projects/<id:project_id>/access/", views.project_access, name="project-access"),
    path(
        "projects/<id:project_id>/meetings/<id:meeting_id>/access/",
        views.meeting_plan,
        name="meeting-access-plan",
    ),
    path(
        "projects/<id:project_id>/meetings/<id:meeting_id>/access/<id:need_id>/<str:ref>/",
        views.arrangement_edit,
        name="arrangement-edit",
    ),
]
