"""The working-day calendar around the 2025–2026 holidays, overrides and office hours.

Facts the rows rely on (2026): 1–2 Jan holidays (Thu–Fri); 7 Jan Christmas (Wed);
8 Mar is a Sunday → Mon 9 Mar off; Nauryz 21–23 Mar falls Sat–Mon, so the Saturday and
Sunday move to Tue 24 and Wed 25 Mar; 1 May (Fri) and 7 May (Thu) are holidays; 9 May is
a Saturday → Mon 11 May off; Kurban Ait day 1 is Wed 27 May; 30 Aug is no longer a
holiday in 2026 (Constitution Day moves to 15 March from 2027); 16 Dec is a Wednesday.
"""

from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guardianship_portal.workdays.calendar import (
    OfficeHours,
    TermUnit,
    add_calendar_days,
    add_working_days,
    due_date,
    is_working_day,
    next_working_day,
    registration_date,
    working_days_between,
)
from guardianship_portal.workdays.models import CalendarOverride
from tests.factories import OrganisationFactory

FIXTURE = Path(__file__).resolve().parents[3] / "fixtures" / "calendar_overrides.json"

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "working"),
    [
        pytest.param(date(2026, 1, 1), False, id="new-year-day-1"),
        pytest.param(date(2026, 1, 2), False, id="new-year-day-2"),
        pytest.param(date(2026, 1, 5), True, id="first-working-day-of-2026"),
        pytest.param(date(2026, 1, 7), False, id="orthodox-christmas"),
        pytest.param(date(2026, 3, 9), False, id="womens-day-sunday-moves-to-monday"),
        pytest.param(date(2026, 3, 20), True, id="friday-before-nauryz"),
        pytest.param(date(2026, 3, 21), False, id="nauryz-on-saturday"),
        pytest.param(date(2026, 3, 22), False, id="nauryz-on-sunday"),
        pytest.param(date(2026, 3, 23), False, id="nauryz-monday"),
        pytest.param(date(2026, 3, 24), False, id="nauryz-saturday-moved-to-tuesday"),
        pytest.param(date(2026, 3, 25), False, id="nauryz-sunday-moved-to-wednesday"),
        pytest.param(date(2026, 3, 26), True, id="first-working-day-after-nauryz"),
        pytest.param(date(2026, 5, 1), False, id="unity-day"),
        pytest.param(date(2026, 5, 7), False, id="defender-day"),
        pytest.param(date(2026, 5, 8), True, id="friday-between-may-holidays"),
        pytest.param(date(2026, 5, 9), False, id="victory-day-on-saturday"),
        pytest.param(date(2026, 5, 11), False, id="victory-day-moved-to-monday"),
        pytest.param(date(2026, 5, 12), True, id="tuesday-after-victory-day"),
        pytest.param(date(2026, 5, 27), False, id="kurban-ait-2026"),
        pytest.param(date(2026, 8, 31), True, id="no-constitution-day-in-2026"),
        pytest.param(date(2026, 12, 16), False, id="independence-day"),
        pytest.param(date(2026, 12, 17), True, id="day-after-independence-day"),
        pytest.param(date(2025, 1, 5), False, id="sunday-without-the-2025-override"),
    ],
)
def test_is_working_day(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("filed_at", "registered_on"),
    [
        pytest.param(datetime(2026, 3, 18, 10, 0), date(2026, 3, 18), id="wednesday-office-hours"),
        pytest.param(datetime(2026, 3, 18, 7, 45), date(2026, 3, 18), id="before-opening"),
        pytest.param(datetime(2026, 3, 18, 13, 30), date(2026, 3, 18), id="during-lunch"),
        pytest.param(
            datetime(2026, 3, 18, 18, 29), date(2026, 3, 18), id="one-minute-before-closing"
        ),
        pytest.param(datetime(2026, 3, 18, 18, 30), date(2026, 3, 19), id="at-closing-time"),
        pytest.param(
            datetime(2026, 3, 20, 19, 5), date(2026, 3, 26), id="friday-evening-before-nauryz"
        ),
        pytest.param(datetime(2026, 3, 14, 11, 0), date(2026, 3, 16), id="saturday"),
        pytest.param(datetime(2026, 3, 21, 11, 0), date(2026, 3, 26), id="saturday-in-nauryz"),
        pytest.param(
            datetime(2026, 5, 6, 20, 0), date(2026, 5, 8), id="evening-before-defender-day"
        ),
        pytest.param(
            datetime(2026, 5, 8, 19, 0), date(2026, 5, 12), id="friday-evening-before-victory-day"
        ),
        pytest.param(datetime(2025, 12, 31, 20, 0), date(2026, 1, 5), id="new-years-eve"),
        pytest.param(
            datetime(2026, 12, 15, 19, 0), date(2026, 12, 17), id="evening-before-16-december"
        ),
        pytest.param(datetime(2026, 12, 16, 10, 0), date(2026, 12, 17), id="on-16-december"),
        pytest.param(
            datetime(2026, 3, 18, 13, 0, tzinfo=UTC), date(2026, 3, 18), id="aware-18-00-local"
        ),
        pytest.param(
            datetime(2026, 3, 18, 13, 45, tzinfo=UTC), date(2026, 3, 19), id="aware-18-45-local"
        ),
    ],
)
def test_registration_date(filed_at, registered_on):
    assert registration_date(filed_at) == registered_on


@pytest.mark.parametrize(
    ("start", "days", "result"),
    [
        pytest.param(date(2026, 3, 18), 0, date(2026, 3, 18), id="zero-on-a-working-day"),
        pytest.param(date(2026, 3, 21), 0, date(2026, 3, 26), id="zero-on-a-holiday"),
        pytest.param(date(2026, 3, 21), 1, date(2026, 3, 26), id="one-from-a-holiday"),
        pytest.param(date(2026, 3, 20), 1, date(2026, 3, 26), id="across-nauryz"),
        pytest.param(date(2026, 3, 26), 10, date(2026, 4, 9), id="ten-after-nauryz"),
        pytest.param(date(2026, 4, 30), 1, date(2026, 5, 4), id="across-unity-day"),
        pytest.param(date(2026, 5, 6), 1, date(2026, 5, 8), id="across-defender-day"),
        pytest.param(date(2026, 5, 6), 2, date(2026, 5, 12), id="across-victory-day"),
        pytest.param(date(2026, 5, 26), 1, date(2026, 5, 28), id="across-kurban-ait"),
        pytest.param(date(2025, 12, 31), 1, date(2026, 1, 5), id="across-new-year"),
        pytest.param(date(2025, 12, 31), 3, date(2026, 1, 8), id="across-new-year-and-christmas"),
        pytest.param(date(2026, 12, 15), 1, date(2026, 12, 17), id="across-16-december"),
    ],
)
def test_add_working_days(start, days, result):
    assert add_working_days(start, days) == result


def test_negative_terms_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 3, 18), -1)
    with pytest.raises(ValueError):
        add_calendar_days(date(2026, 3, 18), -1)


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        # March 2026 has 22 weekdays after the 1st; 9, 23, 24 and 25 March are off.
        pytest.param(date(2026, 3, 1), date(2026, 3, 31), 18, id="march-2026"),
        pytest.param(date(2026, 3, 31), date(2026, 3, 1), -18, id="march-2026-backwards"),
        pytest.param(date(2026, 3, 20), date(2026, 3, 20), 0, id="same-day"),
        pytest.param(date(2026, 3, 20), date(2026, 3, 26), 1, id="across-nauryz"),
    ],
)
def test_working_days_between(start, end, count):
    assert working_days_between(start, end) == count


@pytest.mark.parametrize(
    ("start", "days", "result"),
    [
        pytest.param(date(2026, 3, 2), 10, date(2026, 3, 12), id="lands-on-a-working-day"),
        pytest.param(date(2026, 3, 26), 10, date(2026, 4, 6), id="lands-on-sunday"),
        pytest.param(date(2026, 4, 21), 16, date(2026, 5, 8), id="lands-on-defender-day"),
        pytest.param(date(2026, 3, 11), 10, date(2026, 3, 26), id="lands-in-nauryz"),
    ],
)
def test_add_calendar_days(start, days, result):
    assert add_calendar_days(start, days) == result


@pytest.mark.parametrize(
    ("unit", "result"),
    [
        pytest.param(TermUnit.WORKING_DAYS, date(2026, 4, 9), id="working"),
        pytest.param(TermUnit.CALENDAR_DAYS, date(2026, 4, 27), id="calendar-30-ends-saturday"),
        pytest.param("working", date(2026, 4, 9), id="plain-string-unit"),
    ],
)
def test_due_date(unit, result):
    term = 30 if unit == TermUnit.CALENDAR_DAYS else 10
    assert due_date(date(2026, 3, 26), term, unit) == result


def test_due_date_rejects_an_unknown_unit():
    with pytest.raises(ValueError):
        due_date(date(2026, 3, 26), 10, "lunar")


def test_next_working_day_is_strictly_after():
    assert next_working_day(date(2026, 3, 18)) == date(2026, 3, 19)
    assert next_working_day(date(2026, 3, 20)) == date(2026, 3, 26)


class TestOverrides:
    def test_a_saturday_made_working(self):
        CalendarOverride.objects.create(
            day=date(2026, 6, 13), kind=CalendarOverride.Kind.WORKING_DAY, decree_reference="Test"
        )
        assert is_working_day(date(2026, 6, 13))
        assert add_working_days(date(2026, 6, 12), 1) == date(2026, 6, 13)
        assert registration_date(datetime(2026, 6, 12, 19, 5)) == date(2026, 6, 13)

    def test_a_weekday_made_a_day_off(self):
        CalendarOverride.objects.create(
            day=date(2026, 6, 17), kind=CalendarOverride.Kind.DAY_OFF, decree_reference="Test"
        )
        assert not is_working_day(date(2026, 6, 17))
        assert add_working_days(date(2026, 6, 16), 1) == date(2026, 6, 18)
        assert working_days_between(date(2026, 6, 15), date(2026, 6, 19)) == 3

    def test_edits_are_seen_at_once(self):
        assert is_working_day(date(2026, 6, 17))
        override = CalendarOverride.objects.create(
            day=date(2026, 6, 17), kind=CalendarOverride.Kind.DAY_OFF, decree_reference="Test"
        )
        assert not is_working_day(date(2026, 6, 17))
        override.kind = CalendarOverride.Kind.WORKING_DAY
        override.save()
        assert is_working_day(date(2026, 6, 17))
        override.delete()
        assert is_working_day(date(2026, 6, 17))

    def test_one_query_per_year(self, django_assert_num_queries):
        with django_assert_num_queries(1):
            add_working_days(date(2026, 1, 5), 200)
        with django_assert_num_queries(0):
            working_days_between(date(2026, 1, 1), date(2026, 12, 31))

    def test_the_2025_fixture(self):
        call_command("loaddata", str(FIXTURE), verbosity=0)
        assert not is_working_day(date(2025, 1, 3))
        assert is_working_day(date(2025, 1, 5))
        assert registration_date(datetime(2025, 1, 4, 12, 0)) == date(2025, 1, 5)
        assert all(row.decree_reference for row in CalendarOverride.objects.all())


class TestOfficeHours:
    def test_defaults_without_an_organisation(self):
        assert OfficeHours.for_organisation(None) == OfficeHours(
            time(9, 0), time(18, 30), time(13, 0), time(14, 30)
        )

    def test_read_from_the_organisation(self):
        organisation = OrganisationFactory(
            opens_at=time(8, 30), closes_at=time(17, 0), lunch_starts_at=None, lunch_ends_at=None
        )
        hours = OfficeHours.for_organisation(organisation)
        assert hours == OfficeHours(time(8, 30), time(17, 0), None, None)
        assert registration_date(datetime(2026, 3, 18, 17, 15), hours) == date(2026, 3, 19)
        assert registration_date(datetime(2026, 3, 18, 17, 15)) == date(2026, 3, 18)


working_dates = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)).filter(
    is_working_day
)
terms = st.integers(min_value=0, max_value=60)
property_settings = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@property_settings
@given(start=working_dates, days=terms)
def test_counting_back_gives_the_term(start, days):
    assert working_days_between(start, add_working_days(start, days)) == days


@property_settings
@given(start=working_dates, days=st.integers(min_value=0, max_value=59))
def test_more_days_end_later(start, days):
    assert add_working_days(start, days) < add_working_days(start, days + 1)


@property_settings
@given(start=st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)), days=terms)
def test_the_result_is_a_working_day(start, days):
    assert is_working_day(add_working_days(start, days))
    assert is_working_day(add_calendar_days(start, days))
