"""What a child is paid for one month: plain arithmetic on dates, no database.

Days are half-open: paid from ``starts_on`` up to the day before ``ends_on``; a pause
from its start up to the day before it ends (the day the payment resumes). The rate is
the one in force on the first day paid in the month (a norm or an MRP that takes effect
later in the month applies from the next month). A partial month (the first, the last,
a suspension) is paid by the pro-rating rule in force for the service that month
(``ProrationRule``, data; by calendar days when none is entered).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from .registry import Rate

CALENDAR_DAYS = "calendar_days"
WHOLE_MONTH = "whole_month"
FULL_MONTHS_ONLY = "full_months_only"
CENT = Decimal("0.01")


@dataclass(frozen=True)
class MonthAmount:
    days_paid: int
    days_in_month: int
    rate: Rate
    amount: Decimal


def month_bounds(month: date) -> tuple[date, date]:
    """The month's first day and the first day of the next one."""
    start = month.replace(day=1)
    return start, start + timedelta(days=calendar.monthrange(start.year, start.month)[1])


def paid_days(
    month: date, starts_on: date, ends_on: date, pauses: Iterable[tuple[date, date | None]]
) -> tuple[int, date | None]:
    """How many days of the month are paid, and the first of them (None: none)."""
    first, after = month_bounds(month)
    start, end = max(first, starts_on), min(after, ends_on)
    if start >= end:
        return 0, None
    paused = [(max(s, start), min(e or after, end)) for s, e in pauses]
    paused = [(s, e) for s, e in paused if s < e]
    if not paused:
        return (end - start).days, start
    days = set()
    day = start
    while day < end:
        if not any(s <= day < e for s, e in paused):
            days.add(day)
        day += timedelta(days=1)
    return len(days), (min(days) if days else None)


def month_amount(
    *,
    month: date,
    starts_on: date,
    ends_on: date,
    pauses: Iterable[tuple[date, date | None]] = (),
    rate_on: Callable[[date], Rate | None],
    method: str = CALENDAR_DAYS,
) -> MonthAmount | None:
    """The month's payment for one child, or None when nothing is due. Raises
    LookupError when a day is due but no rate is in force."""
    first, after = month_bounds(month)
    in_month = (after - first).days
    days, first_paid = paid_days(month, starts_on, ends_on, list(pauses))
    if not days or first_paid is None:
        return None
    rate = rate_on(first_paid)
    if rate is None:
        raise LookupError(first_paid)
    if method == WHOLE_MONTH or days == in_month:
        amount = rate.amount
    elif method == FULL_MONTHS_ONLY:
        return None
    else:
        amount = rate.amount * days / in_month
    return MonthAmount(
        days_paid=days,
        days_in_month=in_month,
        rate=rate,
        amount=Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP),
    )


def coming_of_age(born: date, years: int = 18) -> date:
    """The birthday the payment ends on (29 February → 28 February, as the contract
    reckons it: services/patronat/documents.contract_until)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return born.replace(year=born.year + years, day=28)
