"""The dashboard's reads: every figure aggregated in SQL, a fixed number of queries
whatever the number of applications.

Queries for one dashboard (besides the session, the user and the calendar's cached
overrides): the scope's organisations (1, in the view), open applications by service
and stage with every snapshot figure (1, from the open rows' partial index), the
period's figures with the median and the 90th percentile (1, from the pre-aggregated
months of supervision.aggregates; +2 for partial months of a custom range), the weekly
on-time trend (1 from the pre-aggregated weeks; +2 for weeks cut by the period's ends),
the clerks (3: the open ones by assigned clerk, the decided ones by closer, one fetch
of the people). The same on
SQLite and PostgreSQL. The drill-down lists filter the applications themselves with the
same conditions (supervision.figures), so a figure and its list agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import (
    Count,
    F,
    Q,
    QuerySet,
)

from applications.models import Application
from applications.registry import all_services, get_service
from applications.table_rows import CLOSED_BY_FIELDS, ROW_FIELDS
from applications.workflow import DRAFT
from guardianship_portal.accounts.models import Role, User

from . import aggregates
from .figures import NOW_FIGURES, PERIOD_FIGURES, FigureContext
from .filters import DashboardFilters
from .scope import Scope

MEDIAN = 0.5
P90 = 0.9


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
    queryset: QuerySet[Application],
    context: FigureContext,
    scope: Scope,
    filters: DashboardFilters,
    stage_rows: list[StageRow],
) -> tuple[dict[str, int], float | None, float | None]:
    """Every count of the summary: the snapshot figures are the sums of the open rows by
    stage (no query of their own), the period figures, the median and the 90th
    percentile of working days to result come from the pre-aggregated months
    (supervision.aggregates: one query, two more for a period with partial months)."""
    counts = {name: sum(row.counts[name] for row in stage_rows) for name in NOW_FIGURES}
    figures = aggregates.period_figures(
        queryset,
        scope.application_condition(filters.organisation_id),
        service=filters.service,
        start=context.period.start,
        end=context.period.end,
    )[()]
    counts.update(figures.counts)
    counts["timed"] = figures.timed
    return counts, figures.percentile(MEDIAN), figures.percentile(P90)


def open_by_stage(queryset: QuerySet[Application], context: FigureContext) -> list[StageRow]:
    """Open applications grouped by service and current stage, with the deadline
    figures of each group (one query), in the order of the services and their stages."""
    rows = (
        # state <> draft is implied by is_open; said so that PostgreSQL reads the open
        # rows from the queue's partial index (filed rows only) per organisation.
        queryset.filter(context.q("open"))
        .exclude(state=DRAFT)
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


def weekly_on_time(
    queryset: QuerySet[Application], context: FigureContext, scope: Scope, filters: DashboardFilters
) -> list[WeekRow]:
    """Decided applications and those decided on time, by ISO week of ``completed_on``
    (the pre-aggregated weeks: one query, one or two more for weeks cut by the period's
    ends); every week of the period up to today's appears, a week without decisions
    with 0."""
    end = min(context.period.end, context.today)
    found = (
        aggregates.weekly_figures(
            queryset,
            scope.application_condition(filters.organisation_id),
            service=filters.service,
            start=context.period.start,
            end=end,
        )
        if context.period.start <= end
        else {}
    )
    start = context.period.start - timedelta(days=context.period.start.weekday())
    weeks, monday = [], start
    while monday <= end:
        decided, on_time = found.get(monday, (0, 0))
        weeks.append(WeekRow(monday, decided, on_time))
        monday += timedelta(days=7)
    return weeks


def clerks(
    queryset: QuerySet[Application], context: FigureContext, scope: Scope, filters: DashboardFilters
) -> list[ClerkRow]:
    """Per clerk: open applications assigned (and of them overdue), applications they
    decided in the period (and of them on time). The clerks listed are the active clerks
    of the organisations in view and anyone holding or having decided an application
    counted here (a supervisor who closed one, a clerk since moved).

    Staff-only aggregates, not a count per user: one GROUP BY of the open applications
    by assigned clerk (the office's open rows, from the queue's partial index), one GROUP
    BY of the period's decided applications by whoever closed them (from the covering
    index app_results_cover_idx on PostgreSQL), then one fetch of the people found and
    the clerks in view (counting organisation_id, which the indexes hold, not the id). Only staff hold or close applications (an applicant who
    withdrew is not "decided"), so no applicant account is ever read."""
    found: dict[int, dict[str, int]] = {}

    def add(rows, person: str) -> None:
        for row in rows:
            counts = found.setdefault(
                row[person], {"open_assigned": 0, "overdue_assigned": 0, "decided": 0, "on_time": 0}
            )
            counts.update({k: v for k, v in row.items() if k != person})

    add(
        queryset.filter(context.q("open"), assigned_clerk__isnull=False)
        .exclude(state=DRAFT)  # implied; lets PostgreSQL use the queue's partial index
        .values("assigned_clerk_id")
        .annotate(
            open_assigned=Count("organisation"),
            overdue_assigned=Count("organisation", filter=context.q("overdue")),
        )
        .order_by(),
        "assigned_clerk_id",
    )
    add(
        queryset.filter(context.q("decided"), completed_by__isnull=False)
        .values("completed_by_id")
        .annotate(
            decided=Count("organisation"),
            on_time=Count("organisation", filter=context.q("on_time")),
        )
        .order_by(),
        "completed_by_id",
    )
    users = (
        User.objects.filter(
            Q(pk__in=list(found))
            | (scope.staff_condition(filters.organisation_id) & Q(role=Role.CLERK, is_active=True))
        )
        .select_related("organisation")
        .order_by("last_name", "first_name", "pk")
    )
    empty = {"open_assigned": 0, "overdue_assigned": 0, "decided": 0, "on_time": 0}
    return [
        ClerkRow(
            user,
            (row := found.get(user.pk, empty))["open_assigned"],
            row["overdue_assigned"],
            row["decided"],
            row["on_time"],
        )
        for user in users
    ]


def dashboard(scope: Scope, filters: DashboardFilters, *, today: date) -> Dashboard:
    context = FigureContext(today=today, period=filters.period)
    queryset = scoped_applications(scope, filters)
    stage_rows = open_by_stage(queryset, context)
    counts, median, p90 = summary(queryset, context, scope, filters, stage_rows)
    return Dashboard(
        context=context,
        counts=counts,
        median_days=median,
        p90_days=p90,
        stage_rows=stage_rows,
        weeks=weekly_on_time(queryset, context, scope, filters),
        clerks=clerks(queryset, context, scope, filters),
    )


def page_rows(page: QuerySet[Application]) -> list[Application]:
    """One page of a drill-down list: its ids first (the ordered query reads only
    indexed columns, so PostgreSQL sorts index entries, not rows joined to people),
    then those rows with their organisation and people (one more query)."""
    ids = list(page.values_list("pk", flat=True))
    found = (
        Application.objects.select_related("organisation", "assigned_clerk", "completed_by")
        .only(*ROW_FIELDS, *CLOSED_BY_FIELDS)
        .in_bulk(ids)
    )
    return [found[pk] for pk in ids if pk in found]


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
    """Exactly the applications a figure counts, in a useful order (without the
    related rows: ``page_rows`` reads them for the page shown)."""
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
    if drill.figure in NOW_FIGURES:
        # Implied by is_open; said so that PostgreSQL may read the queue's partial index
        # (filed rows only), which holds the order below and the ids.
        queryset = queryset.exclude(state=DRAFT)
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
