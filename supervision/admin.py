from django.contrib import admin

from .models import QualityIndicatorTarget, ReminderSent


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    """Read-only: the log of reminders is written by ``check_deadlines`` alone."""

    list_display = ["sent_at", "application", "kind", "stage", "due_on", "recipient"]
    list_filter = ["kind", "stage"]
    date_hierarchy = "sent_at"
    list_select_related = ["application", "recipient"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(QualityIndicatorTarget)
class QualityIndicatorTargetAdmin(admin.ModelAdmin):
    """The yearly normative and target values that the quality reports compare with."""

    list_display = ["year", "indicator", "normative", "target"]
    list_editable = ["normative", "target"]
    list_filter = ["year", "indicator"]
    ordering = ["-year", "indicator"]
