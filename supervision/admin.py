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

    def get_changelist_form(self, request, **kwargs):
        """The list's inputs have no label of their own (only the column heading): each
        is named by its column and its row, for screen readers."""
        base = super().get_changelist_form(request, **kwargs)

        class LabelledForm(base):  # type: ignore[misc,valid-type]
            def __init__(self, *args, **form_kwargs) -> None:
                super().__init__(*args, **form_kwargs)
                row = f"{self.instance.year}, {self.instance.get_indicator_display()}"
                for field in self.fields.values():
                    field.widget.attrs["aria-label"] = f"{field.label}: {row}"

        return LabelledForm
