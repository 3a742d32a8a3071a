"""Admin for site staff: policies, rates, claims and batches. Bank details are never shown
here: PaymentChoice is not registered and payout items are not listed."""

from django.contrib import admin

from .models import Claim, ClaimEvent, PaymentPolicy, PayoutBatch, PolicyChange, Rate


@admin.register(PaymentPolicy)
class PaymentPolicyAdmin(admin.ModelAdmin):
    list_display = ["project", "budget_pence", "approval_threshold_pence", "updated_at"]
    raw_id_fields = ["project"]
    # The second-approval threshold changes only through the Payments page, where loosening
    # it needs a second person to confirm (services.payment_policy_save): not here.
    readonly_fields = ["approval_threshold_pence", "updated_by", "updated_at"]


@admin.register(PolicyChange)
class PolicyChangeAdmin(admin.ModelAdmin):
    """Read-only: proposed, confirmed and withdrawn on the Payments page."""

    list_display = ["pk", "project", "threshold_pence", "status", "proposed_by", "proposed_at"]
    list_filter = ["status"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Rate)
class RateAdmin(admin.ModelAdmin):
    list_display = ["project", "activity", "unit", "amount_pence", "effective_from"]
    list_filter = ["activity"]
    raw_id_fields = ["project", "created_by"]

    def has_change_permission(self, request, obj=None):
        return False  # rates are superseded, never changed


class ClaimEventInline(admin.TabularInline):
    model = ClaimEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "by", "action", "from_status", "to_status", "note"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    """Read-only: claims change only through their workflow (services.py)."""

    list_display = ["pk", "project", "claimant", "meeting", "status", "submitted_at", "paid_at"]
    list_filter = ["status", "method"]
    inlines = [ClaimEventInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(PayoutBatch)
class PayoutBatchAdmin(admin.ModelAdmin):
    list_display = ["pk", "method", "status", "created_on", "item_count", "total_pence"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False
