"""Site staff may read charters' permanent records but never change or delete them."""

from django.contrib import admin

from .models import ActivationOverride, Charter, CharterVersion, Comment, Signature, Withdrawal


class PermanentRecordAdmin(admin.ModelAdmin):
    """Read only: no add, change or delete, whatever the staff member's permissions."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Charter)
class CharterAdmin(admin.ModelAdmin):
    list_display = ["project", "current_version", "draft_updated_at"]
    list_select_related = ["project", "current_version"]
    raw_id_fields = ["project", "draft_updated_by"]
    readonly_fields = ["current_version"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CharterVersion)
class CharterVersionAdmin(PermanentRecordAdmin):
    list_display = ["charter", "number", "published_at", "content_hash"]
    list_select_related = ["charter__project"]


@admin.register(Signature)
class SignatureAdmin(PermanentRecordAdmin):
    list_display = ["version", "member", "name", "method", "witnessed_by", "signed_at"]
    list_select_related = ["version__charter__project", "member", "witnessed_by"]
    list_filter = ["method"]


@admin.register(Withdrawal)
class WithdrawalAdmin(PermanentRecordAdmin):
    list_display = ["signature", "recorded_by", "withdrawn_at"]
    list_select_related = ["signature", "recorded_by"]


@admin.register(ActivationOverride)
class ActivationOverrideAdmin(PermanentRecordAdmin):
    list_display = ["project", "recorded_by", "recorded_at"]
    list_select_related = ["project", "recorded_by"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["charter", "author", "section", "created_at", "dealt_with_at"]
    list_select_related = ["charter__project", "author"]
    raw_id_fields = ["charter", "author", "dealt_with_by"]
