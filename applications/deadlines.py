"""Stage and service deadlines, computed when a stage starts and stored on the row.

Convention (services.md): the registration date is working day 0; a term of N working
days ends at the end of the N-th working day after it. A stage started at some moment
counts from the working day that moment belongs to (after hours → the next one).
"""

from datetime import date, datetime

from applications.models import Application
from applications.registry import Channel, TermUnit, get_service
from guardianship_portal.workdays.calendar import (
    OfficeHours,
    add_working_days,
    due_date,
    next_working_day,
    registration_date,
    working_days_between,
)


def counting_day(application: Application, moment: datetime) -> date:
    """The working day a moment counts as, by the provider's office hours."""
    return registration_date(moment, OfficeHours.for_organisation(application.organisation))


def register(application: Application, *, accepted_at: datetime) -> None:
    """Set the registration date and the whole service's due date."""
    definition = get_service(application.service)
    edition = definition.edition_by_code(application.edition)
    registered_on = counting_day(application, accepted_at)
    application.registered_on = registered_on
    term_start = registered_on
    if application.channel == Channel.STATE_CORPORATION:
        # The State Corporation's day of acceptance is not counted in the term.
        term_start = next_working_day(registered_on)
    application.due_on = due_date(term_start, edition.total_term, edition.term_unit)


def start_stage(application: Application, stage: str, *, on: date) -> None:
    """Enter a stage: store when it started and when it is due (stage terms are in
    working days in every edition we know)."""
    definition = get_service(application.service)
    edition = definition.edition_by_code(application.edition)
    application.stage = stage
    application.stage_started_on = on
    application.stage_due_on = due_date(
        on, definition.stage_term(edition, stage), TermUnit.WORKING_DAYS
    )


def finish(application: Application, *, moment: datetime, actor) -> None:
    """A final state: no stage runs any more; record when and how long it took."""
    application.stage = ""
    application.stage_started_on = None
    application.stage_due_on = None
    application.completed_at = moment
    application.completed_by = actor
    application.completed_on = counting_day(application, moment)
    if application.registered_on is not None:
        application.working_days_to_result = max(
            0, working_days_between(application.registered_on, application.completed_on)
        )


def expected_stage_dates(application: Application) -> list[tuple[str, date]]:
    """For the cabinet: the date each remaining stage is expected to end, chaining the
    terms from the current stage's due date (a forecast; stored dates win)."""
    definition = get_service(application.service)
    edition = definition.edition_by_code(application.edition)
    codes = [
        s.code for s in definition.stages if s.skip is None or not s.skip.holds(application.answers)
    ]
    if application.stage not in codes or application.stage_due_on is None:
        return []
    forecast, current = [], application.stage_due_on
    forecast.append((application.stage, current))
    for code in codes[codes.index(application.stage) + 1 :]:
        current = add_working_days(current, definition.stage_term(edition, code))
        forecast.append((code, current))
    return forecast
