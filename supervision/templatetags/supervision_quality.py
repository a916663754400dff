"""``{% quality_section %}``: the quality indicators and the report downloads on the
dashboard, for the dashboard's own scope, filters and today (read from its context),
so that the dashboard view needs no change."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from supervision.aggregates import period_figures
from supervision.filters import QUARTER_RE, YEAR_RE, current_quarter, period_choices
from supervision.indicators import VERDICTS, format_percent, quality_indicators
from supervision.reports import NO_DATA, NOT_SET
from supervision.selectors import scoped_applications

register = template.Library()


@register.inclusion_tag("supervision/indicators_section.html", takes_context=True)
def quality_section(context) -> dict:
    scope, filters, today = context["scope"], context["filters"], context["today"]
    if not scope.organisations:
        return {"show": False}
    organisations = (
        [o for o in scope.organisations if o.pk == filters.organisation_id]
        if filters.organisation_id
        else list(scope.organisations)
    )
    applications = scoped_applications(scope, filters)
    # decided / on time / refused to accept: the dashboard's own counts if it gave them,
    # else from the pre-aggregated months.
    counts = context.get("period_counts")
    if counts is None:
        counts = period_figures(
            applications,
            scope.application_condition(filters.organisation_id),
            service=filters.service,
            start=filters.period.start,
            end=filters.period.end,
        )[()].counts
    rows = quality_indicators(
        applications=applications,
        organisations=organisations,
        period=filters.period,
        counts=counts,
        service=filters.service or None,
    )
    # Reporting periods: quarters and years only; the dashboard's own if it is one.
    choices = [
        (group, options)
        for group, options in period_choices(today)
        if options and (QUARTER_RE.match(options[0][0]) or YEAR_RE.match(options[0][0]))
    ]
    key = filters.period.key
    selected = key if QUARTER_RE.match(key) or YEAR_RE.match(key) else current_quarter(today).key
    if selected not in {k for _group, options in choices for k, _label in options}:
        choices.insert(0, (_("Chosen"), [(selected, filters.period.label)]))
    return {
        "show": True,
        "period": filters.period,
        "rows": [
            {
                "row": row,
                "normative": format_percent(row.normative, NOT_SET),
                "target": format_percent(row.target, NOT_SET),
                "current": format_percent(row.current, NO_DATA),
                "verdict": VERDICTS[row.verdict][0],
                "verdict_class": VERDICTS[row.verdict][1],
            }
            for row in rows
        ],
        "report_url": reverse("supervision:quality_report"),
        "report_periods": choices,
        "selected_period": selected,
        "organisations": scope.organisations,
        "selected_org": filters.organisation_id,
    }
