"""Operations on complaints. Views call these; nothing else changes a complaint.

The same path as applications.actions: inside one transaction the row is locked, the
state the user saw is checked against the row (StaleComplaint: nothing happens), the
user's right is checked, the django-fsm transition runs, dates are stored, an audit
event is written; documents and notifications go out after the commit.
"""

from __future__ import annotations

import logging
from datetime import datetime
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed

from applications.models import Application
from applications.workflow import copy_saved_row
from guardianship_portal.organisations.models import Organisation
from guardianship_portal.organisations.scope import organisations_headed

from . import deadlines
from .documents import ANSWER, RECEIPT
from .errors import (
    ComplaintNotPermitted,
    ComplaintTransitionRefused,
    InvalidComplaint,
    NoQualityBody,
    StaleComplaint,
)
from .models import Complaint, ComplaintEvent, next_complaint_number

logger = logging.getLogger(__name__)

TEXT_MAX_LENGTH = 5000
ANSWER_MAX_LENGTH = 5000
# Action (as recorded in the audit trail) → the model's transition method.
TRANSITIONS = {
    "take": "take",
    "answer": "give_answer",
    "forward": "forward",
    "body_answer": "give_body_answer",
}
BODY_ACTIONS = {"body_answer"}


def may_file_about(user, application: Application) -> bool:
    """Only the applicant of a filed application (not a draft) may complain about it."""
    return (
        user is not None
        and user.is_authenticated
        and user.has_perm("accounts.file_application")
        and application.applicant_id == user.pk
        and application.state != "draft"
        and bool(application.number)
    )


def may_handle(user, complaint: Complaint, action: str = "take") -> bool:
    """Who may do ``action``: for the provider's steps (take, answer, forward) a
    supervisor who heads the complaint's organisation (its own, or a department for its
    district's schools; a regional supervisor only reads); for the body's answer an
    officer of the body the complaint was forwarded to."""
    if user is None or not user.is_authenticated:
        return False
    if action in BODY_ACTIONS:
        return (
            user.has_perm("accounts.review_forwarded_complaints")
            and complaint.quality_body_id is not None
            and user.organisation_id == complaint.quality_body_id
        )
    if not user.has_perm("accounts.view_dashboard"):
        return False
    return organisations_headed(user).filter(pk=complaint.organisation_id).exists()


def quality_body_for(organisation: Organisation) -> Organisation | None:
    """The region's authorised body for quality control (the first active one)."""
    return (
        Organisation.objects.filter(
            kind=Organisation.Kind.QUALITY_CONTROL_BODY,
            region_id=organisation.region_id,
            is_active=True,
        )
        .order_by("pk")
        .first()
    )


def complaint_file(
    *,
    application: Application,
    applicant,
    addressed_to: str,
    subject: str,
    text: str,
    language: str,
    submission_key: str = "",
    at: datetime | None = None,
) -> Complaint:
    """Register a complaint about one of the applicant's applications. A repeated
    ``submission_key`` (a double click) returns the complaint already filed."""
    text = (text or "").strip()
    if addressed_to not in Complaint.AddressedTo.values:
        raise InvalidComplaint()
    if subject not in Complaint.Subject.values:
        raise InvalidComplaint()
    if language not in Complaint.Language.values:
        raise InvalidComplaint()
    if not text or len(text) > TEXT_MAX_LENGTH:
        raise InvalidComplaint(_("Write the complaint (up to 5000 characters)."))
    submission_key = (submission_key or "")[:64]
    if submission_key:
        existing = Complaint.objects.filter(
            applicant=applicant, submission_key=submission_key
        ).first()
        if existing is not None:
            return existing
    moment = at or timezone.now()
    try:
        with transaction.atomic():
            locked = (
                Application.objects.select_related("organisation")
                .select_for_update(of=("self",))
                .filter(pk=application.pk)
                .first()
            )
            if locked is None or not may_file_about(applicant, locked):
                raise ComplaintNotPermitted()
            complaint = Complaint(
                application=locked,
                applicant=applicant,
                organisation=locked.organisation,
                addressed_to=addressed_to,
                subject=subject,
                text=text,
                language=language,
                submission_key=submission_key,
            )
            deadlines.register(complaint, filed_at=moment)
            complaint.number = next_complaint_number(
                organisation=locked.organisation, year=timezone.localtime(moment).year
            )
            complaint.save()
            event = ComplaintEvent.objects.create(
                complaint=complaint,
                actor=applicant,
                at=moment,
                action="filed",
                from_state="",
                to_state=complaint.state,
            )
            transaction.on_commit(partial(_after_change, complaint.pk, event.pk, RECEIPT))
    except IntegrityError:
        # The same submission raced past the check above: the other request filed it.
        if submission_key:
            return Complaint.objects.get(applicant=applicant, submission_key=submission_key)
        raise
    return complaint


def complaint_take(
    *,
    complaint: Complaint,
    actor,
    expected_state: str | None = Complaint.State.REGISTERED,
    at: datetime | None = None,
) -> Complaint:
    """The head (supervisor) takes a complaint addressed to them into review."""

    def apply(locked: Complaint, moment: datetime) -> str:
        locked.take()
        locked.taken_at = moment
        locked.reviewer = actor
        return ""

    return _run(complaint, actor, expected_state, "take", apply, at=at)


def complaint_answer(
    *,
    complaint: Complaint,
    actor,
    justified: bool,
    answer: str,
    expected_state: str | None,
    at: datetime | None = None,
    action: str = "answer",
) -> Complaint:
    """The motivated answer: justified or not, stored with whether it came in time.
    ``action`` "body_answer" is the quality-control body's answer (complaint_body_answer)."""
    answer = (answer or "").strip()
    if not isinstance(justified, bool):
        raise InvalidComplaint(_("Say whether the complaint is justified."))
    if not answer or len(answer) > ANSWER_MAX_LENGTH:
        raise InvalidComplaint(_("Write the answer (up to 5000 characters)."))

    def apply(locked: Complaint, moment: datetime) -> str:
        getattr(locked, TRANSITIONS[action])()
        locked.justified = justified
        locked.answer = answer
        locked.reviewer = actor if action in BODY_ACTIONS else (locked.reviewer or actor)
        deadlines.answered(locked, moment=moment)
        return answer

    return _run(complaint, actor, expected_state, action, apply, at=at, document=ANSWER)


def complaint_forward(
    *,
    complaint: Complaint,
    actor,
    expected_state: str | None,
    at: datetime | None = None,
) -> Complaint:
    """Send a complaint meant for the quality-control body on to that body of the
    provider's region (3 working days); the body's 15 working days start."""

    def apply(locked: Complaint, moment: datetime) -> str:
        body = quality_body_for(locked.organisation)
        if body is None:
            raise NoQualityBody()
        locked.forward()
        deadlines.forwarded(locked, moment=moment, body=body)
        return ""

    return _run(complaint, actor, expected_state, "forward", apply, at=at)


def complaint_body_answer(
    *,
    complaint: Complaint,
    actor,
    justified: bool,
    answer: str,
    expected_state: str | None,
    at: datetime | None = None,
) -> Complaint:
    """The quality-control body's motivated answer to a forwarded complaint."""
    return complaint_answer(
        complaint=complaint,
        actor=actor,
        justified=justified,
        answer=answer,
        expected_state=expected_state,
        at=at,
        action="body_answer",
    )


def _run(
    complaint: Complaint,
    actor,
    expected_state: str | None,
    action: str,
    apply,
    *,
    at: datetime | None = None,
    document: str | None = None,
) -> Complaint:
    moment = at or timezone.now()
    with transaction.atomic():
        locked = (
            Complaint.objects.select_related("organisation", "quality_body")
            .select_for_update(of=("self",))
            .get(pk=complaint.pk)
        )
        if not may_handle(actor, locked, action):
            raise ComplaintNotPermitted()
        if expected_state is not None and locked.state != expected_state:
            raise StaleComplaint()
        method = getattr(locked, TRANSITIONS[action])
        if not can_proceed(method):
            raise ComplaintTransitionRefused()
        from_state = locked.state
        note = apply(locked, moment)
        locked.save()
        event = ComplaintEvent.objects.create(
            complaint=locked,
            actor=actor,
            at=moment,
            action=action,
            from_state=from_state,
            to_state=locked.state,
            note=note,
        )
        transaction.on_commit(partial(_after_change, locked.pk, event.pk, document))
    copy_saved_row(source=locked, target=complaint)
    return locked


def _after_change(complaint_pk: int, event_pk: int, document: str | None) -> None:
    """After the commit: issue the document, tell the applicant. Both idempotent; a
    failure is logged, never a 500 (the download view issues a missing document)."""
    from .documents import issue_complaint_document
    from .notifications import notify_applicant

    complaint = Complaint.objects.select_related("organisation", "applicant", "application").get(
        pk=complaint_pk
    )
    event = ComplaintEvent.objects.select_related("actor").get(pk=event_pk)
    if document:
        try:
            issue_complaint_document(
                complaint=complaint,
                kind=document,
                language=complaint.language,
                issued_by=event.actor,
            )
        except Exception:
            logger.exception("issuing %s for complaint %s failed", document, complaint.number)
    try:
        notify_applicant(complaint=complaint, event=event)
    except Exception:
        logger.exception("notifying the applicant of complaint %s failed", complaint.number)
