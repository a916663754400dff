"""Download of the quarterly and annual quality reports (XLSX or PDF).

GET /<language>/supervision/reports/quality/?period=2026-q3&format=xlsx[&org=<id>]

The language is the URL's; the scope is the supervisor's (supervision.scope): an
organisation outside it, like a period or format that is not one, is a 404. The XLSX
is made in the request (the pre-aggregated figures make it quick); the PDF by a job
(supervision.report_jobs), the page saying so until it is ready.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from . import report_jobs, reports
from .scope import Scope

# Seconds before the "being prepared" page asks again (a report takes a few seconds).
REFRESH_SECONDS = 5
CONTENT_TYPES = {"xlsx": reports.XLSX_TYPE, "pdf": "application/pdf"}


def today():
    """The report's "compiled on" date (a function, so that tests can fix it)."""
    return timezone.localdate()


@login_required
@permission_required("accounts.view_dashboard", raise_exception=True)
def quality_report(request: HttpRequest) -> HttpResponse:
    period = reports.parse_report_period(request.GET.get("period"))
    kind = request.GET.get("format", "")
    if period is None or kind not in CONTENT_TYPES:
        raise Http404
    scope = Scope.for_user(request.user)
    if not scope.organisations:
        raise Http404
    organisation_id = None
    if raw := request.GET.get("org"):
        try:
            organisation_id = int(raw)
        except ValueError:
            raise Http404 from None
        if organisation_id not in scope.ids:
            raise Http404
    language = (get_language() or "kk")[:2]
    if kind == "pdf":
        return _pdf(request, scope, period, organisation_id, language)
    report = reports.build_report(
        scope=scope, period=period, organisation_id=organisation_id, today=today()
    )
    content = reports.report_xlsx(report, language)
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    name = reports.filename(report, kind, language)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _pdf(
    request: HttpRequest, scope: Scope, period, organisation_id: int | None, language: str
) -> HttpResponse:
    """The PDF is rendered by a job (supervision.report_jobs): the first ask shows "being
    prepared" (the page refreshes itself), the next ones download the stored file."""
    asked = report_jobs.Asked(scope, period, organisation_id, language, "pdf", today())
    row = report_jobs.requested_report(asked, user=request.user)
    content = None
    if row.file:
        try:
            with row.file.open("rb") as stored:  # a few hundred kilobytes at most
                content = stored.read()
        except FileNotFoundError:
            report_jobs.report_lost(row)
    if content is None:
        response = render(
            request,
            "supervision/report_pending.html",
            {
                "period_label": period.label,
                "refresh_seconds": REFRESH_SECONDS,
                "back_url": reverse("supervision:dashboard"),
            },
        )
        response["Cache-Control"] = "private, no-store"
        return response
    response = HttpResponse(content, content_type=CONTENT_TYPES["pdf"])
    response["Content-Disposition"] = f'attachment; filename="{report_jobs.filename(row)}"'
    response["Cache-Control"] = "private, no-store"
    return response
