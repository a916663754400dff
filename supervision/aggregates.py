"""Pre-aggregated period figures: what the dashboard and the reports count over a
period, kept per organisation, service and calendar month (and per ISO week for the
weekly trend) in ``FigureBucket``, so that a year of a region reads a few thousand
small rows instead of every application decided in it.

The keys. At a million applications over five years a provider has about two a day:
rows per office and day would be as many as the applications and save nothing. A
month of one provider and service holds about 20–40 registrations and results, so a
region's year is ~2,000 month rows instead of ~50,000 applications; the weekly trend
needs weeks (months do not divide into them), ~5× fewer rows than the applications.
The service stays in the key because the dashboard filters by it, the organisation
because the scope and the per-organisation report rows are organisations.

A bucket holds exactly what the figures of supervision.figures count for its dates:
registered (``registered_on`` in it), and by ``completed_on`` in it: decided, on
time, late, granted, refused, refused to accept, withdrawn, and the histogram of
working days to result of the decided (``days``), from which the median and the 90th
percentile are computed exactly (``percentile_cont``'s interpolation, in Python, so
SQLite gives the same). A period is read as its whole months (or weeks) from the
buckets plus its partial edges from the applications themselves (a custom range:
at most two partial months, on indexed dates); a month, quarter or year has no edge.

Kept current by the transition path: supervision registers ``application_changed``
with the engine (guardianship_portal/workflow), which calls it inside the
transaction after the row is saved; when a transition changes anything a bucket
counts (registration, reaching or leaving a final state), the buckets the
application belonged to before and after are recomputed from the applications, each
under a PostgreSQL advisory transaction lock of its own (taken in a fixed order): of
two transactions touching one bucket, the second recomputes after the first
committed and so sees both changes. SQLite runs one writer at a time. The bench's
generator and any bulk change rebuild every bucket with ``manage.py rebuild_figures``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from math import floor
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth, TruncWeek

from applications.models import Application
from applications.workflow import COMPLETED, REFUSED, REFUSED_TO_ACCEPT, WITHDRAWN

from .figures import DECIDED_STATES, FINAL_STATES, PERIOD_FIGURES
from .models import FigureBucket

MONTH: str = FigureBucket.Kind.MONTH.value
WEEK: str = FigureBucket.Kind.WEEK.value
# What a change of these columns can move from one bucket or figure to another.
COUNTED_COLUMNS = (
    "organisation_id",
    "service",
    "state",
    "registered_on",
    "completed_on",
    "due_on",
    "working_days_to_result",
)


# ------------------------------------------------------------------ figures


@dataclass
class Figures:
    """Period figures and the histogram of working days to result (of the decided)."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PERIOD_FIGURES, 0))
    days: Counter = field(default_factory=Counter)

    def add(self, other: Figures) -> None:
        for name in PERIOD_FIGURES:
            self.counts[name] += other.counts[name]
        self.days.update(other.days)

    @property
    def timed(self) -> int:
        return sum(self.days.values())

    def percentile(self, fraction: float) -> float | None:
        return percentile_of_histogram(self.days, fraction)

    def bucket_values(self) -> dict[str, Any]:
        return {
            **self.counts,
            "days": {str(k): v for k, v in sorted(self.days.items()) if v},
        }


def percentile_of_histogram(days: Counter | dict[int, int], fraction: float) -> float | None:
    """``percentile_cont(fraction)`` over the values the histogram counts: the value at
    position fraction × (n − 1) of the sorted values, interpolated between neighbours."""
    n = sum(days.values())
    if n <= 0:
        return None
    position = fraction * (n - 1)
    lower = floor(position)
    values: list[int] = []
    seen = 0
    for value in sorted(days):
        count = days[value]
        if count <= 0:
            continue
        # Values at sorted positions seen … seen + count − 1 are all ``value``.
        while len(values) < 2 and seen + count > lower + len(values):
            values.append(value)
        seen += count
        if len(values) == 2:
            break
    if len(values) == 1 or position == lower:
        return float(values[0])
    return values[0] + (values[1] - values[0]) * (position - lower)


# ------------------------------------------------------------------ periods


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def bucket_end(kind: str, start: date) -> date:
    return next_month(start) - timedelta(days=1) if kind == MONTH else start + timedelta(days=6)


def bucket_start(kind: str, day: date) -> date:
    return month_start(day) if kind == MONTH else week_start(day)


def split(kind: str, start: date, end: date) -> tuple[list[date], list[tuple[date, date]]]:
    """The buckets of ``kind`` wholly inside [start, end] (their first days), and the
    date ranges left at the edges (read from the applications)."""
    first = bucket_start(kind, start)
    if first < start:
        first = next_month(first) if kind == MONTH else first + timedelta(days=7)
    whole = []
    day = first
    while bucket_end(kind, day) <= end:
        whole.append(day)
        day = next_month(day) if kind == MONTH else day + timedelta(days=7)
    if not whole:
        return [], [(start, end)]
    edges = []
    if start < whole[0]:
        edges.append((start, whole[0] - timedelta(days=1)))
    last = bucket_end(kind, whole[-1])
    if last < end:
        edges.append((last + timedelta(days=1), end))
    return whole, edges


def _within(field_name: str, ranges: Iterable[tuple[date, date]]) -> Q:
    condition = Q(pk__in=[])
    for start, end in ranges:
        condition |= Q(**{f"{field_name}__range": (start, end)})
    return condition


# ------------------------------------------------------------------ from the rows


def collect(
    queryset: QuerySet[Application],
    ranges: list[tuple[date, date]],
    *,
    by: tuple[str, ...] = (),
    kind: str | None = None,
    registrations: bool = True,
) -> dict[tuple, Figures]:
    """The period figures of ``queryset`` counted from the applications whose
    registration or result falls in ``ranges``, per value of the fields ``by`` (and per
    bucket of ``kind``'s first day, last in the key, if given). Two grouped queries:
    registrations (unless ``registrations`` is false), then results by state and
    working days."""
    if not ranges:
        return {}
    result: dict[tuple, Figures] = {}
    queryset = queryset.order_by()

    def key(row: dict, bucket: str) -> tuple:
        head = tuple(row[name] for name in by)
        return (*head, _as_date(row[bucket])) if kind else head

    registered = queryset.filter(_within("registered_on", ranges))
    if kind:
        trunc = TruncMonth if kind == MONTH else TruncWeek
        registered = registered.annotate(bucket=trunc("registered_on"))
    for row in (
        registered.values(*by, *(["bucket"] if kind else [])).annotate(n=Count("organisation"))
        if registrations
        else ()
    ):
        result.setdefault(key(row, "bucket"), Figures()).counts["registered"] += row["n"]

    finished = queryset.filter(_within("completed_on", ranges), state__in=FINAL_STATES)
    if kind:
        trunc = TruncMonth if kind == MONTH else TruncWeek
        finished = finished.annotate(bucket=trunc("completed_on"))
    rows = finished.values(
        *by, *(["bucket"] if kind else []), "state", "working_days_to_result"
    ).annotate(
        n=Count("organisation"),
        on_time=Count("organisation", filter=Q(completed_on__lte=F("due_on"))),
        late=Count("organisation", filter=Q(completed_on__gt=F("due_on"))),
    )
    for row in rows:
        figures = result.setdefault(key(row, "bucket"), Figures())
        counts, n, state = figures.counts, row["n"], row["state"]
        if state == WITHDRAWN:
            counts["withdrawn"] += n
            continue
        if state not in DECIDED_STATES:
            continue
        counts["decided"] += n
        counts["on_time"] += row["on_time"]
        counts["late"] += row["late"]
        counts["granted"] += n if state == COMPLETED else 0
        counts["refused"] += n if state == REFUSED else 0
        counts["refused_to_accept"] += n if state == REFUSED_TO_ACCEPT else 0
        if row["working_days_to_result"] is not None:
            figures.days[row["working_days_to_result"]] += n
    return result


def _as_date(value: Any) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


# ------------------------------------------------------------------ reading


def _buckets(condition: Q, service: str, kind: str, starts: list[date]) -> QuerySet[FigureBucket]:
    # ``starts`` are consecutive buckets (split's whole ones): a range of the unique
    # index (kind, organisation, start, service) per organisation, not a list to test.
    rows = FigureBucket.objects.filter(condition, kind=kind, start__range=(starts[0], starts[-1]))
    if service:
        rows = rows.filter(service=service)
    return rows.order_by()


def period_figures(
    applications: QuerySet[Application],
    condition: Q,
    *,
    service: str,
    start: date,
    end: date,
    by: tuple[str, ...] = (),
) -> dict[tuple, Figures]:
    """The period figures over [start, end] of the applications ``condition`` selects
    (the scope, as a filter on ``organisation_id``), per value of ``by`` (a subset of
    organisation_id and service; () for the totals): whole months from the buckets,
    the edges from ``applications`` (the same scope, already narrowed to ``service``).
    One query for the buckets, two more only when the period has partial months."""
    whole, edges = split(MONTH, start, end)
    result: dict[tuple, Figures] = {}
    if whole:
        rows = _buckets(condition, service, MONTH, whole).values_list(*by, *PERIOD_FIGURES, "days")
        width = len(by)
        sums: dict[tuple, list[int]] = {}
        histograms: dict[tuple, Counter] = {}
        for row in rows:  # a region's year: ~2,000 rows, summed here in one pass
            key = row[:width]
            counts = sums.setdefault(key, [0] * len(PERIOD_FIGURES))
            for index, value in enumerate(row[width:-1]):
                counts[index] += value
            if row[-1]:
                histograms.setdefault(key, Counter()).update(row[-1])
        for key, counts in sums.items():
            days = Counter({int(k): v for k, v in histograms.get(key, Counter()).items()})
            result[key] = Figures(dict(zip(PERIOD_FIGURES, counts, strict=True)), days)
    for key, figures in collect(applications, edges, by=by).items():
        result.setdefault(key, Figures()).add(figures)
    if not by:
        result.setdefault((), Figures())
    return result


def weekly_figures(
    applications: QuerySet[Application], condition: Q, *, service: str, start: date, end: date
) -> dict[date, tuple[int, int]]:
    """{Monday: (decided, on time)} for the weeks of [start, end]: whole weeks from the
    buckets (one grouped query), the weeks cut by the period's ends from the rows."""
    whole, edges = split(WEEK, start, end)
    found: dict[date, tuple[int, int]] = {}
    if whole:
        rows = (
            _buckets(condition, service, WEEK, whole)
            .values("start")
            .annotate(decided=Sum("decided"), on_time=Sum("on_time"))
        )
        found = {row["start"]: (row["decided"], row["on_time"]) for row in rows}
    for (monday,), figures in collect(applications, edges, kind=WEEK, registrations=False).items():
        decided, on_time = found.get(monday, (0, 0))
        found[monday] = (decided + figures.counts["decided"], on_time + figures.counts["on_time"])
    return found


# ------------------------------------------------------------------ keeping


def buckets_of(values: dict[str, Any]) -> set[tuple[str, int, str, date]]:
    """(kind, organisation, service, first day) of every bucket an application with
    these column values counts in."""
    keys: set[tuple[str, int, str, date]] = set()
    organisation, service = values.get("organisation_id"), values.get("service")
    if organisation is None or not service:
        return keys
    days = [values.get("registered_on")]
    if values.get("state") in FINAL_STATES:
        days.append(values.get("completed_on"))
    for day in days:
        if day is None:
            continue
        for kind in (MONTH, WEEK):
            keys.add((kind, organisation, service, bucket_start(kind, day)))
    return keys


def recompute(keys: Iterable[tuple[str, int, str, date]]) -> None:
    """Recount the buckets ``keys`` from the applications and store them (inside the
    caller's transaction; on PostgreSQL under one advisory lock per bucket)."""
    keys = sorted(set(keys), key=lambda k: (k[0], k[1], k[2], k[3]))
    if not keys:
        return
    # Part of the caller's transaction (the transition's): no savepoint of its own.
    with transaction.atomic(savepoint=False):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Waits for a running rebuild (EXCLUSIVE), not for other transitions.
                cursor.execute(f'LOCK TABLE "{FigureBucket._meta.db_table}" IN ROW EXCLUSIVE MODE')
                # One lock per bucket, in one statement, taken in the array's order: the
                # keys sorted the same way by every transaction (no deadlock).
                cursor.execute(
                    "SELECT count(pg_advisory_xact_lock(hashtext(name))) "
                    "FROM unnest(%s::text[]) AS name",
                    [[f"figures:{k}:{o}:{s}:{d.isoformat()}" for k, o, s, d in keys]],
                )
        rows = []
        for kind in (MONTH, WEEK):
            wanted = [k for k in keys if k[0] == kind]
            if not wanted:
                continue
            groups = {(k[1], k[2]) for k in wanted}
            scope = Q(pk__in=[])
            for organisation, service in groups:
                scope |= Q(organisation_id=organisation, service=service)
            ranges = sorted({(k[3], bucket_end(kind, k[3])) for k in wanted})
            found = collect(
                Application.objects.filter(scope),
                ranges,
                by=("organisation_id", "service"),
                kind=kind,
            )
            for _kind, organisation, service, start in wanted:
                figures = found.get((organisation, service, start), Figures())
                rows.append(
                    FigureBucket(
                        kind=kind,
                        organisation_id=organisation,
                        service=service,
                        start=start,
                        **figures.bucket_values(),
                    )
                )
        FigureBucket.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["kind", "organisation", "start", "service"],
            update_fields=[*PERIOD_FIGURES, "days"],
        )


def application_changed(record: Any, previous: dict[str, Any]) -> None:
    """The engine's change listener: recompute the buckets an application left or
    entered, when the transition changed a column they count."""
    if not isinstance(record, Application):
        return
    current = {name: getattr(record, name) for name in COUNTED_COLUMNS}
    before = {name: previous.get(name) for name in COUNTED_COLUMNS}
    if current == before:
        return
    recompute(buckets_of(before) | buckets_of(current))


def rebuild(*, applications: Any = None, buckets: Any = None, batch_size: int = 5000) -> int:
    """Every bucket recomputed from the applications (the command rebuild_figures, and
    the migration that made the table, with its historical models): the table is
    emptied and refilled in one transaction. Returns the rows written."""
    applications = applications or Application
    buckets = buckets or FigureBucket
    written = 0
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Transitions wait for the rebuild (and it for them): see recompute.
                cursor.execute(f'LOCK TABLE "{buckets._meta.db_table}" IN EXCLUSIVE MODE')
        buckets.objects.all().delete()
        everything = [(date(1900, 1, 1), date(9999, 12, 31))]
        for kind in (MONTH, WEEK):
            found = collect(
                applications.objects.all(),
                everything,
                by=("organisation_id", "service"),
                kind=kind,
            )
            rows = [
                buckets(
                    kind=kind,
                    organisation_id=organisation,
                    service=service,
                    start=start,
                    **figures.bucket_values(),
                )
                for (organisation, service, start), figures in found.items()
            ]
            buckets.objects.bulk_create(rows, batch_size=batch_size)
            written += len(rows)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Fresh statistics, or the planner guesses a few hundred rows and reads the
            # table in bitmaps instead of the unique index's ranges.
            cursor.execute(f'ANALYZE "{buckets._meta.db_table}"')
    return written
