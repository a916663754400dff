"""Kazakhstan's working-day calendar and the term arithmetic built on it.

A day is a working day unless it is a Saturday, a Sunday or a public holiday (the
statutory list with its "holiday on a weekend moves to the next working day" rule comes
from the `holidays` package), and the yearly acts that move days off are applied on top
from the `CalendarOverride` table.

Conventions (docs/services.md, "Common rules"):

* a filing is registered on the working day it counts for (`registration_date`);
* the registration date is working day 0 and a term of N working days ends on the N-th
  working day after it (`add_working_days`);
* a term in calendar days that ends on a non-working day ends on the next working day
  (`add_calendar_days`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from time import monotonic
from typing import TYPE_CHECKING

import holidays
from django.db import models
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from guardianship_portal.organisations.models import Organisation

SATURDAY = 5


class TermUnit(models.TextChoices):
    """How a term is counted. Here, with the arithmetic, so that the calendar needs
    nothing above it; the service registry re-exports it for the definitions."""

    WORKING_DAYS = "working", gettext_lazy("working days")
    CALENDAR_DAYS = "calendar", gettext_lazy("calendar days")


ONE_DAY = timedelta(days=1)

# The save/delete signals clear the cache in the process that edits an override; other
# worker processes pick the edit up when their copy of that year grows this old.
OVERRIDES_MAX_AGE_SECONDS = 300.0

_overrides_by_year: dict[int, tuple[float, dict[date, bool]]] = {}


def clear_calendar_cache() -> None:
    """Forget the overrides read so far, so that the next question reads the table again."""
    _overrides_by_year.clear()


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[date]:
    """Statutory holidays of one year, including the weekday a weekend holiday moves to.

    The package also lists, up to 2025, the weekdays made days off by the yearly acts
    (but not the Saturdays and Sundays those acts make working days: those are overrides).
    Kurban Ait is only estimated after 2025; when the announced date differs, two
    overrides correct it (a working day on the estimate, a day off on the real date).
    """
    return frozenset(holidays.country_holidays("KZ", years=year))


def _overrides(year: int) -> dict[date, bool]:
    """Override rows of one year as {day: is a working day}, one query per year."""
    cached = _overrides_by_year.get(year)
    now = monotonic()
    if cached is not None and now - cached[0] < OVERRIDES_MAX_AGE_SECONDS:
        return cached[1]
    from .models import CalendarOverride

    rows = CalendarOverride.objects.filter(day__year=year).values_list("day", "kind")
    overrides = {day: kind == CalendarOverride.Kind.WORKING_DAY for day, kind in rows}
    _overrides_by_year[year] = (now, overrides)
    return overrides


def is_working_day(day: date) -> bool:
    """Whether the offices work on `day`: an override wins over weekends and holidays."""
    override = _overrides(day.year).get(day)
    if override is not None:
        return override
    return day.weekday() < SATURDAY and day not in _public_holidays(day.year)


def next_working_day(day: date) -> date:
    """The first working day strictly after `day`."""
    candidate = day + ONE_DAY
    while not is_working_day(candidate):
        candidate += ONE_DAY
    return candidate


def first_working_day_from(day: date) -> date:
    """`day` itself if it is a working day, else the next working day."""
    return day if is_working_day(day) else next_working_day(day)


@dataclass(frozen=True)
class OfficeHours:
    """When an office receives people: a provider's (the default is seed 004's
    schedule) or a State Corporation centre's (its own hours decide which day a filing
    it accepted belongs to; the seeds give none, the demo's are to verify). Working
    days are the calendar's, Monday to Friday, for every office."""

    opens_at: time = time(9, 0)
    closes_at: time = time(18, 30)
    lunch_starts_at: time | None = time(13, 0)
    lunch_ends_at: time | None = time(14, 30)

    @classmethod
    def for_organisation(cls, organisation: Organisation | None) -> OfficeHours:
        if organisation is None:
            return cls()
        return cls(
            opens_at=organisation.opens_at,
            closes_at=organisation.closes_at,
            lunch_starts_at=organisation.lunch_starts_at,
            lunch_ends_at=organisation.lunch_ends_at,
        )

    def is_after_closing(self, moment: time) -> bool:
        return moment >= self.closes_at


def registration_date(filed_at: datetime, hours: OfficeHours | None = None) -> date:
    """The working day a filing counts from.

    The portal accepts filings at any time, but a filing made after the office closes
    (at or after `closes_at`), on a weekend or on a holiday is registered on the next
    working day (services.md, "Office hours").

    A filing made on a working day before the office opens, or during lunch, counts for
    that same day: the rule only moves filings made *after* hours, the day has not been
    lost to the applicant, and the clerk sees the filing when the office opens or after
    lunch.

    An aware `filed_at` is read in local time (Asia/Almaty); a naive one is taken as
    local already.
    """
    hours = hours or OfficeHours()
    local = timezone.localtime(filed_at) if timezone.is_aware(filed_at) else filed_at
    day = local.date()
    if is_working_day(day) and not hours.is_after_closing(local.time()):
        return day
    return next_working_day(day)


def add_working_days(start: date, days: int) -> date:
    """The `days`-th working day after `start`, where `start` is working day 0.

    With `days` = 0 the result is `start` itself when it is a working day, else the
    next working day. For `days` >= 1 the days are counted strictly after `start`, so a
    term started on a non-working day (a Saturday, say) gets its first working day on
    the following Monday, the same as a term started on the Friday before it.
    In every case `working_days_between(start, result) == days` for `days` >= 1.
    """
    if days < 0:
        raise ValueError(f"A term cannot be negative: {days} working days.")
    if days == 0:
        return first_working_day_from(start)
    current = start
    for _ in range(days):
        current = next_working_day(current)
    return current


def working_days_between(start: date, end: date) -> int:
    """How many working days d satisfy start < d <= end; negative when end < start.

    It is the inverse of `add_working_days`: for a working day s,
    `working_days_between(s, add_working_days(s, n)) == n`. Swapping the arguments
    changes only the sign.
    """
    if end < start:
        return -working_days_between(end, start)
    count = 0
    current = start + ONE_DAY
    while current <= end:
        count += is_working_day(current)
        current += ONE_DAY
    return count


def add_calendar_days(start: date, days: int) -> date:
    """The end of a term of `days` calendar days counted from the day after `start`.

    Convention (the usual rule of Kazakhstan's administrative-procedure and civil law on
    computing terms): when the last day of a term falls on a non-working day, the term
    ends on the next working day.
    """
    if days < 0:
        raise ValueError(f"A term cannot be negative: {days} calendar days.")
    return first_working_day_from(start + timedelta(days=days))


def due_date(registered_on: date, term: int, unit: str) -> date:
    """When a term of `term` days in `unit` (a `TermUnit` value) counted from
    `registered_on` ends."""
    if TermUnit(unit) == TermUnit.CALENDAR_DAYS:
        return add_calendar_days(registered_on, term)
    return add_working_days(registered_on, term)


def weekday_name(day: date) -> str:
    """The translated name of the day of the week, for staff-facing output."""
    return str(WEEKDAYS[day.weekday()])
