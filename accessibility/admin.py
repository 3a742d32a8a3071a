"""Site staff edit the catalogue of needs. Profiles, needs people chose, consents and
arrangements are deliberately not registered: staff do not see anyone's access needs. (Who saw
whose needs is in the audit trail, which names people but never their needs.)"""

from django.contrib import admin

from .models import Need, NeedGroup


class NeedInline(admin.TabularInline):
    model = Need
    extra = 1
    fields = ["code", "label", "description", "order", "is_active"]


@admin.register(NeedGroup)
class NeedGroupAdmin(admin.ModelAdmin):
    list_display = ["title", "question", "order"]
    inlines = [NeedInline]


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ["label", "group", "order", "is_active"]
    list_filter = ["group", "is_active"]
    list_select_related = ["group"]
    search_fields = ["label"]
