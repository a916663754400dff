"""What the supervisor's dashboard shows: the figures of selectors.dashboard (read in
SQL) as tiles, table rows and charts, each with the drill-down link that keeps the
dashboard's filters. Presentation only: no query here beyond the selector's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from . import charts, selectors
from .figures import LABELS, NOW_FIGURES
from .filters import DashboardFilters
from .scope import Scope


def percent(value: float | None) -> str:
    return "—" if value is None else f"{number_format(round(value, 1), decimal_pos=1)} %"


def days(value: float | None) -> str:
    return "—" if value is None else number_format(round(value, 1), decimal_pos=1)


class Links:
    """Drill-down URLs that keep the dashboard's filters."""

    def __init__(self, filters: DashboardFilters) -> None:
        self.filters = filters
        # The filters' part is the same in every link of the page (hundreds of them):
        # encoded once. The link's own parameters never repeat a filter's name.
        self.base = f"{reverse('supervision:applications')}?{filters.querystring()}"

    def __call__(self, figure: str, **extra: Any) -> str:
        own = urlencode(
            {"figure": figure, **{k: v for k, v in extra.items() if v not in (None, "")}}
        )
        return f"{self.base}&{own}"


@dataclass
class Tile:
    key: str
    label: Any
    value: str
    url: str
    note: str = ""


def dashboard_page(scope: Scope, filters: DashboardFilters, *, today: date) -> dict[str, Any]:
    """The dashboard's template context (without the filter form)."""
    data = selectors.dashboard(scope, filters, today=today)
    link = Links(filters)
    counts = data.counts
    stage_rows, stage_groups, stage_chart = stage_tables(data, link)
    week_rows, trend_chart = weeks(data, link)
    return {
        "filters": filters,
        "scope": scope,
        "today": today,
        "soon": data.context.soon,
        "period": filters.period,
        "now_tiles": [Tile(key, LABELS[key], str(counts[key]), link(key)) for key in NOW_FIGURES],
        "result_tiles": result_tiles(data, link),
        "stage_rows": stage_rows,
        "stage_groups": stage_groups,
        "stage_totals": [(name, counts[name], link(name)) for name in NOW_FIGURES],
        "figure_labels": [LABELS[name] for name in NOW_FIGURES],
        "stage_chart": stage_chart,
        "trend_chart": trend_chart,
        "week_rows": week_rows,
        "clerk_rows": clerk_rows(data, link),
        # The period's counts, for the quality section (no second count of them).
        "period_counts": counts,
    }


def result_tiles(data: selectors.Dashboard, link: Links) -> list[Tile]:
    """The period's results: counts, shares and the working days to result."""
    counts = data.counts
    decided = counts["decided"]
    of_decided = _("%(part)s of %(whole)s decided")
    return [
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


def stage_tables(data: selectors.Dashboard, link: Links) -> tuple[list, list, Any]:
    """Open applications by service and stage: the rows with their links, the same rows
    grouped by service, and the chart (None when nothing is open)."""
    stage_rows: list[dict[str, Any]] = [
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
    return stage_rows, stage_groups, stage_chart


def weeks(data: selectors.Dashboard, link: Links) -> tuple[list[dict], Any]:
    """The weekly on-time trend: table rows and the chart."""
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
    return week_rows, charts.trend_chart(points)


def clerk_rows(data: selectors.Dashboard, link: Links) -> list[dict]:
    """Per clerk: open, overdue, decided and on time, each with its list."""
    return [
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
