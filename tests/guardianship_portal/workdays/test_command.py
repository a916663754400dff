from datetime import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command("workdays", *args, stdout=out)
    return out.getvalue()


def test_friday_evening_before_nauryz_plus_ten_working_days():
    # Filed Fri 20.03.2026 at 19:05, after the 18:30 closing: it moves to the next working
    # day. Sat 21 and Sun 22 are a weekend (and Nauryz), Mon 23 is Nauryz, Tue 24 and
    # Wed 25 are the Nauryz days that fell on the weekend, so it is registered on
    # Thu 26.03. Counting 10 working days from there: 27.03 (1), 30.03 (2), 31.03 (3),
    # 01.04 (4), 02.04 (5), 03.04 (6), 06.04 (7), 07.04 (8), 08.04 (9), 09.04 (10).
    output = run("--registered", "2026-03-20 19:05", "--add", "10")
    assert "Filed: 20.03.2026 19:05 (Friday)" in output
    assert "Registered on: 26.03.2026 (Thursday)" in output
    assert "Due on: 09.04.2026 (Thursday)" in output


def test_calendar_days():
    # Registered Thu 26.03.2026 as above; 26.03 + 10 calendar days is Sun 05.04.2026, a
    # day off, so the term ends on Mon 06.04.2026.
    output = run("--registered", "2026-03-20 19:05", "--add", "10", "--calendar-days")
    assert "Registered on: 26.03.2026 (Thursday)" in output
    assert "Due on: 06.04.2026 (Monday)" in output
    assert "calendar days" in output


def test_a_plain_date_counts_for_that_day():
    output = run("--registered", "2026-03-18", "--add", "1")
    assert "Registered on: 18.03.2026 (Wednesday)" in output
    assert "Due on: 19.03.2026 (Thursday)" in output


def test_office_hours_of_an_organisation():
    OrganisationFactory(code="EARLY-EDU", closes_at=time(17, 0))
    output = run("--registered", "2026-03-18 17:30", "--office", "EARLY-EDU")
    assert "Registered on: 19.03.2026 (Thursday)" in output


def test_an_unknown_office_is_an_error():
    with pytest.raises(CommandError, match="NO-SUCH-OFFICE"):
        run("--registered", "2026-03-20 19:05", "--add", "10", "--office", "NO-SUCH-OFFICE")


def test_between():
    output = run("--between", "2026-03-01", "2026-03-31")
    assert "01.03.2026 (Sunday)" in output
    assert "31.03.2026 (Tuesday)" in output
    assert output.rstrip().endswith(": 18")


@pytest.mark.parametrize(
    "args",
    [
        pytest.param([], id="nothing-to-do"),
        pytest.param(["--add", "3"], id="add-without-registered"),
        pytest.param(["--registered", "2026-03-18", "--add", "-1"], id="negative-term"),
        pytest.param(["--registered", "18/03/2026"], id="unreadable-date"),
    ],
)
def test_bad_arguments(args):
    with pytest.raises(CommandError):
        run(*args)
