from django.contrib import admin

from .models import SubsistenceMinimum


@admin.register(SubsistenceMinimum)
class SubsistenceMinimumAdmin(admin.ModelAdmin):
    list_display = ("year", "amount", "reference")
    ordering = ("-year",)
