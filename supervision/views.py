"""The supervisor's dashboard and the read-only lists behind its figures.

Both read the same filters from the query string (supervision.filters) and the same
figure conditions (supervision.figures); the scope (supervision.scope) decides which
organisations' applications are counted at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from applications.models import Application
from applications.registry import get_service
from guardianship_portal.accounts.models import User

from . import charts, selectors
from .figures import LABELS, NOW_FIGURES, is_figure
from .filters import DashboardFilterForm, DashboardFilters
from .scope import Scope

PAGE_SIZE = 25


def today() -> date:
    """The dashboard's "today" (a function, so that tests can fix it)."""
    return timezone.localdate()


def percent(value: float | None) -> str:
    return "—" if value is None else f"{number_format(round(value, 1), decimal_pos=1)} %"


def days(value: float | None) -> str:
    return "—" if value is None else number_format(round(value, 1), decimal_pos=1)


class Links:
    """Drill-down URLs that keep the dashboard's filters."""

    def __init__(self, filters: DashboardFilters) -> None:
        self.filters = filters
        self.base = reverse("supervision:applications")

    def __call__(self, figure: str, **extra: Any) -> str:
        return f"{self.base}?{self.filters.querystring(figure=figure, **extra)}"


@dataclass
class Tile:
    key: str
    label: Any
    value: str
    url: str
    note: str = ""


def _filter_form(
    request: HttpRequest, scope: Scope, day: date
) -> tuple[DashboardFilterForm, DashboardFilters]:
    form = DashboardFilterForm(request.GET, organisations=scope.organisations, today=day)
    return form, form.filters()


@login_required
@permission_required("accounts.view_dashboard", raise_exception=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    day = today()
    scope = Scope.for_user(request.user)
    form, filters = _filter_form(request, scope, day)
    data = selectors.dashboard(scope, filters, today=day)
    link = Links(filters)
    counts = data.counts

    now_tiles = [Tile(key, LABELS[key], str(counts[key]), link(key)) for key in NOW_FIGURES]
    decided = counts["decided"]
    of_decided = _("%(part)s of %(whole)s decided")
    result_tiles = [
        Tile("registered", LABELS["registered"], str(counts["registered"]), link("registered")),
        Tile(
            "decided",
            LABELS["decided"],
            str(decided),
            link("decided"),
            _("completed, refused or refused to accept"),
        ),
        Tile(
            "on_time_share",
            _("On-time share"),
            percent(data.on_time_share),
            link("on_time"),
            of_decided % {"part": counts["on_time"], "whole": decided},
        ),
        Tile(
            "median",
            _("Median working days to result"),
            days(data.median_days),
            link("decided", sort="days"),
            _("over the decided applications"),
        ),
        Tile(
            "p90",
            _("90th percentile of working days to result"),
            days(data.p90_days),
            link("decided", sort="days"),
            _("9 in 10 were decided within this"),
        ),
        Tile(
            "refused_share",
            _("Refusal share"),
            percent(data.refused_share),
            link("refused"),
            of_decided % {"part": counts["refused"], "whole": decided},
        ),
        Tile(
            "refused_to_accept_share",
            _("Refusal-to-accept share"),
            percent(data.refused_to_accept_share),
            link("refused_to_accept"),
            of_decided % {"part": counts["refused_to_accept"], "whole": decided},
        ),
        Tile("granted", LABELS["granted"], str(counts["granted"]), link("granted")),
        Tile("late", LABELS["late"], str(counts["late"]), link("late")),
        Tile(
            "withdrawn",
            LABELS["withdrawn"],
            str(counts["withdrawn"]),
            link("withdrawn"),
            _("not counted in the shares"),
        ),
    ]

    stage_rows = [
        {
            "row": row,
            "cells": [
                (name, row.counts[name], link(name, service=row.service, stage=row.stage))
                for name in NOW_FIGURES
            ],
        }
        for row in data.stage_rows
    ]
    stage_groups: list[dict] = []
    for item in stage_rows:
        if not stage_groups or stage_groups[-1]["service"] != item["row"].service:
            stage_groups.append(
                {"service": item["row"].service, "title": item["row"].service_title, "rows": []}
            )
        stage_groups[-1]["rows"].append(item)
    several_services = len(stage_groups) > 1
    groups: list[tuple[str, list]] = []
    for row in data.stage_rows:
        heading = str(row.service_title) if several_services else ""
        if not groups or groups[-1][0] != heading:
            groups.append((heading, []))
        value = _("%(open)s open, %(overdue)s overdue") % {
            "open": row.counts["open"],
            "overdue": row.counts["overdue"],
        }
        groups[-1][1].append(
            (
                str(row.stage_title),
                row.counts["open"],
                row.counts["overdue"],
                value,
                f"{row.stage_title}: {value}",
                link("open", service=row.service, stage=row.stage),
            )
        )
    stage_chart = charts.stage_chart(groups) if data.stage_rows else None

    week_rows = []
    points = []
    for week in data.weeks:
        span = f"{date_format(week.monday, 'SHORT_DATE_FORMAT')} – {date_format(week.sunday, 'SHORT_DATE_FORMAT')}"
        label = _("Week %(week)s") % {"week": week.week}
        if week.decided:
            title = _("%(label)s (%(span)s): %(on_time)s of %(decided)s on time, %(share)s") % {
                "label": label,
                "span": span,
                "on_time": week.on_time,
                "decided": week.decided,
                "share": percent(week.share),
            }
        else:
            title = _("%(label)s (%(span)s): nothing decided") % {"label": label, "span": span}
        week_url = link("decided", week=week.monday.isoformat())
        on_time_url = link("on_time", week=week.monday.isoformat())
        points.append((str(week.week), week.share, title, week_url))
        week_rows.append(
            {
                "week": week,
                "label": label,
                "span": span,
                "share": percent(week.share),
                "url": week_url,
                "on_time_url": on_time_url,
            }
        )
    trend_chart = charts.trend_chart(points)

    clerk_rows = [
        {
            "clerk": row,
            "share": percent(row.share),
            "open_url": link("open", clerk=row.user.pk),
            "overdue_url": link("overdue", clerk=row.user.pk),
            "decided_url": link("decided", closed_by=row.user.pk),
            "on_time_url": link("on_time", closed_by=row.user.pk),
        }
        for row in data.clerks
    ]
    return render(
        request,
        "supervision/dashboard.html",
        {
            "form": form,
            "filters": filters,
            "scope": scope,
            "today": day,
            "soon": data.context.soon,
            "period": filters.period,
            "now_tiles": now_tiles,
            "result_tiles": result_tiles,
            "stage_rows": stage_rows,
            "stage_groups": stage_groups,
            "stage_totals": [(name, counts[name], link(name)) for name in NOW_FIGURES],
            "figure_labels": [LABELS[name] for name in NOW_FIGURES],
            "stage_chart": stage_chart,
            "trend_chart": trend_chart,
            "week_rows": week_rows,
            "clerk_rows": clerk_rows,
        },
    )


@dataclass
class ListRow:
    application: Application
    service_title: Any
    state_label: Any
    final: bool
    may_open: bool


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        raise Http404 from None


def _drill(request: HttpRequest) -> selectors.Drill:
    figure = request.GET.get("figure", "")
    if not is_figure(figure):
        raise Http404
    week = None
    if raw_week := request.GET.get("week"):
        week = parse_date(raw_week) if len(raw_week) == 10 else None
        if week is None:
            raise Http404
        week -= timedelta(days=week.weekday())
    return selectors.Drill(
        figure=figure,
        stage=request.GET.get("stage"),  # "" is a real value: open without a running stage
        clerk=_int(request.GET.get("clerk")),
        closed_by=_int(request.GET.get("closed_by")),
        week=week,
        by_days=request.GET.get("sort") == "days",
    )


@login_required
@permission_required("accounts.view_dashboard", raise_exception=True)
def applications(request: HttpRequest) -> HttpResponse:
    """The applications behind one figure, read-only, with the dashboard's filters."""
    day = today()
    scope = Scope.for_user(request.user)
    drill = _drill(request)
    form, filters = _filter_form(request, scope, day)
    queryset = selectors.drill_down(scope, filters, drill, today=day)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    user = request.user
    rows = []
    for application in page.object_list:
        definition = get_service(application.service)
        info = definition.state(application.state)
        may_open = user.is_superuser or application.organisation_id == user.organisation_id
        rows.append(ListRow(application, definition.title, info.label, info.final, may_open))

    qualifiers = []
    if drill.stage is not None:
        qualifiers.append(_stage_title(filters.service, drill.stage))
    for pk, template in (
        (drill.clerk, _("assigned to %(name)s")),
        (drill.closed_by, _("decided by %(name)s")),
    ):
        if pk is not None:
            person = User.objects.filter(scope.staff_condition(), pk=pk).first()
            qualifiers.append(template % {"name": person.full_name if person else "—"})
    if drill.week is not None:
        sunday = drill.week + timedelta(days=6)
        qualifiers.append(
            _("week %(week)s: %(start)s – %(end)s")
            % {
                "week": drill.week.isocalendar().week,
                "start": date_format(drill.week, "SHORT_DATE_FORMAT"),
                "end": date_format(sunday, "SHORT_DATE_FORMAT"),
            }
        )
    organisation = next((o for o in scope.organisations if o.pk == filters.organisation_id), None)
    # A column that would repeat one value on every row is said once, above the table.
    services_listed = {row.application.service for row in rows}
    organisations_listed = {row.application.organisation_id for row in rows}
    service_title = _service_title(filters.service)
    if not service_title and len(services_listed) == 1:
        service_title = rows[0].service_title
    if organisation is None and len(organisations_listed) == 1 and len(scope.organisations) > 1:
        organisation = rows[0].application.organisation
    return render(
        request,
        "supervision/applications.html",
        {
            "figure": drill.figure,
            "figure_label": LABELS[drill.figure],
            "is_now_figure": drill.figure in NOW_FIGURES,
            "qualifiers": qualifiers,
            "filters": filters,
            "period": filters.period,
            "service_title": service_title,
            "organisation": organisation,
            "several_services": len(services_listed) > 1,
            "several_organisations": len(organisations_listed) > 1,
            "page": page,
            "rows": rows,
            "today": day,
            "back_url": f"{reverse('supervision:dashboard')}?{filters.querystring()}",
        },
    )


def _service_title(service: str) -> Any:
    if not service:
        return ""
    try:
        return get_service(service).title
    except KeyError:
        return service


def _stage_title(service: str, stage: str) -> str:
    if not stage:
        return _("no running stage")
    try:
        definition = get_service(service)
    except KeyError:
        return stage
    for item in definition.stages:
        if item.code == stage:
            return str(item.title)
    return stage
