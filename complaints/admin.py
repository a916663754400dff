"""Read-only in the admin: complaints change only through complaints/actions.py."""

from django.contrib import admin

from .models import Complaint, ComplaintEvent


class ComplaintEventInline(admin.TabularInline):
    model = ComplaintEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "action", "from_state", "to_state", "note"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "organisation",
        "addressed_to",
        "state",
        "registered_on",
        "due_on",
        "quality_body",
    ]
    list_filter = ["state", "addressed_to", "subject"]
    search_fields = ["number", "application__number"]
    inlines = [ComplaintEventInline]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
