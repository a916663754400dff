from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Camp, Shift, Voucher


class ShiftInline(admin.TabularInline):
    model = Shift
    extra = 1


@admin.register(Camp)
class CampAdmin(admin.ModelAdmin):
    list_display = ("name_kk", "name_ru", "kind", "organisation")
    list_filter = ("kind", "organisation")
    search_fields = ("name_kk", "name_ru")
    inlines = [ShiftInline]


@admin.register(Shift)
class ShiftAdmin(admin.ModelAdmin):
    list_display = ("camp", "starts_on", "ends_on", "places", "places_left")
    list_filter = ("camp__organisation",)
    date_hierarchy = "starts_on"

    @admin.display(description=_("places left"))
    def places_left(self, shift: Shift) -> int:
        return shift.places_left()


@admin.register(Voucher)
class VoucherAdmin(admin.ModelAdmin):
    list_display = ("application", "shift", "issued_at")
    readonly_fields = ("application", "shift", "issued_at")
