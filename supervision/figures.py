"""Every figure of the dashboard as ONE filter on Application (a Q object).

The dashboard counts ``Count("pk", filter=figure_q)`` in SQL; the drill-down list
filters the same queryset with the same Q. So a figure and the list behind it cannot
disagree: they are the same condition.

Definitions (README-worthy):

* open: filed (not a draft) and not in a final state. A snapshot of today.
* due today / due soon / overdue: open applications by the stored deadline of their
  current stage (``stage_due_on``): equal to today / after today up to the 2nd
  working day after today / before today.
* overdue > 2× term: open, and the stage is late by more than twice its term in
  working days (working days after ``stage_due_on`` up to today > 2 × the stage's term
  of the application's edition). The terms come from the registry; the calendar turns
  each distinct term into a cut-off date, so SQL compares dates only.
* past the service term: open and past ``due_on`` (the whole service's due date).
* registered: ``registered_on`` within the period.
* decided: a final state other than withdrawn (completed, refused, refused to accept)
  with ``completed_on`` within the period. This is the base of the on-time share, the
  refusal shares, the median and the 90th percentile of working days to result.
* on time: decided and ``completed_on <= due_on``; late: decided and after ``due_on``.
* withdrawn: withdrawn with ``completed_on`` within the period (not in any share).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property, reduce
from operator import or_

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from applications.registry import all_services
from applications.workflow import COMPLETED, REFUSED, REFUSED_TO_ACCEPT, WITHDRAWN
from guardianship_portal.workdays.calendar import add_working_days, is_working_day

from .filters import Period

FINAL_STATES = (COMPLETED, REFUSED_TO_ACCEPT, REFUSED, WITHDRAWN)
DECIDED_STATES = (COMPLETED, REFUSED_TO_ACCEPT, REFUSED)
SOON_WORKING_DAYS = 2
BADLY_OVERDUE_FACTOR = 2

# Snapshot figures (today), then period figures. The order is the order of the summary.
NOW_FIGURES = ("open", "due_today", "due_soon", "overdue", "overdue_2x", "service_overdue")
PERIOD_FIGURES = (
    "registered",
    "decided",
    "on_time",
    "late",
    "granted",
    "refused",
    "refused_to_accept",
    "withdrawn",
)

LABELS = {
    "open": _("Open now"),
    "due_today": _("Stage due today"),
    "due_soon": _("Stage due in the next 2 working days"),
    "overdue": _("Stage overdue"),
    "overdue_2x": _("Stage overdue by more than twice its term"),
    "service_overdue": _("Past the service term"),
    "registered": _("Registered in the period"),
    "decided": _("Decided in the period"),
    "on_time": _("Decided on time"),
    "late": _("Decided late"),
    "granted": _("Service provided"),
    "refused": _("Motivated refusals"),
    "refused_to_accept": _("Refusals to accept"),
    "withdrawn": _("Withdrawn by the applicant"),
}


def working_day_back(today: date, n: int) -> date:
    """The n-th working day counting back from today (today itself is the 1st when it
    is a working day)."""
    day, seen = today, 0
    while True:
        if is_working_day(day):
            seen += 1
            if seen == n:
                return day
        day -= timedelta(days=1)


def stage_terms() -> dict[int, list[tuple[str, str, str]]]:
    """{term in working days: [(service, edition, stage), ...]} for every service that
    has a workflow."""
    terms: dict[int, list[tuple[str, str, str]]] = {}
    for definition in all_services():
        if not definition.workflow_model:
            continue
        for edition in definition.editions:
            for stage in definition.stages:
                term = definition.stage_term(edition, stage.code)
                terms.setdefault(term, []).append((definition.code, edition.code, stage.code))
    return terms


@dataclass(frozen=True)
class FigureContext:
    """What the figures depend on besides the data: today and the period."""

    today: date
    period: Period

    @cached_property
    def soon(self) -> date:
        return add_working_days(self.today, SOON_WORKING_DAYS)

    @cached_property
    def badly_overdue(self) -> Q:
        """Late by more than 2 × term working days ⇔ stage_due_on is before the
        (2T+1)-th working day counting back from today."""
        conditions = []
        for term, keys in sorted(stage_terms().items()):
            cutoff = working_day_back(self.today, BADLY_OVERDUE_FACTOR * term + 1)
            which = reduce(or_, (Q(service=s, edition=e, stage=st) for s, e, st in keys))
            conditions.append(which & Q(stage_due_on__lt=cutoff))
        # No service with a workflow: a condition no row meets (the pk is never null).
        return reduce(or_, conditions) if conditions else Q(pk__isnull=True)

    def q(self, figure: str) -> Q:
        period = (self.period.start, self.period.end)
        # Application.is_open is "filed and not final", stored by the database and
        # indexed with the queue (app_office_queue_idx).
        open_ = Q(is_open=True)
        decided = Q(state__in=DECIDED_STATES, completed_on__range=period)
        match figure:
            case "open":
                return open_
            case "due_today":
                return open_ & Q(stage_due_on=self.today)
            case "due_soon":
                return open_ & Q(stage_due_on__gt=self.today, stage_due_on__lte=self.soon)
            case "overdue":
                return open_ & Q(stage_due_on__lt=self.today)
            case "overdue_2x":
                return open_ & self.badly_overdue
            case "service_overdue":
                return open_ & Q(due_on__lt=self.today)
            case "registered":
                return Q(registered_on__range=period)
            case "decided":
                return decided
            case "on_time":
                return decided & Q(completed_on__lte=F("due_on"))
            case "late":
                return decided & Q(completed_on__gt=F("due_on"))
            case "granted":
                return decided & Q(state=COMPLETED)
            case "refused":
                return decided & Q(state=REFUSED)
            case "refused_to_accept":
                return decided & Q(state=REFUSED_TO_ACCEPT)
            case "withdrawn":
                return Q(state=WITHDRAWN, completed_on__range=period)
        raise KeyError(figure)

    def relevant(self) -> Q:
        """Every row any figure counts (open now, registered or finished in the period):
        the summary reads these only, on indexed columns, however long the history."""
        return (
            self.q("open")
            | self.q("registered")
            | Q(completed_on__range=(self.period.start, self.period.end))
        )

    def all(self) -> dict[str, Q]:
        return {name: self.q(name) for name in (*NOW_FIGURES, *PERIOD_FIGURES)}


def is_figure(name: str) -> bool:
    return name in LABELS
