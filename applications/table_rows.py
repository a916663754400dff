"""Applications as the rows of a list: the clerk queue and the supervisors' drill-down
lists show the same columns.

Every value a cell prints is made here, once, in the reader's language and format: the
service and state labels, the dates, the names, the link. Resolved in the template
instead (lazy translations, the ``date`` filter, ``{% url %}``, ``get_FOO_display``) a
row of 25 cost about a quarter of a millisecond, a third of the queue page's time
(issue #11); here labels are translated once per service and state, not once per row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.formats import get_format

from applications.models import Application
from applications.registry import get_service

OVERDUE = "overdue"
DUE_TODAY = "today"

# The columns a row reads, for ``QuerySet.only``: loading the whole application (its
# answers as JSON, addresses, phone) and the whole organisation and clerk for 25 rows
# costs more than the query itself. The clerk who closed an application is read only
# by the drill-downs (``CLOSED_BY_FIELDS``).
ROW_FIELDS = (
    "number",
    "service",
    "state",
    "channel",
    "applicant_name",
    "applicant_iin",
    "stage_due_on",
    "due_on",
    "registered_on",
    "completed_on",
    "working_days_to_result",
    "organisation__name_kk",
    "organisation__name_ru",
    "assigned_clerk__last_name",
    "assigned_clerk__first_name",
    "assigned_clerk__middle_name",
)
CLOSED_BY_FIELDS = (
    "completed_by__last_name",
    "completed_by__first_name",
    "completed_by__middle_name",
)


@dataclass(frozen=True, slots=True)
class ApplicationRow:
    application: Application
    number: str
    url: str  # the clerk's page of the application; "" when the reader may not open it
    service_title: str
    applicant_name: str
    applicant_iin: str
    state_label: str
    final: bool
    stage_due: str  # "" when no stage is running
    stage_flag: str  # OVERDUE, DUE_TODAY or ""
    due: str
    registered: str
    completed: str
    late: bool  # decided after the service's term
    working_days: int | None
    clerk: str  # the clerk it is assigned to, "" for nobody yet
    closed_by: str
    channel: str
    organisation: str

    @property
    def may_open(self) -> bool:
        return bool(self.url)


def application_rows(
    applications: Iterable[Application],
    *,
    today: date,
    may_open: Callable[[Application], bool] = lambda application: True,
    with_closed_by: bool = False,
) -> list[ApplicationRow]:
    """The rows, in the active language. The applications come with their organisation
    and assigned clerk selected (``ROW_FIELDS``), and with the clerk who closed them
    when ``with_closed_by`` (``CLOSED_BY_FIELDS``: the drill-downs print that column,
    the queue does not)."""
    labels: dict[tuple[str, str], tuple[str, str, bool]] = {}
    channels: dict[str, str] = {}
    # A page's dates repeat (the same deadlines): each is formatted once.
    short_format = get_format("SHORT_DATE_FORMAT")
    dates: dict[date, str] = {}

    def short(day: date | None) -> str:
        if day is None:
            return ""
        if day not in dates:
            dates[day] = format_date(day, short_format)
        return dates[day]

    # One reverse for the page: the links differ only by the application's id.
    marker = 2_147_483_647
    link = reverse("office:detail", args=[marker]).replace(str(marker), "{}")
    rows = []
    for application in applications:
        key = (application.service, application.state)
        if key not in labels:
            definition = get_service(application.service)
            info = definition.state(application.state)
            labels[key] = (str(definition.title), str(info.label), info.final)
        service_title, state_label, final = labels[key]
        if application.channel not in channels:
            channels[application.channel] = str(application.get_channel_display())
        stage_due_on, due_on = application.stage_due_on, application.due_on
        flag = ""
        if stage_due_on:
            flag = OVERDUE if stage_due_on < today else DUE_TODAY if stage_due_on == today else ""
        clerk = application.assigned_clerk
        closed_by = application.completed_by if with_closed_by else None
        completed_on = application.completed_on
        rows.append(
            ApplicationRow(
                application=application,
                number=application.number or "",
                url=link.format(application.pk) if may_open(application) else "",
                service_title=service_title,
                applicant_name=application.applicant_name,
                applicant_iin=application.applicant_iin,
                state_label=state_label,
                final=final,
                stage_due=short(stage_due_on),
                stage_flag=flag,
                due=short(due_on),
                registered=short(application.registered_on),
                completed=short(completed_on),
                late=bool(completed_on and due_on and completed_on > due_on),
                working_days=application.working_days_to_result,
                clerk=clerk.full_name if clerk else "",
                closed_by=closed_by.full_name if closed_by else "",
                channel=channels[application.channel],
                organisation=application.organisation.name,
            )
        )
    return rows
