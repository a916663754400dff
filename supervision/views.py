"""The supervisor's dashboard and the read-only lists behind its figures.

Both read the same filters from the query string (supervision.filters) and the same
figure conditions (supervision.figures); the scope (supervision.scope) decides which
organisations' applications are counted at all.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, cast

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from applications.registry import get_service
from applications.table_rows import application_rows
from guardianship_portal.accounts.models import User
from guardianship_portal.core.http import AuthenticatedRequest

from . import selectors
from .dashboard_page import dashboard_page
from .figures import LABELS, NOW_FIGURES, is_figure
from .filters import DashboardFilterForm, DashboardFilters
from .scope import Scope

PAGE_SIZE = 25


def today() -> date:
    """The dashboard's "today" (a function, so that tests can fix it)."""
    return timezone.localdate()


def _filter_form(
    request: HttpRequest, scope: Scope, day: date
) -> tuple[DashboardFilterForm, DashboardFilters]:
    form = DashboardFilterForm(request.GET, organisations=scope.organisations, today=day)
    return form, form.filters()


@login_required
@permission_required("accounts.view_dashboard", raise_exception=True)
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    day = today()
    scope = Scope.for_user(request.user)
    form, filters = _filter_form(request, scope, day)
    context = dashboard_page(scope, filters, today=day)
    return render(request, "supervision/dashboard.html", {"form": form, **context})


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
def applications(request: AuthenticatedRequest) -> HttpResponse:
    """The applications behind one figure, read-only, with the dashboard's filters."""
    day = today()
    scope = Scope.for_user(request.user)
    drill = _drill(request)
    form, filters = _filter_form(request, scope, day)
    queryset = selectors.drill_down(scope, filters, drill, today=day)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    user = request.user
    # The page of a QuerySet is a sliced QuerySet (the stubs name only the protocol).
    rows = application_rows(
        selectors.page_rows(cast(QuerySet, page.object_list)),
        today=day,
        may_open=lambda a: user.is_superuser or a.organisation_id == user.organisation_id,
        with_closed_by=True,
    )

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
