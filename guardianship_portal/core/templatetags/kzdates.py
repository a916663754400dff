"""Template filters for the official long date: {{ value|long_date }} in the active
language, or {{ value|long_date:"kk" }} for a fixed one (documents)."""

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from guardianship_portal.core import kzdates

register = template.Library()


def _local(value: date | datetime) -> date:
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


@register.filter
def long_date(value: date | datetime | None, language: str | None = None) -> str:
    if not value:
        return ""
    return kzdates.long_date(_local(value), language or get_language() or "kk")


@register.filter
def long_date_nominative(value: date | datetime | None, language: str | None = None) -> str:
    if not value:
        return ""
    return kzdates.long_date_nominative(_local(value), language or get_language() or "kk")
