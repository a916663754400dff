from django.contrib import admin

from .models import Organisation, ProvidedService, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name_kk", "name_ru"]
    search_fields = ["name_kk", "name_ru"]


class ProvidedServiceInline(admin.TabularInline):
    model = ProvidedService
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["code", "name_kk", "name_ru", "kind", "region", "phone", "is_active"]
    list_filter = ["kind", "region", "is_active"]
    search_fields = ["code", "name_kk", "name_ru"]
    inlines = [ProvidedServiceInline]
    fieldsets = [
        (None, {"fields": ["kind", "code", "name_kk", "name_ru", "region", "is_active"]}),
        (
            None,
            {
                "fields": [
                    "district_kk",
                    "district_ru",
                    "address_kk",
                    "address_ru",
                    "phone",
                    "email",
                    "head_name",
                ]
            },
        ),
        (None, {"fields": ["opens_at", "closes_at", "lunch_starts_at", "lunch_ends_at"]}),
    ]
