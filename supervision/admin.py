from django.contrib import admin

from .models import ReminderSent


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
