"""Reads that views need, each a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from applications.models import AccessLog, Application, Attachment
from guardianship_portal.core.request_context import (
    after_the_request,
    current_address,
    current_request,
)


def application_for(user, pk: int) -> Application:
    """The application if this user may see it; 404 otherwise (whether it exists is
    nobody else's business)."""
    application = (
        Application.objects.visible_to(user)
        .select_related(
            "organisation", "organisation__region", "applicant", "assigned_clerk", "intake_office"
        )
        .prefetch_related("children")
        .filter(pk=pk)
        .first()
    )
    if application is None:
        log_denied(user=user, pk=pk)
        raise Http404
    return application


def log_denied(*, user, pk: int) -> None:
    """A refused attempt leaves a line too: who asked for which application, when, from
    where and by which address. The person gets the same 404 whether the application
    exists or not; the log links it when it does, so its supervisors see the attempt."""
    if not user.is_authenticated:
        return  # behind login_required everywhere; nobody to name otherwise
    context = current_request()
    application_id = Application.objects.filter(pk=pk).values_list("pk", flat=True).first()
    line = AccessLog(
        user=user,
        application_id=application_id,
        outcome=AccessLog.Outcome.DENIED,
        what=(context.path if context else f"application {pk}")[:200],
        address=context.address if context else None,
    )
    # After the request: its 404 rolls its transaction back.
    after_the_request(line.save)


def current_attachments(application: Application) -> dict[str, Attachment]:
    return {
        a.checklist_item: a
        for a in application.attachments.filter(is_current=True).select_related("reviewed_by")
    }


def cabinet_applications(user) -> QuerySet[Application]:
    return (
        Application.objects.filter(applicant=user)
        .select_related("organisation")
        .prefetch_related(Prefetch("children"))
        .order_by("-created_at")
    )


def log_access(*, user, application: Application, what: str) -> None:
    """Every view of a child's personal data leaves a line in the access log."""
    AccessLog.objects.create(
        user=user, application=application, what=what[:200], address=current_address()
    )
