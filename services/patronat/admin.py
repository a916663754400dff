"""Patronat's data that administrators keep: the regional payment norms (verify: the
seeds give none; each region's akimat decides them)."""

from django.contrib import admin

from .models import PaymentNorm


@admin.register(PaymentNorm)
class PaymentNormAdmin(admin.ModelAdmin):
    list_display = ("region", "effective_from", "monthly_amount", "decision_reference_kk")
    list_filter = ("region",)
    ordering = ("region", "-effective_from")
