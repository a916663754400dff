"""{% complaints_card %}: the complaints of the supervisor's scope on the dashboard."""

from django import template
from django.utils import timezone

from complaints.selectors import scope_summary

register = template.Library()


@register.inclusion_tag("complaints/_dashboard_card.html", takes_context=True)
def complaints_card(context) -> dict:
    return {"summary": scope_summary(context["request"].user, today=timezone.localdate())}
