from django.contrib import admin

from .models import Delivery


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Read-only: a record of what was sent. Staff can see why a reminder failed."""

    list_display = ["kind", "occurrence", "recipient", "channel", "status", "due_at", "sent_at"]
    list_filter = ["status", "kind", "channel"]
    list_select_related = ["recipient"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
