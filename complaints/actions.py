"""Operations on complaints. Views call these; nothing else changes a complaint.

Complaints are a workflow on the same path as applications: every state change goes
through the engine (guardianship_portal/workflow/engine.py): inside one transaction the
row is locked, the user's right to act on it is checked, the state the user saw is
checked against the row (StaleComplaint: nothing happens), the django-fsm transition
runs, its dates are stored (complaints/deadlines.py), an audit event is written; the
documents and notifications are enqueued as jobs in the same transaction
(complaints/jobs.py). What is the complaints' own is
declared once, in ``COMPLAINT_WORKFLOW``.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.models import Application
from guardianship_portal.jobs.api import enqueue
from guardianship_portal.workflow.engine import AuditTrail, Workflow, run_transition

from . import deadlines
from .errors import (
    ComplaintNotPermitted,
    ComplaintTransitionRefused,
    InvalidComplaint,
    StaleComplaint,
)
from .models import (
    RECEIPT_DOCUMENT,
    Complaint,
    ComplaintEvent,
    answers_for_the_body,
    heads_the_provider,
    next_complaint_number,
)

TEXT_MAX_LENGTH = 5000
ANSWER_MAX_LENGTH = 5000
# Action (as recorded in the audit trail) → the model's transition method (the model
# has a field called ``answer``).
TRANSITIONS = {
    "take": "take",
    "answer": "give_answer",
    "forward": "forward",
    "body_answer": "give_body_answer",
}
BODY_ACTIONS = {"body_answer"}
# Every event of a complaint is written through this (the engine's one audit path).
COMPLAINT_AUDIT = AuditTrail(
    ComplaintEvent, subject="complaint", note_field="note", data_field=None
)


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
    """Who may do ``action``, whatever the complaint's state: for the provider's steps
    (take, answer, forward) a supervisor who heads the complaint's organisation (its
    own, or a department for its district's schools; a regional supervisor only reads);
    for the body's answer an officer of the body the complaint was forwarded to. The
    same rules are the transitions' django-fsm permissions."""
    if user is None or not user.is_authenticated:
        return False
    permission = answers_for_the_body if action in BODY_ACTIONS else heads_the_provider
    return permission(complaint, user)


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
            event = COMPLAINT_AUDIT.record(
                subject=complaint,
                actor=applicant,
                at=moment,
                action="filed",
                to_state=complaint.state,
            )
            _enqueue_side_effects(complaint.pk, event.pk, [RECEIPT_DOCUMENT])
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
    return _run(complaint, actor=actor, expected_state=expected_state, action="take", at=at)


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
    # The answer is also the note of the audit event.
    return _run(
        complaint,
        actor=actor,
        expected_state=expected_state,
        action=action,
        at=at,
        reason=answer,
        data={"justified": justified, "answer": answer},
    )


def complaint_forward(
    *,
    complaint: Complaint,
    actor,
    expected_state: str | None,
    at: datetime | None = None,
) -> Complaint:
    """Send a complaint meant for the quality-control body on to that body of the
    provider's region (3 working days); the body's 15 working days start. NoQualityBody
    if the region has none (nothing changes)."""
    return _run(complaint, actor=actor, expected_state=expected_state, action="forward", at=at)


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
    *,
    actor,
    expected_state: str | None,
    action: str,
    at: datetime | None,
    reason: str = "",
    data: dict | None = None,
) -> Complaint:
    return run_transition(
        COMPLAINT_WORKFLOW,
        record=complaint,
        action=action,
        actor=actor,
        expected_state=expected_state,
        reason=reason,
        data=data,
        moment=at,
    )


def _enqueue_side_effects(complaint_pk: int, event_pk: int, documents: list[str]) -> None:
    """Inside the step's transaction: the jobs that issue its documents and tell the
    applicant (complaints/jobs.py), committed with the step or not at all. A failing
    job is retried, then shown to the administrator; the download view issues a
    document that is still missing."""
    from complaints import jobs

    if documents:
        enqueue(jobs.issue_documents, complaint_pk=complaint_pk, event_pk=event_pk, kinds=documents)
    enqueue(jobs.notify_applicant, complaint_pk=complaint_pk, event_pk=event_pk)


# What the engine needs to know of complaints: who may act on one at all is asked before
# its state (an outsider is told "not yours", whatever the state); the audit trail names
# the actions, the model's methods differ (TRANSITIONS).
COMPLAINT_WORKFLOW = Workflow(
    rows=lambda complaint: Complaint.objects.select_related("organisation", "quality_body"),
    audit=COMPLAINT_AUDIT,
    stale=StaleComplaint,
    refused=ComplaintTransitionRefused,
    not_permitted=ComplaintNotPermitted,
    store_deadlines=deadlines.store_for_transition,
    enqueue_side_effects=_enqueue_side_effects,
    may_act=lambda complaint, actor, action: may_handle(actor, complaint, action),
    methods=TRANSITIONS,
)
