"""The payments' jobs (guardianship_portal/jobs): ids only, fresh rows, idempotent."""

from __future__ import annotations

from django.utils import timezone

from guardianship_portal.jobs.api import job


@job(priority=5)
def open_entitlement(*, application_pk: int) -> str:
    """Open the entitlement of a decided application (once: entitlement_open is
    idempotent). Dated by the deciding event."""
    from applications.models import Application

    from .actions import entitlement_open
    from .registry import get_source

    application = Application.objects.select_related("organisation").get(pk=application_pk)
    source = get_source(application.service)
    event = (
        application.events.filter(action=source.opened_by)
        .select_related("actor")
        .order_by("at")
        .last()
    )
    decided_on = timezone.localtime(event.at).date() if event else timezone.localdate()
    return entitlement_open(
        application=application,
        decided_on=decided_on,
        actor=event.actor if event else None,
        at=event.at if event else None,
    ).number


@job(priority=10)
def issue_entitlement_documents(
    *, entitlement_pk: int, event_pk: int, kinds: list[str]
) -> list[str]:
    from .documents import issue_entitlement_document
    from .models import Entitlement, EntitlementEvent

    entitlement = Entitlement.objects.select_related("organisation").get(pk=entitlement_pk)
    event = EntitlementEvent.objects.select_related("actor").get(pk=event_pk)
    return [
        issue_entitlement_document(
            entitlement=entitlement, kind=kind, language=entitlement.language, issued_by=event.actor
        ).number
        for kind in kinds
    ]


@job(attempts=1)
def end_entitlements() -> dict[str, int]:
    """The daily round: every entitlement whose planned end has come ends today, and the
    offices whose next register is due (or late) are reminded."""
    from .actions import entitlements_end_due
    from .reminders import remind_registers

    return {"ended": len(entitlements_end_due()), "reminded": remind_registers()}
