"""The dashboard's reads: every figure aggregated in SQL, a fixed number of queries
whatever the number of applications.

Queries for one dashboard (besides the session, the user and the calendar's cached
overrides): the scope's organisations (1, in the view), the summary (1: every count with
``Count(filter=Q)``, and on PostgreSQL the median and the 90th percentile with
``percentile_cont … WITHIN GROUP``), open applications by service and stage (1), the
weekly on-time trend (1), the clerks (1), and on SQLite the median and the 90th
percentile (1 each: ORDER BY … LIMIT 2 OFFSET k).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from math import floor

from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, TruncWeek

from applications.models import Application
from applications.registry import all_services, get_service
from guardianship_portal.accounts.models import Role, User

from .figures import NOW_FIGURES, PERIOD_FIGURES, FigureContext
from .filters import DashboardFilters
from .scope import Scope

MEDIAN = 0.5
P90 = 0.9


class PercentileCont(Aggregate):
    """PostgreSQL's ordered-set aggregate ``percentile_cont(f) WITHIN GROUP (ORDER BY x)``
    (continuous: interpolates between the two nearest values). Accepts ``filter=``
    (rendered as FILTER (WHERE …) after the WITHIN GROUP clause, as PostgreSQL wants)."""

    function = "percentile_cont"
    name = "PercentileCont"
    output_field = FloatField()
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression, fraction: float, **extra) -> None:
        fraction = float(fraction)
        if not 0.0 <= fraction <= 1.0:
            raise ValueError("fraction must lie between 0 and 1")
        # A float we made ourselves: safe to write into the SQL text.
        super().__init__(expression, fraction=repr(fraction), **extra)


def percentile_by_offset(
    queryset: QuerySet, field_name: str, fraction: float, count: int
) -> float | None:
    """The same continuous percentile without ``percentile_cont`` (SQLite): read the one
    or two values around position ``fraction × (count − 1)`` with ORDER BY + LIMIT/OFFSET
    (one query; ``count`` is known from the summary) and interpolate."""
    if count <= 0:
        return None
    position = fraction * (count - 1)
    lower = floor(position)
    values = list(
        queryset.order_by(field_name).values_list(field_name, flat=True)[lower : lower + 2]
    )
    if not values:
        return None
    if len(values) == 1 or position == lower:
        return float(values[0])
    return values[0] + (values[1] - values[0]) * (position - lower)


def uses_percentile_cont() -> bool:
    return connection.vendor == "postgresql"


def scoped_applications(scope: Scope, filters: DashboardFilters) -> QuerySet[Application]:
    queryset = Application.objects.filter(scope.application_condition(filters.organisation_id))
    if filters.service:
        queryset = queryset.filter(service=filters.service)
    return queryset.order_by()


def share(part: int, whole: int) -> float | None:
    return None if not whole else 100.0 * part / whole


@dataclass
class StageRow:
    service: str
    stage: str
    service_title: object
    stage_title: object
    counts: dict[str, int]


@dataclass
class WeekRow:
    monday: date
    decided: int
    on_time: int

    @property
    def week(self) -> int:
        return self.monday.isocalendar().week

    @property
    def iso_year(self) -> int:
        return self.monday.isocalendar().year

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def share(self) -> float | None:
        return share(self.on_time, self.decided)


@dataclass
class ClerkRow:
    user: User
    open_assigned: int
    overdue_assigned: int
    decided: int
    on_time: int

    @property
    def share(self) -> float | None:
        return share(self.on_time, self.decided)


@dataclass
class Dashboard:
    context: FigureContext
    counts: dict[str, int]
    median_days: float | None
    p90_days: float | None
    stage_rows: list[StageRow] = field(default_factory=list)
    weeks: list[WeekRow] = field(default_factory=list)
    clerks: list[ClerkRow] = field(default_factory=list)

    @property
    def on_time_share(self) -> float | None:
        return share(self.counts["on_time"], self.counts["decided"])

    @property
    def refused_share(self) -> float | None:
        return share(self.counts["refused"], self.counts["decided"])

    @property
    def refused_to_accept_share(self) -> float | None:
        return share(self.counts["refused_to_accept"], self.counts["decided"])

    @property
    def max_stage_open(self) -> int:
        return max((row.counts["open"] for row in self.stage_rows), default=0)


def summary(
    queryset: QuerySet[Application], context: FigureContext
) -> tuple[dict[str, int], float | None, float | None]:
    """Every count in one query; the median and the 90th percentile of working days to
    result over the decided applications (in the same query on PostgreSQL)."""
    figures = context.all()
    timed = figures["decided"] & Q(working_days_to_result__isnull=False)
    aggregates: dict[str, Aggregate] = {
        name: Count("pk", filter=condition) for name, condition in figures.items()
    }
    aggregates["timed"] = Count("pk", filter=timed)
    if uses_percentile_cont():
        aggregates["median"] = PercentileCont("working_days_to_result", MEDIAN, filter=timed)
        aggregates["p90"] = PercentileCont("working_days_to_result", P90, filter=timed)
    counts = queryset.filter(context.relevant()).aggregate(**aggregates)
    if uses_percentile_cont():
        median, p90 = counts.pop("median"), counts.pop("p90")
    else:
        decided = queryset.filter(timed)
        median = percentile_by_offset(decided, "working_days_to_result", MEDIAN, counts["timed"])
        p90 = percentile_by_offset(decided, "working_days_to_result", P90, counts["timed"])
    return counts, median, p90


def open_by_stage(queryset: QuerySet[Application], context: FigureContext) -> list[StageRow]:
    """Open applications grouped by service and current stage, with the deadline
    figures of each group (one query), in the order of the services and their stages."""
    rows = (
        queryset.filter(context.q("open"))
        .values("service", "stage")
        .annotate(**{name: Count("pk", filter=context.q(name)) for name in NOW_FIGURES})
        .order_by()
    )
    services = {definition.code: index for index, definition in enumerate(all_services())}
    result = []
    for row in rows:
        try:
            definition = get_service(row["service"])
        except KeyError:
            definition = None
        stage_titles = (
            {stage.code: stage.title for stage in definition.stages} if definition else {}
        )
        stage_order = list(stage_titles)
        result.append(
            (
                services.get(row["service"], len(services)),
                stage_order.index(row["stage"])
                if row["stage"] in stage_order
                else len(stage_order),
                StageRow(
                    service=row["service"],
                    stage=row["stage"],
                    service_title=definition.title if definition else row["service"],
                    stage_title=stage_titles.get(row["stage"]) or row["stage"] or "—",
                    counts={name: row[name] for name in NOW_FIGURES},
                ),
            )
        )
    return [
        row for *_order, row in sorted(result, key=lambda item: (item[0], item[1], item[2].stage))
    ]


def weekly_on_time(queryset: QuerySet[Application], context: FigureContext) -> list[WeekRow]:
    """Decided applications and those decided on time, by ISO week of ``completed_on``
    (one query); every week of the period up to today's appears, a week without
    decisions with 0."""
    rows = (
        queryset.filter(context.q("decided"))
        .annotate(week=TruncWeek("completed_on"))
        .values("week")
        .annotate(decided=Count("pk"), on_time=Count("pk", filter=Q(completed_on__lte=F("due_on"))))
        .order_by("week")
    )
    found = {_as_date(row["week"]): row for row in rows}
    start = context.period.start - timedelta(days=context.period.start.weekday())
    weeks, monday = [], start
    end = min(context.period.end, context.today)
    while monday <= end:
        row = found.get(monday)
        weeks.append(WeekRow(monday, row["decided"] if row else 0, row["on_time"] if row else 0))
        monday += timedelta(days=7)
    return weeks


def _as_date(value) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def _count_of(queryset: QuerySet[Application], by: str) -> Coalesce:
    """COUNT of ``queryset`` rows whose ``by`` is the outer user, as a subquery."""
    counted = (
        queryset.filter(**{by: OuterRef("pk")})
        .order_by()
        .values(by)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def clerks(
    queryset: QuerySet[Application], context: FigureContext, scope: Scope, filters: DashboardFilters
) -> list[ClerkRow]:
    """Per clerk: open applications assigned (and of them overdue), applications they
    decided in the period (and of them on time). The clerks listed are the active clerks
    of the organisations in view and anyone holding or having decided an application
    counted here (a supervisor who closed one, a clerk since moved). One query: the
    four counts are correlated subqueries per person listed, each answered from an
    index that holds all it reads (app_open_clerk_idx: a person's open applications;
    app_closed_by_idx: what a person closed, by day), so a clerk who closed thousands
    of applications over the years costs the period's index entries, not the rows."""
    open_ = queryset.filter(context.q("open"))
    overdue = queryset.filter(context.q("overdue"))
    decided = queryset.filter(context.q("decided"))
    on_time = queryset.filter(context.q("on_time"))
    users = (
        User.objects.filter(
            Q(pk__in=open_.filter(assigned_clerk__isnull=False).values("assigned_clerk"))
            | Q(pk__in=decided.filter(completed_by__isnull=False).values("completed_by"))
            | (scope.staff_condition(filters.organisation_id) & Q(role=Role.CLERK, is_active=True))
        )
        .select_related("organisation")
        .annotate(
            open_assigned=_count_of(open_, "assigned_clerk"),
            overdue_assigned=_count_of(overdue, "assigned_clerk"),
            decided_count=_count_of(decided, "completed_by"),
            on_time_count=_count_of(on_time, "completed_by"),
        )
        .order_by("last_name", "first_name", "pk")
    )
    return [
        ClerkRow(
            user, user.open_assigned, user.overdue_assigned, user.decided_count, user.on_time_count
        )
        for user in users
    ]


def dashboard(scope: Scope, filters: DashboardFilters, *, today: date) -> Dashboard:
    context = FigureContext(today=today, period=filters.period)
    queryset = scoped_applications(scope, filters)
    counts, median, p90 = summary(queryset, context)
    return Dashboard(
        context=context,
        counts=counts,
        median_days=median,
        p90_days=p90,
        stage_rows=open_by_stage(queryset, context),
        weeks=weekly_on_time(queryset, context),
        clerks=clerks(queryset, context, scope, filters),
    )


@dataclass(frozen=True)
class Drill:
    """What a drill-down list asks for: a figure, and optionally one row of a table
    (a stage, a clerk holding the applications, a clerk who decided them, a week)."""

    figure: str
    stage: str | None = None
    clerk: int | None = None
    closed_by: int | None = None
    week: date | None = None
    by_days: bool = False


def drill_down(
    scope: Scope, filters: DashboardFilters, drill: Drill, *, today: date
) -> QuerySet[Application]:
    """Exactly the applications a figure counts, in a useful order."""
    context = FigureContext(today=today, period=filters.period)
    queryset = scoped_applications(scope, filters).filter(context.q(drill.figure))
    if drill.stage is not None:
        queryset = queryset.filter(stage=drill.stage)
    if drill.clerk is not None:
        queryset = queryset.filter(assigned_clerk_id=drill.clerk)
    if drill.closed_by is not None:
        queryset = queryset.filter(completed_by_id=drill.closed_by)
    if drill.week is not None:
        queryset = queryset.filter(completed_on__range=(drill.week, drill.week + timedelta(days=6)))
    queryset = queryset.select_related("organisation", "assigned_clerk", "completed_by")
    if drill.by_days:
        return queryset.order_by(
            F("working_days_to_result").asc(nulls_last=True), "completed_on", "pk"
        )
    if drill.figure in PERIOD_FIGURES and drill.figure != "registered":
        return queryset.order_by(F("completed_on").desc(nulls_last=True), "-pk")
    if drill.figure == "registered":
        return queryset.order_by("-registered_on", "-pk")
    return queryset.order_by(
        F("stage_due_on").asc(nulls_last=True), F("due_on").asc(nulls_last=True), "pk"
    )
