"""The quality indicators of seed 003, appendix 1, that the portal's data supports.

Each indicator is a share in per cent: a numerator and a denominator counted in SQL
(one aggregate query over the applications, one over the complaints), compared with the
normative and target values entered for the year (QualityIndicatorTarget). When the
denominator is 0 there is no current value: the report says "no data", never 0 %.

* 1.1 on time: decided applications (completed, refused, refused to accept; withdrawn
  excluded) with ``completed_on <= due_on``, over the decided ones — exactly the
  dashboard's ``on_time`` and ``decided`` figures (supervision.figures).
* 3.2 accepted the first time: decided applications that were not refused at
  acceptance (``decided − refused_to_accept``), over the decided ones.
* 4.1 justified complaints: complaints registered in the period with the
  organisations in view and found justified, over the applicants served, i.e. the
  decided applications of the period (the denominator of 1.1), as appendix 1 words it
  ("обоснованных жалоб к общему количеству обслуженных потребителей"). Lower is better.
* 4.2 justified complaints resolved in time: justified complaints answered within
  their due date, over the justified complaints.

The other indicators of appendix 1 (queue waiting time, satisfaction surveys, correctly
issued documents, information on the Internet, politeness) need data the portal does
not hold; they are left out rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.apps import apps
from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from applications.models import Application

from .figures import FigureContext
from .filters import Period
from .models import QualityIndicatorTarget

Indicator = QualityIndicatorTarget.Indicator
APPLICATION_INDICATORS = (Indicator.ON_TIME, Indicator.ACCEPTED_FIRST_TIME)
COMPLAINT_INDICATORS = (Indicator.JUSTIFIED_COMPLAINTS, Indicator.JUSTIFIED_IN_TIME)
ONE_DECIMAL = Decimal("0.1")
# Indicators where a smaller share is the better one (fewer justified complaints).
LOWER_IS_BETTER = frozenset({Indicator.JUSTIFIED_COMPLAINTS})
COMPLAINTS_NOT_CONNECTED = _("The complaints register is not connected yet.")

# What each share counts, for the notes under the tables (same order as Indicator).
DEFINITIONS = {
    Indicator.ON_TIME: _(
        "Decided applications (completed, refused or refused to accept) decided no later "
        "than the service due date, of all decided in the period; withdrawn ones are not "
        "counted."
    ),
    Indicator.ACCEPTED_FIRST_TIME: _(
        "Decided applications that were not refused at acceptance, of all decided in the period."
    ),
    Indicator.JUSTIFIED_COMPLAINTS: _(
        "Complaints registered in the period and found justified, per applicants served "
        "(applications decided in the period), as appendix 1 of the standard counts it; "
        "the lower, the better."
    ),
    Indicator.JUSTIFIED_IN_TIME: _(
        "Justified complaints answered within their term, of all justified complaints "
        "registered in the period."
    ),
}


def share(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` in per cent with one decimal (half up); None when there is
    nothing to divide by."""
    if not whole:
        return None
    return (Decimal(100 * part) / Decimal(whole)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class IndicatorRow:
    indicator: str
    numerator: int
    denominator: int
    normative: Decimal | None = None
    target: Decimal | None = None
    # False when the data the indicator needs is not there at all (the complaints
    # register not installed, or asked per service): "no data", with the reason.
    available: bool = True
    reason: Any = ""

    @property
    def label(self) -> Any:
        return Indicator(self.indicator).label

    @property
    def definition(self) -> Any:
        return DEFINITIONS[Indicator(self.indicator)]

    @property
    def current(self) -> Decimal | None:
        return share(self.numerator, self.denominator) if self.available else None

    @property
    def has_data(self) -> bool:
        return self.current is not None

    @property
    def target_reached(self) -> bool | None:
        """Whether the current value meets the year's target (at most the target where
        lower is better, at least it otherwise); None without a value or a target."""
        current = self.current
        if current is None or self.target is None:
            return None
        if self.indicator in LOWER_IS_BETTER:
            return current <= self.target
        return current >= self.target

    @property
    def norm_met(self) -> bool | None:
        """Whether the current value meets the normative value (the standard's floor,
        or ceiling where lower is better); None without a value or a normative value."""
        current = self.current
        if current is None or self.normative is None:
            return None
        if self.indicator in LOWER_IS_BETTER:
            return current <= self.normative
        return current >= self.normative

    @property
    def verdict(self) -> str:
        """What the page says about the value: a value that misses the normative value
        is said so first, whatever the target (never green "target reached")."""
        if self.norm_met is False:
            return BELOW_NORM
        if self.target_reached is True:
            return TARGET_MET
        if self.target_reached is False:
            return TARGET_MISSED
        if self.norm_met is True:
            return NORM_MET
        return NO_VERDICT


def targets_for(year: int | None) -> dict[str, QualityIndicatorTarget]:
    if year is None:
        return {}
    return {row.indicator: row for row in QualityIndicatorTarget.objects.filter(year=year)}


def target_year(period: Period) -> int | None:
    """The year whose targets apply: the period's, if it lies within one year."""
    return period.start.year if period.start.year == period.end.year else None


def application_counts(queryset: QuerySet[Application], period: Period) -> dict[str, int]:
    """decided, on_time and refused_to_accept over ``queryset`` in the period (one
    query), with the dashboard's own figure conditions."""
    # The period figures do not depend on "today"; the context wants one all the same.
    context = FigureContext(today=period.end, period=period)
    return queryset.filter(context.q("decided")).aggregate(
        decided=Count("pk"),
        on_time=Count("pk", filter=context.q("on_time")),
        refused_to_accept=Count("pk", filter=context.q("refused_to_accept")),
    )


# The app that counts complaints registers its counting function here (complaints does,
# in its AppConfig.ready()): supervision names no app above it.
_complaint_sources: dict[str, Any] = {}


def register_complaint_source(source, *, app_name: str) -> None:
    """``source(**filters)`` counts the complaints the indicators 4.1 and 4.2 need (see
    complaints.indicators.complaint_figures for its signature)."""
    _complaint_sources[app_name] = source


def complaint_source():
    """The registered source of complaint figures while its app is installed, else None
    (the complaint indicators then read "no data")."""
    return next(
        (source for name, source in _complaint_sources.items() if apps.is_installed(name)),
        None,
    )


def quality_indicators(
    *,
    applications: QuerySet[Application],
    organisations,
    period: Period,
    counts: dict[str, int] | None = None,
    service: str | None = None,
) -> list[IndicatorRow]:
    """The four indicators for ``applications`` (already narrowed to the scope, the
    organisation and, if any, ``service``) and the complaints to ``organisations`` (about
    applications of ``service``, if given) in the period. ``counts`` may pass decided /
    on_time / refused_to_accept already counted (the report's summary) to save the
    query."""
    if counts is None:
        counts = application_counts(applications, period)
    targets = targets_for(target_year(period))

    def row(indicator, numerator, denominator, **extra) -> IndicatorRow:
        target = targets.get(indicator)
        return IndicatorRow(
            indicator=indicator,
            numerator=numerator,
            denominator=denominator,
            normative=target.normative if target else None,
            target=target.target if target else None,
            **extra,
        )

    decided = counts["decided"]
    rows = [
        row(Indicator.ON_TIME, counts["on_time"], decided),
        row(Indicator.ACCEPTED_FIRST_TIME, decided - counts["refused_to_accept"], decided),
    ]
    source = complaint_source()
    if source is None:
        reason = COMPLAINTS_NOT_CONNECTED
        rows += [row(i, 0, 0, available=False, reason=reason) for i in COMPLAINT_INDICATORS]
    else:
        figures = source(
            organisations=organisations, start=period.start, end=period.end, service=service
        )
        rows += [
            row(Indicator.JUSTIFIED_COMPLAINTS, figures.justified, decided),
            row(
                Indicator.JUSTIFIED_IN_TIME,
                figures.justified_resolved_in_time,
                figures.justified,
            ),
        ]
    return rows


TARGET_REACHED = {True: _("target reached"), False: _("target not reached"), None: "—"}

# The dashboard's verdict on a value (IndicatorRow.verdict): words and a colour that
# does not carry the meaning alone (the words say it).
BELOW_NORM, TARGET_MISSED, TARGET_MET, NORM_MET, NO_VERDICT = (
    "below_norm",
    "target_missed",
    "target_met",
    "norm_met",
    "",
)
VERDICTS: dict[str, tuple[Any, str]] = {
    BELOW_NORM: (_("below the normative value"), "text-danger"),
    TARGET_MISSED: (_("normative value met, target not reached"), "text-warning-emphasis"),
    TARGET_MET: (_("target reached"), "text-success"),
    NORM_MET: (_("normative value met"), "text-success"),
    NO_VERDICT: ("", ""),
}


def format_percent(value: Decimal | None, no_value: Any) -> str:
    """For pages and PDF: "87,5 %" in the active locale, or ``no_value``."""
    from django.utils.formats import number_format

    if value is None:
        return str(no_value)
    return f"{number_format(value, decimal_pos=1)} %"
