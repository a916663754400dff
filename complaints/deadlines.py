"""Complaint terms (services.md, "Common rules"), stored on the row when a stage starts.

Same convention as applications: the registration date is working day 0 and a term of
N working days ends on the N-th working day after it; a moment after office hours, on a
weekend or a holiday counts for the next working day, by the office hours of the
organisation that receives it (the provider, or the quality-control body).
"""

from __future__ import annotations

from datetime import date, datetime

from guardianship_portal.organisations.models import Organisation
from guardianship_portal.workdays.calendar import OfficeHours, add_working_days, registration_date

from .models import (
    FORWARD_TERM_WORKING_DAYS,
    QUALITY_BODY_TERM_WORKING_DAYS,
    REVIEW_TERM_WORKING_DAYS,
    Complaint,
)


def counting_day(organisation: Organisation, moment: datetime) -> date:
    return registration_date(moment, OfficeHours.for_organisation(organisation))


def register(complaint: Complaint, *, filed_at: datetime) -> None:
    """Registration date and the first due date: the answer (to the head) or the
    forwarding (meant for the quality-control body)."""
    complaint.filed_at = filed_at
    complaint.registered_on = counting_day(complaint.organisation, filed_at)
    term = (
        FORWARD_TERM_WORKING_DAYS
        if complaint.addressed_to == Complaint.AddressedTo.QUALITY_BODY
        else REVIEW_TERM_WORKING_DAYS
    )
    complaint.due_on = add_working_days(complaint.registered_on, term)


def answered(complaint: Complaint, *, moment: datetime) -> None:
    complaint.answered_at = moment
    complaint.answered_on = counting_day(complaint.answering_organisation, moment)
    complaint.answered_in_time = complaint.answered_on <= complaint.due_on


def forwarded(complaint: Complaint, *, moment: datetime) -> None:
    """Forwarding closes the provider's term and starts the body's (the one the
    transition chose): 15 working days from the day the body registers it (the
    forwarding moment, by its office hours)."""
    body = complaint.quality_body
    assert body is not None  # the forward transition has chosen it
    complaint.forwarded_at = moment
    complaint.forwarded_on = counting_day(complaint.organisation, moment)
    complaint.forward_due_on = complaint.due_on
    complaint.forwarded_in_time = complaint.forwarded_on <= complaint.forward_due_on
    complaint.body_registered_on = counting_day(body, moment)
    complaint.due_on = add_working_days(
        complaint.body_registered_on, QUALITY_BODY_TERM_WORKING_DAYS
    )


def store_for_transition(complaint: Complaint, *, from_state: str, moment: datetime, actor) -> None:
    """The engine's hook after a transition ran: store when the new state began and,
    on an answer, whether it came in time."""
    if complaint.state == Complaint.State.UNDER_REVIEW:
        complaint.taken_at = moment
    elif complaint.state == Complaint.State.FORWARDED:
        forwarded(complaint, moment=moment)
    elif complaint.state == Complaint.State.ANSWERED:
        answered(complaint, moment=moment)
