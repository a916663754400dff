"""The dashboard's filters as GET parameters, shared by the dashboard and its
drill-down lists so that a link from a figure lists exactly what the figure counts.

``period`` is a month (``2026-03``), a quarter (``2026-q1``), a year (``2026``) or
``custom`` with ``from`` and ``to`` (ISO dates, both included). The period applies to
results (``completed_on``) and to intake (``registered_on``); the "now" figures (open,
due, overdue, workload) are a snapshot of today and ignore it.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django import forms
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from applications.registry import service_field_choices
from guardianship_portal.core.kzdates import month_name

CUSTOM = "custom"
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
QUARTER_RE = re.compile(r"^(\d{4})-[qQ]([1-4])$")
YEAR_RE = re.compile(r"^(\d{4})$")
YEARS_OFFERED = 5
MONTHS_OFFERED = 18


@dataclass(frozen=True)
class Period:
    key: str
    start: date
    end: date

    @property
    def label(self) -> str:
        return period_label(self.key, self.start, self.end)


def month_period(year: int, month: int) -> Period:
    return Period(
        f"{year:04d}-{month:02d}",
        date(year, month, 1),
        date(year, month, monthrange(year, month)[1]),
    )


def quarter_period(year: int, quarter: int) -> Period:
    first = 3 * (quarter - 1) + 1
    last = first + 2
    return Period(
        f"{year:04d}-q{quarter}", date(year, first, 1), date(year, last, monthrange(year, last)[1])
    )


def year_period(year: int) -> Period:
    return Period(f"{year:04d}", date(year, 1, 1), date(year, 12, 31))


def current_quarter(today: date) -> Period:
    return quarter_period(today.year, (today.month - 1) // 3 + 1)


def parse_period(value: str) -> Period | None:
    """A month, quarter or year key → its dates; None for anything else."""
    value = (value or "").strip()
    try:
        if match := MONTH_RE.match(value):
            year, month = int(match[1]), int(match[2])
            return month_period(year, month) if 1 <= month <= 12 and year >= 2000 else None
        if match := QUARTER_RE.match(value):
            year = int(match[1])
            return quarter_period(year, int(match[2])) if year >= 2000 else None
        if match := YEAR_RE.match(value):
            year = int(match[1])
            return year_period(year) if year >= 2000 else None
    except ValueError:
        return None
    return None


def period_label(key: str, start: date, end: date) -> str:
    if MONTH_RE.match(key):
        month = month_name(start.month, get_language() or "kk")
        return gettext("%(month)s %(year)s") % {"month": month, "year": start.year}
    if match := QUARTER_RE.match(key):
        return gettext("Quarter %(quarter)s of %(year)s") % {
            "quarter": match[2],
            "year": start.year,
        }
    if YEAR_RE.match(key):
        return gettext("Year %(year)s") % {"year": start.year}
    return gettext("%(start)s – %(end)s") % {
        "start": start.strftime("%d.%m.%Y"),
        "end": end.strftime("%d.%m.%Y"),
    }


def period_choices(today: date) -> list:
    """Grouped choices for the select: recent months, quarters, years, a custom range."""
    months, month = [], (today.year, today.month)
    for _index in range(MONTHS_OFFERED):
        period = month_period(*month)
        months.append((period.key, period.label))
        month = (month[0], month[1] - 1) if month[1] > 1 else (month[0] - 1, 12)
    quarters = []
    for year in range(today.year, today.year - 3, -1):
        for quarter in range(4, 0, -1):
            period = quarter_period(year, quarter)
            if period.start <= today:
                quarters.append((period.key, period.label))
    years = [
        (year_period(y).key, year_period(y).label)
        for y in range(today.year, today.year - YEARS_OFFERED, -1)
    ]
    return [
        (_("Quarter"), quarters),
        (_("Month"), months),
        (_("Year"), years),
        (_("Other"), [(CUSTOM, _("Dates from … to …"))]),
    ]


@dataclass(frozen=True)
class DashboardFilters:
    period: Period
    service: str = ""
    organisation_id: int | None = None

    def query(self) -> dict[str, str]:
        """The GET parameters that give these filters back (for links)."""
        params = {"period": self.period.key}
        if self.period.key == CUSTOM:
            params.update(
                {"from": self.period.start.isoformat(), "to": self.period.end.isoformat()}
            )
        if self.service:
            params["service"] = self.service
        if self.organisation_id:
            params["org"] = str(self.organisation_id)
        return params

    def querystring(self, **extra) -> str:
        return urlencode(
            {**self.query(), **{k: v for k, v in extra.items() if v not in (None, "")}}
        )


class DashboardFilterForm(forms.Form):
    period = forms.CharField(label=_("Period"), required=False, max_length=10)
    # Built when the form is made, from the installed services.
    service = forms.ChoiceField(
        label=_("Service"),
        required=False,
        choices=lambda: service_field_choices(blank=_("All services")),
    )
    org = forms.TypedChoiceField(
        label=_("Organisation"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, data, *, organisations, today: date, **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.today = today
        choices = period_choices(today)
        wanted = (data or {}).get("period") or ""
        offered = {key for _group, options in choices for key, _label in options}
        if (period := parse_period(wanted)) is not None and period.key not in offered:
            choices.insert(0, (_("Chosen"), [(period.key, period.label)]))
        self.fields["period"].widget = forms.Select(choices=choices)
        self.fields["from"] = forms.DateField(
            label=_("Date from"),
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        )
        self.fields["to"] = forms.DateField(
            label=_("Date to"),
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        )
        org = self.fields["org"]
        assert isinstance(org, forms.ChoiceField)
        org.choices = [("", _("All organisations I supervise"))] + [
            (organisation.pk, organisation.name) for organisation in organisations
        ]
        if len(organisations) <= 1:
            self.fields["org"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean() or {}
        key = (data.get("period") or "").strip()
        start, end = data.get("from"), data.get("to")
        if not key and (start or end):
            key = CUSTOM
        if key == CUSTOM:
            if not start or not end:
                self.add_error("from", _("Give both dates of the period."))
            elif start > end:
                self.add_error("to", _("The end of the period comes before its start."))
            else:
                data["resolved_period"] = Period(CUSTOM, start, end)
        elif key:
            if (period := parse_period(key)) is None:
                self.add_error("period", _("Choose a period from the list."))
            else:
                data["resolved_period"] = period
        return data

    def filters(self) -> DashboardFilters:
        """What was asked for; an invalid value falls back to its default (the errors
        are shown next to the fields) — an organisation outside the scope is not a
        valid choice, so it never narrows to someone else's office."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        period = data.get("resolved_period") or current_quarter(self.today)
        return DashboardFilters(
            period=period,
            service=data.get("service") or "",
            organisation_id=data.get("org") if "org" not in self.errors else None,
        )
