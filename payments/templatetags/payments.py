"""The payments' parts of other apps' pages, as inclusion tags, so that the cabinet
and the dashboard include them without importing this app (a template's {% load %} is
wiring, not an import):

    {% load payments %}{% cabinet_entitlements request.user %}
    {% load payments %}{% supervision_payment_totals organisations month %}
"""

from __future__ import annotations

from datetime import date

from django import template
from django.utils import timezone

from payments import selectors

register = template.Library()


@register.inclusion_tag("payments/_cabinet_entitlements.html")
def cabinet_entitlements(user) -> dict:
    return {"items": selectors.cabinet_entitlements(user)}


@register.inclusion_tag("payments/_supervision_totals.html")
def supervision_payment_totals(organisations, month: date | None = None) -> dict:
    """The month paid next (its money goes out by the 15th of this month) unless given."""
    if month is None:
        month = selectors.next_month(timezone.localdate().replace(day=1))
    return {"totals": selectors.supervision_totals(organisations, month)}
