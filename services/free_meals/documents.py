"""What the free meals documents print, on top of the engine's shared context."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from applications.models import Application
from services.common_categories import academic_year, refusal_context

from .models import MealsKind


def school_year_for(day: date) -> tuple[date, date]:
    """The school year the meals are for: the one under way, or in summer (June–August,
    no lessons) the one that starts on 1 September."""
    if day.month in (6, 7, 8):
        return academic_year(date(day.year, 9, 1))
    return academic_year(day)


def document_context(application: Application, kind: str) -> dict:
    context = refusal_context(application, kind)
    if kind == "meals_notice":
        granted = application.events.filter(action="grant_meals").order_by("at").last()
        day = timezone.localtime(granted.at).date() if granted else timezone.localdate()
        starts, ends = school_year_for(day)
        meals = (application.answers or {}).get("meals", "")
        context.update(
            meals=meals,
            meals_free=meals == MealsKind.FREE,
            meals_label=MealsKind(meals).label if meals in MealsKind.values else "",
            school_year_starts=starts,
            school_year_ends=ends,
            decided_on=day,
        )
    return context
