"""The side effects of a complaint's steps, as jobs (guardianship_portal/jobs): enqueued
in the step's transaction (``actions._enqueue_side_effects``), run by a worker after the
commit, with ids only; both idempotent (a document is issued once per kind and
language, one notification per event)."""

from __future__ import annotations

from complaints.models import Complaint, ComplaintEvent
from guardianship_portal.jobs.api import job


def _rows(complaint_pk: int, event_pk: int) -> tuple[Complaint, ComplaintEvent]:
    complaint = Complaint.objects.select_related("organisation", "applicant", "application").get(
        pk=complaint_pk
    )
    return complaint, ComplaintEvent.objects.select_related("actor").get(pk=event_pk)


# Before notifications: someone is looking at the page that waits for it.
@job(priority=10)
def issue_documents(*, complaint_pk: int, event_pk: int, kinds: list[str]) -> list[str]:
    """The complaint's documents the step names, in the complaint's language."""
    from complaints.documents import issue_complaint_document

    complaint, event = _rows(complaint_pk, event_pk)
    return [
        issue_complaint_document(
            complaint=complaint, kind=kind, language=complaint.language, issued_by=event.actor
        ).number
        for kind in kinds
    ]


@job()
def notify_applicant(*, complaint_pk: int, event_pk: int) -> None:
    from complaints.notifications import notify_applicant as notify

    complaint, event = _rows(complaint_pk, event_pk)
    notify(complaint=complaint, event=event)
