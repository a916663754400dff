"""Stage and service deadlines, computed when a stage starts and stored on the row.

Convention (services.md): the registration date is working day 0; a term of N working
days ends at the end of the N-th working day after it. A stage started at some moment
counts from the working day that moment belongs to (after hours → the next one).

Channels (seed 002, "Қызметті көрсету мерзімі"): the term runs from the moment the
documents are handed to the provider or to the State Corporation, or filed on the
portal, and the day of acceptance is not counted. Working day 0 is exactly that
uncounted day, so every channel counts the same way from its registration day; what
differs is whose hours decide which day a late filing belongs to: the State
Corporation centre's for its filings, the provider's otherwise.
"""

from datetime import date, datetime

from applications.models import Application
from applications.registry import Channel, TermUnit, get_service
from guardianship_portal.workdays.calendar import (
    OfficeHours,
    add_working_days,
    due_date,
    registration_date,
    working_days_between,
)


def intake_hours(application: Application) -> OfficeHours:
    """Whose hours decide the registration day: the State Corporation centre that
    accepted the filing (its own schedule, usually longer than the provider's), else
    the provider's office. A State Corporation row of before the centres were recorded
    has none: the provider's hours, as it was counted then."""
    if application.channel == Channel.STATE_CORPORATION and application.intake_office_id:
        return OfficeHours.for_organisation(application.intake_office)
    return OfficeHours.for_organisation(application.organisation)


def counting_day(application: Application, moment: datetime) -> date:
    """The working day a moment counts as, by the provider's office hours.

    The filing moment itself counts as the registration day, whoever's hours decided
    it: the first stage starts on the day the term starts, and a refusal to accept at
    the State Corporation's counter (at the filing moment) ends on that day too."""
    if (
        application.registered_on is not None
        and application.filed_at is not None
        and moment == application.filed_at
    ):
        return application.registered_on
    return registration_date(moment, OfficeHours.for_organisation(application.organisation))


def register(application: Application, *, accepted_at: datetime) -> None:
    """Set the registration date and the whole service's due date.

    The registration day is working day 0 and is not counted in the term (seed 002:
    "қабылдау күні мемлекеттік қызмет көрсету мерзіміне кірмейді" for the State
    Corporation; the portal's convention for every channel), so the term is counted
    from it once, in every channel: a State Corporation filing is due on the same day
    as the same filing made at the office or on the portal at the same moment, unless
    the centre's longer hours make a late filing belong to an earlier day."""
    definition = get_service(application.service)
    edition = definition.edition_by_code(application.edition)
    registered_on = registration_date(accepted_at, intake_hours(application))
    application.registered_on = registered_on
    application.due_on = due_date(registered_on, edition.total_term, edition.term_unit)


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


def store_for_transition(
    application: Application, *, from_state: str, moment: datetime, actor
) -> None:
    """The engine's hook after a transition ran: a final state records the result; a
    state of another stage (or a stage entered again) starts that stage's term."""
    info = get_service(application.service).state(application.state)
    if info.final:
        finish(application, moment=moment, actor=actor)
    elif info.stage and (info.stage != application.stage or from_state != application.state):
        start_stage(application, info.stage, on=counting_day(application, moment))


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
