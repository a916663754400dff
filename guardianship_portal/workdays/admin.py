from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .calendar import weekday_name
from .models import CalendarOverride


class YearListFilter(admin.SimpleListFilter):
    """Overrides are enacted per year, so that is how staff look for them."""

    title = _("year")
    parameter_name = "year"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        years = model_admin.get_queryset(request).dates("day", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        year = self.value()
        if year and year.isdigit():
            return queryset.filter(day__year=int(year))
        return queryset


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["day", "weekday", "kind", "decree_reference", "note"]
    list_filter = [YearListFilter, "kind"]
    search_fields = ["decree_reference", "note"]
    date_hierarchy = "day"

    @admin.display(description=_("weekday"))
    def weekday(self, override: CalendarOverride) -> str:
        return weekday_name(override.day)
