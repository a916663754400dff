from django.contrib import admin

from .models import IssuedDocument


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(admin.ModelAdmin):
    """The register, read-only: an issued document is never changed or deleted."""

    list_display = ["number", "language", "kind", "holder_masked", "issued_at", "verification_code"]
    list_filter = ["kind", "language"]
    search_fields = ["number", "verification_code"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
