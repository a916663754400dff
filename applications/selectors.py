"""Reads that views need, each a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from applications.models import AccessLog, Application, Attachment
from applications.workflow import DRAFT, REFUSED_TO_ACCEPT
from guardianship_portal.core.request_context import (
    after_the_request,
    current_address,
    current_request,
)
from guardianship_portal.organisations.models import Organisation


def application_for(user, pk: int) -> Application:
    """The application if this user may see it; 404 otherwise (whether it exists is
    nobody else's business)."""
    application = (
        Application.objects.visible_to(user)
        # What the application pages print (each join costs planning and compiling on
        # every page: the applicant's account and the region are read where needed).
        .select_related(
            "organisation",
            "assigned_clerk",
            "intake_office",
            # The filing's signature (one or none), read by the clerk's page and signing.
            "signature__recorded_by",
        )
        .prefetch_related("children")
        .filter(pk=pk)
        .first()
    )
    if application is None:
        log_denied(user=user, pk=pk)
        raise Http404
    return application


def log_denied(*, user, pk: int | None) -> None:
    """A refused attempt leaves a line too: who asked for which application, when, from
    where and by which address. The person gets the same 404 whether the application
    exists or not; the log links it when it does, so its supervisors see the attempt.
    ``pk`` None: a page refused to the person's role, naming no application."""
    if not user.is_authenticated:
        return  # behind login_required everywhere; nobody to name otherwise
    context = current_request()
    if context is not None:
        if context.refusal_logged:
            return
        context.refusal_logged.append(True)
    application_id = (
        Application.objects.filter(pk=pk).values_list("pk", flat=True).first()
        if pk is not None
        else None
    )
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


@dataclass(frozen=True)
class ApplicantTaskView:
    """A "what you need to do" box: what, where (None: nowhere in person), what to
    bring or attach (names, never codes), by when, and whether that day has passed."""

    application: Application
    title: Promise | str
    items: tuple[Promise | str, ...] = ()
    place: Organisation | None = None
    due_on: date | None = None
    overdue: bool = False
    # "attach": the items are scans to attach to the draft; "bring": papers to bring.
    kind: str = "bring"


def applicant_task(application: Application) -> ApplicantTaskView | None:
    """What the applicant must do now, if anything: the service's declared task for the
    application's state (ApplicantTask, with the stage's stored due date), the scans a
    draft still lacks, or the documents a refused set lacked (to apply again)."""
    from applications.actions import applicable_edition
    from applications.registry import get_service

    definition = get_service(application.service)
    today = timezone.localdate()
    declared = definition.applicant_task(application.state)
    if declared is not None:
        due = application.stage_due_on
        return ApplicantTaskView(
            application=application,
            title=declared.title,
            items=declared.bring,
            place=application.organisation if declared.in_person else None,
            due_on=due,
            overdue=bool(due and due < today),
        )
    if application.state == DRAFT:
        edition = applicable_edition(application)
        required = definition.checklist_for(application.answers, application.channel, edition)
        attached = set(
            application.attachments.filter(is_current=True).values_list("checklist_item", flat=True)
        )
        missing = [item.title for item in required if item.code not in attached]
        return ApplicantTaskView(
            application=application,
            title=_(
                "Attach the missing documents, then check your answers and file the application."
            )
            if missing
            else _("Check your answers and file the application."),
            items=tuple(missing),
            kind="attach",
        )
    if application.state == REFUSED_TO_ACCEPT:
        codes = application.answers.get("missing_documents") or ()
        if codes:
            return ApplicantTaskView(
                application=application,
                title=_("You may apply again with the complete set of documents. Missing were:"),
                items=tuple(definition.item_title(code, application.edition) for code in codes),
                kind="attach",
            )
    return None
