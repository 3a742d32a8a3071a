from django.urls import path

from . import views

urlpatterns = [
    path("new/", views.project_create, name="project-create"),
    path("<id:project_id>/", views.project_detail, name="project-detail"),
    path("<id:project_id>/edit/", views.project_edit, name="project-edit"),
    path("<id:project_id>/reopen/", views.project_reopen, name="project-reopen"),
    path("<id:project_id>/members/", views.member_list, name="member-list"),
    path("<id:project_id>/members/invite/", views.invitation_create, name="invitation-create"),
    path(
        "<id:project_id>/members/add-without-email/",
        views.member_add_without_email,
        name="member-add-without-email",
    ),
    path(
        "<id:project_id>/members/<id:membership_id>/without-email/",
        views.member_without_email,
        name="member-without-email",
    ),
    path(
        "<id:project_id>/members/<id:membership_id>/without-email/needs/<slug:group_code>/",
        views.member_needs_on_behalf,
        name="member-needs-on-behalf",
    ),
    path(
        "<id:project_id>/invitations/<id:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation-revoke",
    ),
    path(
        "<id:project_id>/members/<id:membership_id>/role/",
        views.member_role_change,
        name="member-role-change",
    ),
    path(
        "<id:project_id>/members/<id:membership_id>/standing/",
        views.member_standing,
        name="member-standing",
    ),
    path(
        "<id:project_id>/members/<id:membership_id>/remove/",
        views.member_remove,
        name="member-remove",
    ),
    path("<id:project_id>/meetings/", views.meeting_list, name="meeting-list"),
    path("<id:project_id>/meetings/new/", views.meeting_create, name="meeting-create"),
    path(
        "<id:project_id>/meetings/<id:meeting_id>/",
        views.meeting_detail,
        name="meeting-detail",
    ),
    path(
        "<id:project_id>/meetings/<id:meeting_id>/edit/",
        views.meeting_edit,
        name="meeting-edit",
    ),
    path(
        "<id:project_id>/meetings/<id:meeting_id>/cancel/",
        views.meeting_cancel,
        name="meeting-cancel",
    ),
    path(
        "<id:project_id>/meetings/<id:meeting_id>/papers-ready/",
        views.meeting_papers_ready,
        name="meeting-papers-ready",
    ),
    path(
        "<id:project_id>/meetings/<id:meeting_id>/answer/",
        views.meeting_answer,
        name="meeting-answer",
    ),
    path(
        "<id:project_id>/meetings/<id:meeting_id>/attendance/",
        views.attendance_record,
        name="attendance-record",
    ),
]
