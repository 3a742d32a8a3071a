from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.language import in_language_of
from projects.access import Can, get_meeting_for_user, get_project_access
from projects.models import Meeting, Project

from . import calendar, channels, services
from .forms import ReminderSettingsForm
from .kinds import is_stoppable
from .models import CalendarFeed, Delivery, Kind, ReminderSettings, Status


@login_required
def reminder_list(request):
    """My reminders: what was sent to me, how I want them, and my calendar address."""
    settings_row, _created = ReminderSettings.objects.get_or_create(user=request.user)
    form = ReminderSettingsForm(request.POST or None, instance=settings_row)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your reminder settings are saved."))
        return redirect("reminder-list")
    feed, _created = CalendarFeed.objects.get_or_create(user=request.user)
    sent = Delivery.objects.filter(recipient=request.user).exclude(kind=Kind.DAILY_SUMMARY)[:50]
    return render(
        request,
        "reminders/reminder_list.html",
        {
            "form": form,
            "deliveries": sent,
            "feed_url": request.build_absolute_uri(reverse("calendar-feed", args=[feed.token])),
        },
    )


@login_required
@require_POST
def calendar_feed_reset(request):
    services.calendar_feed_reset(user=request.user)
    messages.success(request, _("Your calendar address has changed. The old one no longer works."))
    return redirect("reminder-list")


def calendar_feed(request, token):
    """The private iCal feed. The secret token is the key; a reset token is a 404."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token)
    if not feed.user.is_active:
        raise Http404
    since = timezone.now() - timedelta(days=30)
    meetings = (
        Meeting.objects.filter(
            project__in=Project.objects.for_member(feed.user), ends_at__gte=since
        )
        .select_related("project")
        .order_by("starts_at")
    )
    # Fetched by a calendar app, not the person's browser: their saved language.
    with in_language_of(feed.user):
        body = calendar.calendar_for(meetings, _("Coproduce meetings"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@login_required
def meeting_calendar(request, project_id, meeting_id):
    _access, meeting = get_meeting_for_user(request, project_id, meeting_id)
    response = HttpResponse(
        calendar.calendar_for([meeting], meeting.title), content_type="text/calendar"
    )
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


def reminder_stop(request, token):
    """A signed link from an email: stop one kind of reminder, without signing in."""
    try:
        data = channels.read_stop_token(token)
        kind = Kind(data["k"])
        if not is_stoppable(kind):
            raise ValueError(kind)
    except (signing.BadSignature, KeyError, ValueError):
        return render(request, "reminders/reminder_stop.html", {"invalid": True}, status=400)
    if request.method == "POST":
        services.reminder_kind_stop(user_id=data["u"], kind=kind)
        return render(request, "reminders/reminder_stop.html", {"stopped": True, "kind": kind})
    return render(request, "reminders/reminder_stop.html", {"kind": kind})


@login_required
def todo_list(request, project_id):
    """Reminders a facilitator gives by phone or post, for people who asked for that."""
    access = get_project_access(request, project_id, need=Can.SCHEDULE_MEETINGS)
    todos = (
        Delivery.objects.filter(project=access.project, status=Status.TODO)
        .select_related("recipient")
        .order_by("due_at")
    )
    return render(
        request,
        "reminders/todo_list.html",
        {"access": access, "project": access.project, "todos": todos},
    )


@login_required
@require_POST
def todo_done(request, project_id, delivery_id):
    access = get_project_access(request, project_id, need=Can.SCHEDULE_MEETINGS)
    delivery = get_object_or_404(
        Delivery, project=access.project, pk=delivery_id, status=Status.TODO
    )
    services.reminder_todo_done(delivery=delivery, done_by=request.user)
    messages.success(request, _("Marked as done."))
    return redirect("todo-list", access.project.pk)
