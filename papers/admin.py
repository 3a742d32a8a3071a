"""Site staff see that papers and notes exist; their content is the project's."""

from django.contrib import admin

from .models import Decision, MeetingNote, Paper


@admin.register(Paper)
class PaperAdmin(admin.ModelAdmin):
    list_display = ["title", "version", "meeting", "added_at"]
    raw_id_fields = ["meeting", "added_by"]
    readonly_fields = ["file", "file_type", "file_name"]


@admin.register(MeetingNote)
class MeetingNoteAdmin(admin.ModelAdmin):
    list_display = ["meeting", "updated_at"]
    raw_id_fields = ["meeting", "written_by"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["text", "meeting", "recorded_at"]
    raw_id_fields = ["meeting", "action", "recorded_by"]
