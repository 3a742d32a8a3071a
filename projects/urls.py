from django.urls import path

from . import views

urlpatterns = [
    path("new/", views.project_create, name="project-create"),
    path("<int:project_id>/", views.project_detail, name="project-detail"),
    path("<int:project_id>/edit/", views.project_edit, name="project-edit"),
    path("<int:project_id>/members/", views.member_list, name="member-list"),
    path("<int:project_id>/members/invite/", views.invitation_create, name="invitation-create"),
    path(
        "<int:project_id>/invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation-revoke",
    ),
    path(
        "<int:project_id>/members/<int:membership_id>/role/",
        views.member_role_change,
        name="member-role-change",
    ),
    path(
        "<int:project_id>/members/<int:membership_id>/remove/",
        views.member_remove,
        name="member-remove",
    ),
    path("<int:project_id>/meetings/", views.meeting_list, name="meeting-list"),
    path("<int:project_id>/meetings/new/", views.meeting_create, name="meeting-create"),
    path(
        "<int:project_id>/meetings/<int:meeting_id>/",
        views.meeting_detail,
        name="meeting-detail",
    ),
    path(
        "<int:project_id>/meetings/<int:meeting_id>/edit/",
        views.meeting_edit,
        name="meeting-edit",
    ),
    path(
        "<int:project_id>/meetings/<int:meeting_id>/papers-ready/",
        views.meeting_papers_ready,
        name="meeting-papers-ready",
    ),
    path(
        "<int:project_id>/meetings/<int:meeting_id>/answer/",
        views.meeting_answer,
        name="meeting-answer",
    ),
    path(
        "<int:project_id>/meetings/<int:meeting_id>/attendance/",
        views.attendance_record,
        name="attendance-record",
    ),
]
