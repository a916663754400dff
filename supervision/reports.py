"""Quarterly and annual reports on the quality indicators (seed 003, item 2 of the
decree: quarterly and yearly reporting on reaching the target values), per organisation
or for the whole scope of a supervisor, as XLSX (openpyxl) and PDF (WeasyPrint).

The numbers are the dashboard's own: the pre-aggregated months of
supervision.aggregates (the same counts and median as the dashboard tiles), read in one
query per organisation and service and folded into the totals, the per-service and the
per-organisation rows; the indicators reuse the totals.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications.registry import all_services
from guardianship_portal.core.kzdates import long_date_nominative
from guardianship_portal.core.spreadsheets import append_row
from guardianship_portal.organisations.models import Organisation, ProvidedService
from payments.selectors import PeriodPayments, ServiceTotal, period_payments

from . import aggregates
from .figures import LABELS
from .filters import QUARTER_RE, YEAR_RE, DashboardFilters, Period, parse_period
from .indicators import TARGET_REACHED, IndicatorRow, quality_indicators, share
from .scope import Scope
from .selectors import MEDIAN, scoped_applications

FORMATS = ("xlsx", "pdf")
COUNTED = ("registered", "decided", "on_time", "refused", "refused_to_accept")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_TEMPLATE = "documents/supervision/quarterly_report.html"

NO_DATA = gettext_lazy("no data")
NOT_SET = gettext_lazy("not set")


def parse_report_period(value: str | None) -> Period | None:
    """A quarter (``2026-q3``) or a year (``2026``); None for anything else (a month or
    a custom range is not a reporting period)."""
    value = (value or "").strip()
    if not (QUARTER_RE.match(value) or YEAR_RE.match(value)):
        return None
    return parse_period(value)


def is_quarter(period: Period) -> bool:
    return bool(QUARTER_RE.match(period.key))


@dataclass
class ServiceRow:
    service: str
    title: Any
    registered: int
    decided: int
    on_time: int
    refused: int
    refused_to_accept: int
    median_days: float | None

    @property
    def on_time_share(self) -> Decimal | None:
        return share(self.on_time, self.decided)


@dataclass
class QualityReport:
    period: Period
    today: date
    scope: Scope
    organisation: Organisation | None
    organisations: list[Organisation]
    indicators: list[IndicatorRow]
    services: list[ServiceRow]
    total: ServiceRow
    by_organisation: list[ServiceRow] = field(default_factory=list)
    notes: list[Any] = field(default_factory=list)
    # What the approved payment registers paid in the period (None: nothing to pay here).
    payments: PeriodPayments | None = None

    @property
    def quarterly(self) -> bool:
        return is_quarter(self.period)

    @property
    def complete(self) -> bool:
        """The period is over (a report on a running period is provisional)."""
        return self.period.end < self.today

    # Everything below reads the active language: call it inside translation.override.

    def title(self) -> str:
        if self.quarterly:
            return _("Quarterly report on the quality indicators of state services")
        return _("Annual report on the quality indicators of state services")

    def scope_lines(self) -> list[tuple[str, str]]:
        """(label, value) lines that say whose figures these are: region, district and
        the organisations counted."""
        organisations = [self.organisation] if self.organisation else self.organisations
        lines = []
        regions = {o.region_id: o.region for o in organisations}
        districts = {(o.region_id, o.district_kk): o.district for o in organisations}
        if self.scope.everything and self.organisation is None:
            # Every organisation of the country: named by the scope, not listed.
            return [(_("Scope"), _("All organisations"))]
        if len(regions) == 1:
            lines.append((_("Region"), str(next(iter(regions.values())))))
        if len(districts) == 1:
            lines.append((_("City or district"), next(iter(districts.values()))))
        names = "; ".join(o.name for o in organisations)
        lines.append((_("Organisation") if len(organisations) == 1 else _("Organisations"), names))
        return lines

    def period_line(self, language: str) -> str:
        """«2026 жылғы 1 қаңтар – 2026 жылғы 31 наурыз» / «1 января 2026 г. – …»: the
        nominative official dates (the Kazakh attributive form needs a noun after it)."""
        start = long_date_nominative(self.period.start, language)
        end = long_date_nominative(self.period.end, language)
        return f"{start} – {end}"


def services_in_report(scope: Scope, organisation_id: int | None, found: set[str]) -> list:
    """The services the organisations in view provide, and any service with figures."""
    provided = ProvidedService.objects.all()
    if organisation_id is not None:
        provided = provided.filter(organisation_id=organisation_id)
    elif not scope.everything:
        provided = provided.filter(organisation_id__in=scope.ids)
    wanted = set(provided.values_list("service", flat=True)) | found
    return [definition for definition in all_services() if definition.code in wanted]


def _row(code: str, title: Any, figures: aggregates.Figures) -> ServiceRow:
    return ServiceRow(
        service=code,
        title=title,
        median_days=figures.percentile(MEDIAN),
        **{name: figures.counts[name] for name in COUNTED},
    )


def organisation_rows(
    per_organisation: dict[int, aggregates.Figures], organisations: list[Organisation]
) -> list[ServiceRow]:
    """One row per organisation that provides a service or has figures (a regional
    department or a quality-control body provides none and is left out)."""
    providing = set(
        ProvidedService.objects.filter(
            organisation_id__in=[o.pk for o in organisations]
        ).values_list("organisation_id", flat=True)
    )
    rows = []
    for organisation in organisations:
        if organisation.pk not in providing and organisation.pk not in per_organisation:
            continue
        # str() of the organisation gives its name in the active language.
        figures = per_organisation.get(organisation.pk, aggregates.Figures())
        rows.append(_row(organisation.code, organisation, figures))
    return rows


def build_report(
    *, scope: Scope, period: Period, organisation_id: int | None, today: date
) -> QualityReport:
    """The figures of the report, language-independent (labels are lazy). Read from
    the pre-aggregated months (supervision.aggregates: a quarter or a year is whole
    months), one query per organisation and service, folded here into the totals, the
    per-service and the per-organisation rows."""
    filters = DashboardFilters(period=period, organisation_id=organisation_id)
    queryset = scoped_applications(scope, filters)
    found = aggregates.period_figures(
        queryset,
        scope.application_condition(organisation_id),
        service="",
        start=period.start,
        end=period.end,
        by=("organisation_id", "service"),
    )
    totals = aggregates.Figures()
    per_service: dict[str, aggregates.Figures] = {}
    per_organisation: dict[int, aggregates.Figures] = {}
    for (organisation_pk, code), figures in found.items():
        totals.add(figures)
        per_service.setdefault(code, aggregates.Figures()).add(figures)
        per_organisation.setdefault(organisation_pk, aggregates.Figures()).add(figures)

    services = [
        _row(
            definition.code,
            definition.title,
            per_service.get(definition.code) or aggregates.Figures(),
        )
        for definition in services_in_report(scope, organisation_id, set(per_service))
    ]
    for code in sorted(set(per_service) - {row.service for row in services}):
        services.append(_row(code, code, per_service[code]))  # a service no longer registered
    total = _row("", gettext_lazy("Total"), totals)
    counts = totals.counts

    organisation = next((o for o in scope.organisations if o.pk == organisation_id), None)
    organisations = [organisation] if organisation else list(scope.organisations)
    # A report on several organisations (a department with its schools, a region) also
    # breaks the figures down per organisation.
    by_organisation = (
        organisation_rows(per_organisation, organisations) if len(organisations) > 1 else []
    )
    indicators = quality_indicators(
        applications=queryset, organisations=organisations, period=period, counts=counts
    )
    payments = period_payments(organisations, period.start, period.end, today)
    return QualityReport(
        period=period,
        today=today,
        scope=scope,
        organisation=organisation,
        organisations=organisations,
        indicators=indicators,
        services=services,
        total=total,
        by_organisation=by_organisation,
        payments=None if payments.empty else payments,
    )


# ------------------------------------------------------------------------ labels

INDICATOR_HEADINGS = (
    gettext_lazy("Quality indicator"),
    gettext_lazy("Normative value, %"),
    gettext_lazy("Target value, %"),
    gettext_lazy("Current value, %"),
    gettext_lazy("Numerator"),
    gettext_lazy("Denominator"),
    gettext_lazy("Target reached"),
)
# The dashboard's own labels for the same figures.
SERVICE_HEADINGS = (
    gettext_lazy("Service"),
    LABELS["registered"],
    LABELS["decided"],
    LABELS["on_time"],
    gettext_lazy("On-time share, %"),
    LABELS["refused"],
    LABELS["refused_to_accept"],
    gettext_lazy("Median working days to result"),
)
ORGANISATION_HEADING = gettext_lazy("Organisation")
PAYMENTS_HEADING = gettext_lazy("Payments to carers and guardians (approved registers)")
PAYMENT_HEADINGS = (
    gettext_lazy("Month"),
    gettext_lazy("Service"),
    gettext_lazy("Total, tenge"),
    gettext_lazy("Children paid"),
    gettext_lazy("Recipients"),
)


def payment_tables(payments: PeriodPayments) -> dict[str, Any]:
    """The payment section's rows as (label, label, amount, children, recipients), the
    amount left a Decimal (the PDF formats it, the XLSX keeps a number); call inside
    translation.override."""

    def cells(first: Any, second: Any, total: ServiceTotal) -> list:
        return [str(first), str(second), total.amount, total.children, total.recipients]

    period = _("The whole period")
    return {
        "months": [
            cells(row.month.strftime("%m.%Y"), row.total.title, row.total)
            for row in payments.months
        ],
        "services": [cells(period, total.title, total) for total in payments.by_service],
        # Per office only when there are several (one office's row is the total).
        "organisations": [
            cells(period, organisation, total) for organisation, total in payments.by_organisation
        ]
        if len(payments.by_organisation) > 1
        else [],
        "total": cells(period, _("All services"), payments.total),
        "late": (
            _(
                "Registers not approved by the 15th of the month before (the transfer was late): %(list)s."
            )
            % {
                "list": "; ".join(
                    f"{organisation} — {month.strftime('%m.%Y')}"
                    for organisation, month in payments.late
                )
            }
            if payments.late
            else _("Every register of the period was approved by the 15th of the month before.")
        ),
    }


NOTES = (
    gettext_lazy(
        "Registered: applications registered in the period. Decided: completed, refused "
        "or refused to accept in the period; withdrawn applications are not counted. On "
        "time: decided no later than the service due date. Working days to result: from "
        "the registration date to the decision, in working days of Kazakhstan's calendar."
    ),
    gettext_lazy(
        "“No data”: nothing to count in the period (the share would divide by zero), or "
        "the data is not kept by the portal."
    ),
)


def decimal_text(value: Decimal | float | None, empty: Any = NO_DATA) -> str:
    if value is None:
        return str(empty)
    return number_format(round(Decimal(str(value)), 1), decimal_pos=1)


def pdf_context(report: QualityReport, language: str) -> dict:
    """The PDF template's context; call inside translation.override(language)."""
    return {
        "report": report,
        "title": report.title(),
        "period_label": report.period.label,
        "period_line": report.period_line(language),
        "scope_lines": report.scope_lines(),
        "compiled_on": long_date_nominative(report.today, language),
        "provisional": not report.complete,
        "indicator_headings": [str(h) for h in INDICATOR_HEADINGS],
        "indicator_rows": [
            {
                "label": str(row.label),
                "normative": decimal_text(row.normative, NOT_SET),
                "target": decimal_text(row.target, NOT_SET),
                "current": decimal_text(row.current),
                "has_data": row.has_data,
                "numerator": row.numerator if row.available else "—",
                "denominator": row.denominator if row.available else "—",
                "reached": str(TARGET_REACHED[row.target_reached]),
                "reason": str(row.reason),
                "definition": str(row.definition),
            }
            for row in report.indicators
        ],
        "service_headings": [str(h) for h in SERVICE_HEADINGS],
        "service_rows": [_service_cells(row) for row in report.services],
        "organisation_headings": [str(ORGANISATION_HEADING), *map(str, SERVICE_HEADINGS[1:])],
        "organisation_rows": [_service_cells(row) for row in report.by_organisation],
        "total_row": _service_cells(report.total),
        "notes": [str(note) for note in NOTES],
        "payments_heading": str(PAYMENTS_HEADING),
        "payment_headings": [str(h) for h in PAYMENT_HEADINGS],
        "payments": _formatted_payments(report.payments),
    }


def _formatted_payments(payments: PeriodPayments | None) -> dict[str, Any] | None:
    if payments is None:
        return None
    tables = payment_tables(payments)
    for key in ("months", "services", "organisations"):
        tables[key] = [_amount_text(row) for row in tables[key]]
    tables["total"] = _amount_text(tables["total"])
    return tables


def _amount_text(row: list) -> list:
    return [*row[:2], number_format(row[2], decimal_pos=2, force_grouping=True), *row[3:]]


def _service_cells(row: ServiceRow) -> list:
    return [
        str(row.title),
        row.registered,
        row.decided,
        row.on_time,
        decimal_text(row.on_time_share),
        row.refused,
        row.refused_to_accept,
        decimal_text(row.median_days),
    ]


def report_pdf(report: QualityReport, language: str) -> bytes:
    from documents.rendering import render_pdf

    with translation.override(language):
        context = pdf_context(report, language)
    return render_pdf(template=PDF_TEMPLATE, context=context, language=language)


def report_xlsx(report: QualityReport, language: str) -> bytes:
    """One sheet: heading lines, the indicators table, the per-service table, notes.
    Counts are numbers, shares are numbers with one decimal; a missing value is the
    text "no data" (or "not set" for a target nobody entered)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    heading_fill = PatternFill("solid", fgColor="EEEEEE")
    wrap = Alignment(wrap_text=True, vertical="top")

    def number(value: Decimal | float | None, empty: Any = NO_DATA):
        if value is None:
            return str(empty)
        return float(round(Decimal(str(value)), 1))

    def figures_row(row: ServiceRow) -> list:
        return [
            str(row.title),
            row.registered,
            row.decided,
            row.on_time,
            number(row.on_time_share),
            row.refused,
            row.refused_to_accept,
            number(row.median_days),
        ]

    with translation.override(language):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = report.period.key
        append_row(sheet, [report.title()])
        sheet["A1"].font = Font(bold=True, size=13)
        append_row(sheet, [_("Period"), f"{report.period.label} ({report.period_line(language)})"])
        for label, value in report.scope_lines():
            append_row(sheet, [label, value])
        append_row(sheet, [_("Compiled on"), long_date_nominative(report.today, language)])
        if not report.complete:
            append_row(sheet, [_("The period is not over yet: the figures are provisional.")])
        append_row(sheet, [])

        append_row(sheet, [_("Quality indicators")])
        sheet.cell(sheet.max_row, 1).font = bold
        append_row(sheet, [str(h) for h in INDICATOR_HEADINGS])
        _style_heading(sheet, bold, heading_fill, wrap)
        for row in report.indicators:
            append_row(
                sheet,
                [
                    str(row.label),
                    number(row.normative, NOT_SET),
                    number(row.target, NOT_SET),
                    number(row.current),
                    row.numerator if row.available else None,
                    row.denominator if row.available else None,
                    str(TARGET_REACHED[row.target_reached]),
                ],
            )
            _decimal_formats(sheet, (2, 3, 4))
        append_row(sheet, [])

        append_row(sheet, [_("By service")])
        sheet.cell(sheet.max_row, 1).font = bold
        append_row(sheet, [str(h) for h in SERVICE_HEADINGS])
        _style_heading(sheet, bold, heading_fill, wrap)
        for service_row in [*report.services, report.total]:
            append_row(sheet, figures_row(service_row))
            _decimal_formats(sheet, (5, 8))
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        append_row(sheet, [])

        if report.by_organisation:
            append_row(sheet, [_("By organisation")])
            sheet.cell(sheet.max_row, 1).font = bold
            append_row(sheet, [str(ORGANISATION_HEADING), *map(str, SERVICE_HEADINGS[1:])])
            _style_heading(sheet, bold, heading_fill, wrap)
            for organisation_row in report.by_organisation:
                append_row(sheet, figures_row(organisation_row))
                _decimal_formats(sheet, (5, 8))
            append_row(sheet, [])
        if report.payments is not None:
            _payments_sheet_part(sheet, payment_tables(report.payments), bold, heading_fill, wrap)
        for row in report.indicators:
            append_row(sheet, [f"{row.label}: {row.definition}"])
        for note in NOTES:
            append_row(sheet, [str(note)])

        sheet.column_dimensions["A"].width = 60
        for column in range(2, 9):
            sheet.column_dimensions[get_column_letter(column)].width = 16
        for cells in sheet.iter_rows(min_col=1, max_col=1):
            cells[0].alignment = wrap
        workbook.properties.title = report.title()
        workbook.properties.language = language
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()


def _payments_sheet_part(sheet, tables: dict[str, Any], bold, fill, wrap) -> None:
    append_row(sheet, [str(PAYMENTS_HEADING)])
    sheet.cell(sheet.max_row, 1).font = bold
    append_row(sheet, [str(h) for h in PAYMENT_HEADINGS])
    _style_heading(sheet, bold, fill, wrap)
    for row in [*tables["months"], *tables["services"], *tables["organisations"], tables["total"]]:
        append_row(sheet, [row[0], row[1], float(row[2]), *row[3:]])
        sheet.cell(sheet.max_row, 3).number_format = "#,##0.00"
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    append_row(sheet, [tables["late"]])
    append_row(sheet, [])


def _style_heading(sheet, font, fill, alignment) -> None:
    for cell in sheet[sheet.max_row]:
        cell.font = font
        cell.fill = fill
        cell.alignment = alignment


def _decimal_formats(sheet, columns) -> None:
    for column in columns:
        cell = sheet.cell(sheet.max_row, column)
        if isinstance(cell.value, float):
            cell.number_format = "0.0"


def filename(report: QualityReport, extension: str, language: str) -> str:
    """ASCII only (organisation codes are Latin slugs): safe in a header."""
    who = report.organisation.code if report.organisation else "scope"
    return f"quality-report-{report.period.key}-{who}-{language}.{extension}"
