"""The pre-aggregated figures (supervision.aggregates): kept current by the transition
path, rebuildable, and always equal to counting the applications directly with the
dashboard's own figure conditions (so a figure and its drill-down list agree)."""

from __future__ import annotations

import random
import statistics
from collections import Counter
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db.models import Count

from applications.models import Application
from supervision import aggregates, selectors
from supervision.figures import PERIOD_FIGURES, FigureContext
from supervision.filters import DashboardFilters, Period, month_period, quarter_period
from supervision.models import FigureBucket
from supervision.scope import Scope
from tests.factories import ClerkFactory, UserFactory
from tests.supervision.conftest import TODAY, complete, paper, step

pytestmark = pytest.mark.django_db


def direct(scope: Scope, period: Period) -> dict[str, int]:
    """The period figures counted from the applications with the figures' own Q."""
    context = FigureContext(today=TODAY, period=period)
    queryset = selectors.scoped_applications(scope, DashboardFilters(period=period))
    return queryset.aggregate(
        **{name: Count("pk", filter=context.q(name)) for name in PERIOD_FIGURES}
    )


def direct_days(scope: Scope, period: Period) -> list[int]:
    context = FigureContext(today=TODAY, period=period)
    queryset = selectors.scoped_applications(scope, DashboardFilters(period=period))
    return sorted(
        queryset.filter(context.q("decided"), working_days_to_result__isnull=False).values_list(
            "working_days_to_result", flat=True
        )
    )


def from_buckets(scope: Scope, period: Period) -> aggregates.Figures:
    queryset = selectors.scoped_applications(scope, DashboardFilters(period=period))
    return aggregates.period_figures(
        queryset,
        scope.application_condition(),
        service="",
        start=period.start,
        end=period.end,
    )[()]


def bucket_rows() -> list[tuple]:
    return sorted(
        FigureBucket.objects.values_list(
            "kind", "organisation_id", "service", "start", *PERIOD_FIGURES, "days"
        )
    )


PERIODS = [
    month_period(2026, 1),
    month_period(2026, 2),
    month_period(2026, 3),
    quarter_period(2026, 1),
    # Custom ranges: partial months and weeks at both ends, read from the rows.
    Period("custom", date(2026, 1, 20), date(2026, 2, 11)),
    Period("custom", date(2026, 2, 4), date(2026, 2, 18)),
    Period("custom", date(2026, 2, 12), date(2026, 2, 12)),
]


def test_the_history_gives_the_hand_computed_figures(history):
    scope = Scope.for_user(history.supervisor)
    figures = from_buckets(scope, month_period(2026, 2))
    assert figures.counts == {
        "registered": 10,
        "decided": 7,
        "on_time": 4,
        "late": 3,
        "granted": 5,
        "refused": 1,
        "refused_to_accept": 1,
        "withdrawn": 1,
    }
    assert figures.percentile(0.5) == 10.0
    assert figures.percentile(0.9) == pytest.approx(12.8)


@pytest.mark.parametrize("seed", [1, 2])
def test_random_transitions_then_buckets_equal_a_direct_count(history, patronat_clerk, seed):
    """Random filings and outcomes through the real transition path over January to
    March; then every period (whole months, a quarter, custom ranges with edges) read
    from the buckets equals a direct count, and a rebuild writes the same rows."""
    office, clerk = history.office, patronat_clerk
    other = ClerkFactory(organisation=office)
    applicant = UserFactory()
    rng = random.Random(seed)
    start = date(2026, 1, 5)
    for _index in range(14):
        registered = start + timedelta(days=rng.randrange(0, 50))
        while registered.weekday() >= 5:
            registered += timedelta(days=1)
        actor = rng.choice([clerk, other])
        application = paper(office, actor, registered, applicant=applicant)
        later = registered + timedelta(days=rng.randrange(1, 12))
        while later.weekday() >= 5:
            later += timedelta(days=1)
        outcome = rng.choice(["complete", "refuse", "refuse_to_accept", "withdraw", "open"])
        if outcome == "complete":
            complete(application, actor, later)
        elif outcome == "refuse":
            accepted = step(application, "accept_documents", actor, registered)
            step(accepted, "refuse", actor, later, ground="family_code_restriction")
        elif outcome == "refuse_to_accept":
            step(application, "refuse_to_accept", actor, later, missing=["education_diploma"])
        elif outcome == "withdraw":
            step(application, "withdraw", applicant, later)

    scope = Scope.for_user(history.supervisor)
    for period in PERIODS:
        figures = from_buckets(scope, period)
        assert figures.counts == direct(scope, period), period
        days = direct_days(scope, period)
        assert figures.timed == len(days)
        if days:
            assert figures.percentile(0.5) == pytest.approx(statistics.median(days))
        # The weekly trend agrees with a direct count per week too.
        queryset = selectors.scoped_applications(scope, DashboardFilters(period=period))
        weeks = aggregates.weekly_figures(
            queryset,
            scope.application_condition(),
            service="",
            start=period.start,
            end=period.end,
        )
        context = FigureContext(today=TODAY, period=period)
        decided = Counter(
            day - timedelta(days=day.weekday())
            for day in queryset.filter(context.q("decided")).values_list("completed_on", flat=True)
        )
        assert {monday: n for monday, (n, _on_time) in weeks.items() if n} == dict(decided)

    kept = bucket_rows()
    call_command("rebuild_figures", verbosity=0)
    # A rebuild writes no bucket of zeros; the transition path may leave one (an
    # application that moved out of it): compare what counts.
    assert [row for row in kept if any(row[4:12]) or row[12]] == bucket_rows()


def test_a_transition_that_changes_no_counted_column_writes_nothing(history):
    application = history.apps["O5"]
    before = bucket_rows()
    step(application, "accept_documents", history.c1, date(2026, 3, 4))
    assert bucket_rows() == before


def test_only_whole_months_come_from_the_buckets(history):
    whole, edges = aggregates.split(aggregates.MONTH, date(2026, 1, 20), date(2026, 3, 31))
    assert whole == [date(2026, 2, 1), date(2026, 3, 1)]
    assert edges == [(date(2026, 1, 20), date(2026, 1, 31))]
    whole, edges = aggregates.split(aggregates.WEEK, date(2026, 2, 1), date(2026, 2, 28))
    assert whole == [date(2026, 2, 2), date(2026, 2, 9), date(2026, 2, 16)]
    assert edges == [(date(2026, 2, 1), date(2026, 2, 1)), (date(2026, 2, 23), date(2026, 2, 28))]
    assert aggregates.split(aggregates.MONTH, date(2026, 2, 3), date(2026, 2, 9)) == (
        [],
        [(date(2026, 2, 3), date(2026, 2, 9))],
    )


@pytest.mark.parametrize(
    "values",
    [[5], [1, 4, 8, 10, 12, 12, 14], [3, 3, 3, 9], [0, 0, 1, 2, 2, 2, 7, 30, 30, 31]],
)
def test_percentiles_of_the_histogram_are_percentile_cont(values):
    histogram = Counter(values)
    ordered = sorted(values)
    for fraction in (0.0, 0.25, 0.5, 0.9, 1.0):
        position = fraction * (len(ordered) - 1)
        lower = int(position)
        upper = min(lower + 1, len(ordered) - 1)
        expected = ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)
        assert aggregates.percentile_of_histogram(histogram, fraction) == pytest.approx(expected)
    assert aggregates.percentile_of_histogram(Counter(), 0.5) is None


def test_the_migration_and_the_command_fill_the_table_from_existing_rows(history):
    FigureBucket.objects.all().delete()
    scope = Scope.for_user(history.supervisor)
    assert from_buckets(scope, month_period(2026, 2)).counts["decided"] == 0
    call_command("rebuild_figures", verbosity=0)
    assert from_buckets(scope, month_period(2026, 2)).counts == direct(scope, month_period(2026, 2))
    assert Application.objects.filter(state="completed").exists()
