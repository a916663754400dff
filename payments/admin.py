"""Data an administrator keeps for the payments: the pro-rating rules and the bank file
layouts; entitlements and registers are read here, changed only through the portal's
actions (the one transition path)."""

from django.contrib import admin

from .models import BankFileLayout, Entitlement, PaymentRegister, ProrationRule


@admin.register(ProrationRule)
class ProrationRuleAdmin(admin.ModelAdmin):
    list_display = ("service", "effective_from", "method", "reference")


@admin.register(BankFileLayout)
class BankFileLayoutAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "delimiter", "encoding", "is_default")


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Entitlement)
class EntitlementAdmin(ReadOnly):
    list_display = (
        "number",
        "recipient_name",
        "service",
        "organisation",
        "state",
        "planned_end_on",
    )
    list_filter = ("state", "service")
    search_fields = ("number", "recipient_iin", "recipient_name")


@admin.register(PaymentRegister)
class PaymentRegisterAdmin(ReadOnly):
    list_display = ("organisation", "month", "state", "total", "children_paid")
    list_filter = ("state",)
