"""The audit tables in the admin: read-only, with search and filters. Nobody edits or
deletes a line of the audit through the portal; retention is the one delete
(`manage.py apply_audit_retention`)."""

from django.contrib import admin

from .models import AccessLog, ApplicationEvent, RegistryLookup


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}  # no bulk "delete selected"


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "outcome", "application", "what", "address"]
    list_filter = ["outcome", "at"]
    search_fields = ["application__number", "user__iin", "user__last_name", "what", "address"]
    date_hierarchy = "at"
    list_select_related = ["user", "application"]
    raw_id_fields = ["user", "application"]


@admin.register(ApplicationEvent)
class ApplicationEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "application", "action", "from_state", "to_state", "address"]
    list_filter = ["action", "at"]
    search_fields = ["application__number", "actor__iin", "actor__last_name", "action", "address"]
    date_hierarchy = "at"
    list_select_related = ["actor", "application"]
    raw_id_fields = ["actor", "application"]


@admin.register(RegistryLookup)
class RegistryLookupAdmin(ReadOnlyAdmin):
    """What the state registries answered (and why a lookup failed: ``error``)."""

    list_display = ["asked_at", "application", "kind", "subject_iin", "status", "from_fake"]
    list_filter = ["kind", "status", "from_fake", "asked_at"]
    search_fields = ["application__number", "subject_iin", "request_id"]
    date_hierarchy = "asked_at"
    list_select_related = ["application"]
    raw_id_fields = ["application"]
