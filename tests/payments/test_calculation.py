"""The month's amount for one child: pure date arithmetic, one row per case."""

from datetime import date
from decimal import Decimal

import pytest

from payments.calculation import (
    CALENDAR_DAYS,
    FULL_MONTHS_ONLY,
    WHOLE_MONTH,
    coming_of_age,
    month_amount,
)
from payments.registry import Rate

RATE = Rate(amount=Decimal("62000"), reference_kk="қаулы", reference_ru="постановление")


def rate_on(day):
    return RATE


@pytest.mark.parametrize(
    ("month", "starts", "ends", "pauses", "method", "days", "amount"),
    [
        # A full month.
        (date(2026, 3, 1), date(2026, 1, 1), date(2030, 1, 1), [], CALENDAR_DAYS, 31, "62000.00"),
        # First partial month: from 10 February, 19 of 28 days.
        (date(2026, 2, 1), date(2026, 2, 10), date(2030, 1, 1), [], CALENDAR_DAYS, 19, "42071.43"),
        # Last partial month: the 18th birthday on 20 March, paid 1–19 March.
        (date(2026, 3, 1), date(2020, 1, 1), date(2026, 3, 20), [], CALENDAR_DAYS, 19, "38000.00"),
        # A month begun is paid in full / only full months are paid.
        (date(2026, 2, 1), date(2026, 2, 10), date(2030, 1, 1), [], WHOLE_MONTH, 19, "62000.00"),
        (date(2026, 2, 1), date(2026, 2, 10), date(2030, 1, 1), [], FULL_MONTHS_ONLY, 19, None),
        # Suspended 11–20 April (resumed on the 21st): 20 of 30 days.
        (
            date(2026, 4, 1),
            date(2026, 1, 1),
            date(2030, 1, 1),
            [(date(2026, 4, 11), date(2026, 4, 21))],
            CALENDAR_DAYS,
            20,
            "41333.33",
        ),
        # Suspended all month, not resumed.
        (
            date(2026, 5, 1),
            date(2026, 1, 1),
            date(2030, 1, 1),
            [(date(2026, 4, 11), None)],
            CALENDAR_DAYS,
            0,
            None,
        ),
        # Ended before the month.
        (date(2026, 4, 1), date(2026, 1, 1), date(2026, 4, 1), [], CALENDAR_DAYS, 0, None),
    ],
)
def test_month_amount(month, starts, ends, pauses, method, days, amount):
    result = month_amount(
        month=month, starts_on=starts, ends_on=ends, pauses=pauses, rate_on=rate_on, method=method
    )
    if amount is None:
        assert result is None
        return
    assert result is not None
    assert result.days_paid == days
    assert result.amount == Decimal(amount)


def test_no_rate_in_force_is_an_error_not_a_zero():
    with pytest.raises(LookupError):
        month_amount(
            month=date(2026, 3, 1),
            starts_on=date(2026, 1, 1),
            ends_on=date(2030, 1, 1),
            rate_on=lambda day: None,
        )


def test_coming_of_age_of_a_child_born_on_29_february():
    assert coming_of_age(date(2008, 2, 29)) == date(2026, 2, 28)
    assert coming_of_age(date(2008, 3, 20)) == date(2026, 3, 20)
