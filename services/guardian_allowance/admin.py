from django.contrib import admin

from .models import MonthlyCalculationIndex


@admin.register(MonthlyCalculationIndex)
class MonthlyCalculationIndexAdmin(admin.ModelAdmin):
    """Each year's MRP: the guardian allowance is 10 of them per child per month."""

    list_display = ("year", "value", "legal_reference", "legal_reference_ru")
    ordering = ("-year",)
    search_fields = ("legal_reference", "legal_reference_ru")
