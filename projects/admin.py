from django.contrib import admin

from .models import Attendance, Invitation, Meeting, Membership, Project


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "starts_on", "ends_on"]
    list_filter = ["status"]
    search_fields = ["title"]
    inlines = [MembershipInline]
    raw_id_fields = ["created_by"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "project",
        "role",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_select_related = ["project"]
    search_fields = ["email"]
    exclude = ["token"]
    raw_id_fields = ["project", "invited_by", "accepted_by"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "starts_at", "format"]
    list_select_related = ["project"]
    raw_id_fields = ["project", "created_by"]


admin.site.register(Attendance, admin.ModelAdmin)
admin.site.site_header = "Coproduce site administration"
