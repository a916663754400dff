"""The side effects of an application's transitions, as jobs (guardianship_portal/jobs):
enqueued in the transition's transaction (``actions._enqueue_side_effects``), run by a
worker after the commit. They carry ids and read fresh rows; both are idempotent
(issuing twice returns the first document, one notification per event), so a retry or a
second worker changes nothing."""

from __future__ import annotations

from applications.models import Application, ApplicationEvent
from guardianship_portal.jobs.api import job


# Before notifications: someone is looking at the page that waits for it.
@job(priority=10)
def issue_documents(*, application_pk: int, event_pk: int, kinds: list[str]) -> list[str]:
    """The documents the transition names, in the application's language."""
    from applications.result_documents import issue_for_event

    application = Application.objects.select_related("organisation", "applicant").get(
        pk=application_pk
    )
    event = ApplicationEvent.objects.select_related("actor").get(pk=event_pk)
    return [d.number for d in issue_for_event(application=application, event=event, kinds=kinds)]


@job()
def notify_applicant(*, application_pk: int, event_pk: int) -> None:
    """Tell the applicant: in the cabinet, by e-mail and by SMS."""
    from applications.notifications import notify_state_change

    application = Application.objects.select_related("organisation", "applicant").get(
        pk=application_pk
    )
    event = ApplicationEvent.objects.get(pk=event_pk)
    notify_state_change(application=application, event=event)
