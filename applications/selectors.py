"""Reads that views need, each a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from applications.models import AccessLog, Application, Attachment


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
        raise Http404
    return application


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
    AccessLog.objects.create(user=user, application=application, what=what[:200])
