"""A State Corporation centre's own hours decide which working day a filing belongs to;
the calendar itself stays Monday to Friday (our calendar has no Saturday working days,
for the centres either)."""

from datetime import date, datetime, time
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from guardianship_portal.organisations.models import Organisation
from guardianship_portal.workdays.calendar import OfficeHours, due_date, registration_date
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre(db):
    return OrganisationFactory(
        kind=Organisation.Kind.STATE_CORPORATION,
        code="TEST-GOVC",
        opens_at=time(9, 0),
        closes_at=time(20, 0),
        lunch_starts_at=None,
        lunch_ends_at=None,
    )


@pytest.fixture
def provider(db):
    return OrganisationFactory(code="TEST-EDU")  # seed 004: 9:00–18:30, lunch 13:00–14:30


def test_the_hours_are_the_centres():
    hours = OfficeHours.for_organisation(
        OrganisationFactory.build(
            kind=Organisation.Kind.STATE_CORPORATION,
            opens_at=time(9, 0),
            closes_at=time(20, 0),
            lunch_starts_at=None,
            lunch_ends_at=None,
        )
    )
    assert hours == OfficeHours(time(9, 0), time(20, 0), None, None)


@pytest.mark.parametrize(
    ("filed_at", "at_provider", "at_centre"),
    [
        # Wed 18 Mar 2026 18:45: the provider closed at 18:30 → Thu 19; the centre is open.
        pytest.param(
            datetime(2026, 3, 18, 18, 45), date(2026, 3, 19), date(2026, 3, 18), id="wed-18-45"
        ),
        # 19:59 still the centre's day; 20:00 is its closing time → the next working day.
        pytest.param(
            datetime(2026, 3, 18, 19, 59), date(2026, 3, 19), date(2026, 3, 18), id="wed-19-59"
        ),
        pytest.param(
            datetime(2026, 3, 18, 20, 0), date(2026, 3, 19), date(2026, 3, 19), id="wed-20-00"
        ),
        # Fri 20 Mar 19:05 before Nauryz (21–25 March off): the provider's filing goes to
        # Thu 26 Mar; the centre's stays on Fri 20 Mar.
        pytest.param(
            datetime(2026, 3, 20, 19, 5), date(2026, 3, 26), date(2026, 3, 20), id="fri-nauryz"
        ),
        # Sat 21 Mar: a day off for everyone in our calendar → Thu 26 Mar.
        pytest.param(
            datetime(2026, 3, 21, 11, 0), date(2026, 3, 26), date(2026, 3, 26), id="saturday"
        ),
        # 13:30: the provider's lunch does not move a filing; the centre has none.
        pytest.param(
            datetime(2026, 3, 18, 13, 30), date(2026, 3, 18), date(2026, 3, 18), id="lunch"
        ),
    ],
)
def test_a_late_filing_belongs_to_the_centres_day(
    provider, centre, filed_at, at_provider, at_centre
):
    assert registration_date(filed_at, OfficeHours.for_organisation(provider)) == at_provider
    assert registration_date(filed_at, OfficeHours.for_organisation(centre)) == at_centre


def test_ten_working_days_from_the_centres_friday_before_nauryz(centre):
    # Day 0 = Fri 20 Mar (the centre was open at 19:05); 21–25 off; 26, 27 (2), 30, 31 (4),
    # 1, 2, 3 Apr (7), 6, 7, 8 Apr (10) → Wed 8 Apr, a day before the provider's 9 Apr.
    registered = registration_date(
        datetime(2026, 3, 20, 19, 5), OfficeHours.for_organisation(centre)
    )
    assert due_date(registered, 10, "working") == date(2026, 4, 8)


def test_the_workdays_command_reads_a_centres_hours(centre):
    out = StringIO()
    with translation.override("en"):
        call_command(
            "workdays",
            "--registered",
            "2026-03-20 19:05",
            "--add",
            "10",
            "--office",
            "TEST-GOVC",
            stdout=out,
        )
    output = out.getvalue()
    assert "Registered on: 20.03.2026 (Friday)" in output
    assert "Due on: 08.04.2026 (Wednesday)" in output
