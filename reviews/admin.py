from django.contrib import admin

from .models import Action, ReviewCycle


@admin.register(ReviewCycle)
class ReviewCycleAdmin(admin.ModelAdmin):
    # Answers are left out of the admin on purpose: site staff have no need to read them.
    list_display = ["title", "project", "opens_on", "closes_on", "status"]
    list_filter = ["status"]
    readonly_fields = ["statements", "status"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["description", "cycle", "owner", "due_on", "status"]
