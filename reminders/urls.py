from django.urls import path

from . import views

urlpatterns = [
    path("reminders/", views.reminder_list, name="reminder-list"),
    path("reminders/stop/<str:token>/", views.reminder_stop, name="reminder-stop"),
    path("reminders/calendar/reset/", views.calendar_feed_reset, name="calendar-feed-reset"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
    path(
        "projects/<id:project_id>/meetings/<id:meeting_id>/calendar.ics",
        views.meeting_calendar,
        name="meeting-calendar",
    ),
    path("projects/<id:project_id>/to-do/", views.todo_list, name="todo-list"),
    path(
        "projects/<id:project_id>/to-do/<id:delivery_id>/done/",
        views.todo_done,
        name="todo-done",
    ),
]
