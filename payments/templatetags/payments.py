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
    """Unless a month is given: this month (its money was due by the 15th of the month
    before, so a register still not approved is flagged) and the month paid next (due
    by the 15th of this month)."""
    if month is not None:
        months = [month]
    else:
        this_month = timezone.localdate().replace(day=1)
        months = [this_month, selectors.next_month(this_month)]
    return {"months": [selectors.supervision_totals(organisations, m) for m in months]}
