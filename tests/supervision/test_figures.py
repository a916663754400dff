"""Every dashboard figure against the hand-computed history of conftest.py."""

from datetime import date

import pytest

from supervision import selectors
from supervision.figures import FigureContext, working_day_back
from supervision.filters import DashboardFilters, month_period
from supervision.scope import Scope
from tests.supervision.conftest import TODAY

pytestmark = pytest.mark.django_db
FEBRUARY = month_period(2026, 2)


def test_the_fixture_has_the_dates_computed_by_hand(history):
    apps = history.apps
    expected = {
        # registered, due_on, completed_on, working days, state
        "A1": (date(2026, 2, 2), date(2026, 2, 16), date(2026, 2, 12), 8, "completed"),
        "A2": (date(2026, 2, 3), date(2026, 2, 17), date(2026, 2, 17), 10, "completed"),
        "A3": (date(2026, 2, 4), date(2026, 2, 18), date(2026, 2, 20), 12, "completed"),
        "A4": (date(2026, 2, 9), date(2026, 2, 23), date(2026, 2, 27), 14, "completed"),
        "A5": (date(2026, 2, 10), date(2026, 2, 24), date(2026, 2, 16), 4, "refused"),
        "A6": (date(2026, 2, 11), date(2026, 2, 25), date(2026, 2, 12), 1, "refused_to_accept"),
        "A7": (date(2026, 2, 5), date(2026, 2, 19), date(2026, 2, 9), 2, "withdrawn"),
        "A8": (date(2026, 1, 15), date(2026, 1, 29), date(2026, 2, 2), 12, "completed"),
    }
    for key, (registered, due, completed, days, state) in expected.items():
        a = apps[key]
        assert (a.registered_on, a.due_on, a.completed_on, a.working_days_to_result, a.state) == (
            registered,
            due,
            completed,
            days,
            state,
        ), key
    open_expected = {
        # stage, stage due, service due
        "O1": ("completeness_check", date(2026, 3, 5), date(2026, 3, 19)),  # 9 March off
        "O2": ("completeness_check", date(2026, 3, 4), date(2026, 3, 18)),
        "O3": ("home_inspection", date(2026, 2, 26), date(2026, 3, 10)),
        "O4": ("home_inspection", date(2026, 2, 19), date(2026, 3, 2)),
        "O5": ("completeness_check", date(2026, 2, 23), date(2026, 3, 6)),
    }
    for key, (stage, stage_due, due) in open_expected.items():
        a = apps[key]
        assert (a.stage, a.stage_due_on, a.due_on) == (stage, stage_due, due), key


def dashboard_for(user, *, period=FEBRUARY, service="", organisation_id=None, today=TODAY):
    return selectors.dashboard(
        Scope.for_user(user),
        DashboardFilters(period=period, service=service, organisation_id=organisation_id),
        today=today,
    )


def test_snapshot_figures(history):
    data = dashboard_for(history.supervisor)
    counts = data.counts
    assert counts["open"] == 5
    assert counts["due_today"] == 1  # O2
    assert counts["due_soon"] == 1  # O1 (Thu 05.03; the 2nd working day after today is Fri 06.03)
    assert counts["overdue"] == 3  # O3 O4 O5
    assert counts["overdue_2x"] == 2  # O4 (9 > 4), O5 (7 > 2); O3 is late 4 WD, not more than 4
    assert counts["service_overdue"] == 1  # O4


def test_period_figures(history):
    data = dashboard_for(history.supervisor)
    counts = data.counts
    assert counts["registered"] == 10
    assert counts["decided"] == 7
    assert counts["on_time"] == 4
    assert counts["late"] == 3
    assert counts["granted"] == 5
    assert counts["refused"] == 1
    assert counts["refused_to_accept"] == 1
    assert counts["withdrawn"] == 1
    assert data.on_time_share == pytest.approx(100 * 4 / 7)
    assert data.refused_share == pytest.approx(100 / 7)
    assert data.refused_to_accept_share == pytest.approx(100 / 7)
    assert data.median_days == pytest.approx(10)
    assert data.p90_days == pytest.approx(12.8)


def test_open_by_stage(history):
    rows = {
        (row.service, row.stage): row.counts for row in dashboard_for(history.supervisor).stage_rows
    }
    assert list(rows) == [("patronat", "completeness_check"), ("patronat", "home_inspection")]
    assert rows["patronat", "completeness_check"] == {
        "open": 3,
        "due_today": 1,
        "due_soon": 1,
        "overdue": 1,
        "overdue_2x": 1,
        "service_overdue": 0,
    }
    assert rows["patronat", "home_inspection"] == {
        "open": 2,
        "due_today": 0,
        "due_soon": 0,
        "overdue": 2,
        "overdue_2x": 1,
        "service_overdue": 1,
    }


def test_weekly_on_time_trend(history):
    weeks = [(w.monday, w.decided, w.on_time) for w in dashboard_for(history.supervisor).weeks]
    assert weeks == [
        (date(2026, 1, 26), 0, 0),  # ISO week 5: only Sunday 1 Feb is in the period
        (date(2026, 2, 2), 1, 0),  # A8 (late)
        (date(2026, 2, 9), 2, 2),  # A1, A6
        (date(2026, 2, 16), 3, 2),  # A2, A5 on time; A3 late
        (date(2026, 2, 23), 1, 0),  # A4 late
    ]
    assert [w.week for w in dashboard_for(history.supervisor).weeks] == [5, 6, 7, 8, 9]


def test_clerks(history):
    rows = {row.user: row for row in dashboard_for(history.supervisor).clerks}
    assert set(rows) == {history.c1, history.c2}  # not the other office's clerk, not the applicant
    c1, c2 = rows[history.c1], rows[history.c2]
    assert (c1.open_assigned, c1.overdue_assigned, c1.decided, c1.on_time) == (
        2,
        1,
        4,
        4,
    )  # O1 O3; A1 A2 A5 A6
    assert (c2.open_assigned, c2.overdue_assigned, c2.decided, c2.on_time) == (
        1,
        1,
        3,
        0,
    )  # O4; A3 A4 A8
    assert c1.share == pytest.approx(100.0)
    assert c2.share == pytest.approx(0.0)


def test_a_clerk_without_work_is_listed_with_zeros(history):
    from tests.factories import ClerkFactory

    idle = ClerkFactory(organisation=history.office)
    row = next(row for row in dashboard_for(history.supervisor).clerks if row.user == idle)
    assert (row.open_assigned, row.overdue_assigned, row.decided, row.on_time, row.share) == (
        0,
        0,
        0,
        0,
        None,
    )


def test_period_filter_moves_the_result_figures_not_the_snapshot(history):
    january = dashboard_for(history.supervisor, period=month_period(2026, 1))
    # January: A8 was registered (15.01); nothing was decided in January.
    assert january.counts["registered"] == 1
    assert january.counts["decided"] == 0
    assert (
        january.on_time_share is None and january.median_days is None and january.p90_days is None
    )
    assert january.counts["open"] == 5  # the snapshot does not depend on the period
    march = dashboard_for(history.supervisor, period=month_period(2026, 3))
    assert march.counts["registered"] == 2  # O1, O2
    assert march.counts["decided"] == 0


def test_service_filter(history):
    data = dashboard_for(history.supervisor, service="camp_voucher")
    assert data.counts["open"] == 0 and data.counts["decided"] == 0
    assert dashboard_for(history.supervisor, service="patronat").counts["decided"] == 7


def test_percentiles_with_one_and_two_values(history):
    # 12.02 alone: A1 (8) and A6 (1) were decided that day.
    from supervision.filters import Period

    one_day = Period("custom", date(2026, 2, 12), date(2026, 2, 12))
    data = dashboard_for(history.supervisor, period=one_day)
    assert data.counts["decided"] == 2
    assert data.median_days == pytest.approx(4.5)  # (1 + 8) / 2
    assert data.p90_days == pytest.approx(1 + 0.9 * 7)  # 7.3
    only = Period("custom", date(2026, 2, 27), date(2026, 2, 27))  # A4 alone (14)
    data = dashboard_for(history.supervisor, period=only)
    assert (data.median_days, data.p90_days) == (pytest.approx(14), pytest.approx(14))


def test_working_day_back_counts_today_first():
    assert working_day_back(TODAY, 1) == TODAY
    assert working_day_back(TODAY, 5) == date(2026, 2, 26)
    # Counting back across the 9 March day off: from Tue 10.03 the 2nd is Fri 06.03.
    assert working_day_back(date(2026, 3, 10), 2) == date(2026, 3, 6)


def test_badly_overdue_cut_off_is_the_definition(history):
    """overdue_2x ⇔ working days after stage_due_on up to today > 2 × stage term."""
    from guardianship_portal.workdays.calendar import working_days_between

    context = FigureContext(today=TODAY, period=FEBRUARY)
    from applications.models import Application

    flagged = set(
        Application.objects.filter(context.q("overdue_2x")).values_list("number", flat=True)
    )
    terms = {"completeness_check": 1, "home_inspection": 2}
    by_hand = {
        a.number
        for a in Application.objects.exclude(stage="")
        if a.stage_due_on < TODAY
        and working_days_between(a.stage_due_on, TODAY) > 2 * terms[a.stage]
    }
    assert flagged == by_hand
    assert history.apps["O4"].number in flagged and history.apps["O5"].number in flagged
    assert history.apps["O3"].number not in flagged
