"""Issuing an application's documents: the engine's shared context (parties, numbers,
dates, the receipt's six fields) plus what the service adds, rendered by documents/."""

from __future__ import annotations

import contextlib
import contextvars
from dataclasses import dataclass
from datetime import datetime

from django.template.loader import select_template
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from applications.models import Application, ApplicationEvent, ApplicationSignature
from applications.registry import Channel, get_service
from documents.actions import document_issue, documents_of
from documents.models import IssuedDocument
from guardianship_portal.jobs.api import is_pending


def document_number(application: Application, kind: str) -> str:
    initials = "".join(word[0] for word in kind.split("_")).upper()
    return f"{application.number}/{initials}"


def document_event(application: Application, kind: str) -> ApplicationEvent | None:
    """The event a document is the act of (the filing for the receipt, the refusal for
    the refusal...): it dates the document and says who acted, however late or often
    the document is rendered."""
    events = [event for due, event in documents_due(application) if due == kind]
    return events[-1] if events else None


def refusal_ground_title(definition, stored: str):
    """The ground in the reader's language. Grounds are stored as codes; an old row
    whose ground the data migration could not map keeps its text, printed as typed."""
    ground = definition.refusal_ground(stored)
    return ground.title if ground is not None else stored


def base_context(
    application: Application, kind: str, language: str, event: ApplicationEvent | None = None
) -> dict:
    """What every document of an application may print. Dates, the acting person and
    the values chosen from lists come from the document's event, rendered in
    ``language``: the same act whenever and in whichever language it is rendered."""
    definition = get_service(application.service)
    organisation = application.organisation
    events = list(application.events.select_related("actor").order_by("at", "pk"))
    if event is None:
        event = document_event(application, kind)
    submitted = next((e for e in events if e.action == "submit"), None)
    answers = application.answers or {}
    with translation.override(language):
        checklist = definition.checklist_for(answers, application.channel, application.edition)
        titles = {item.code: str(item.title) for item in definition.checklist}
        moment = event.at if event is not None else application.filed_at
        return {
            "issued_on": timezone.localtime(moment).date() if moment else None,
            "event": event,
            "application": application,
            "service_title": str(definition.document_title),
            "document_title": str(definition.result_document(kind).title),
            "organisation_name": organisation.name,
            "organisation_address": organisation.address,
            "organisation_phone": organisation.phone,
            "organisation_head": organisation.head_name,
            "children": list(application.children.all()),
            "checklist": [{"code": i.code, "title": str(i.title)} for i in checklist],
            "attached_documents": handed_over_documents(application),
            "result_place": result_place(application),
            "accepted_by": _accepted_by(application, submitted),
            "events": events,
            "is_portal": application.channel == Channel.PORTAL,
            # How the applicant signed it (issue #14): printed on the acceptance receipt.
            "signature": ApplicationSignature.objects.filter(application=application).first(),
            # The shared receipts and the motivated refusal: the refusal is the event.
            "refusal_event": event if kind in REFUSAL_KINDS else None,
            "refusal_ground": str(
                refusal_ground_title(definition, answers.get("refusal_ground", ""))
            ),
            "missing_documents": [
                titles.get(code, code) for code in answers.get("missing_documents", [])
            ],
        }


REFUSAL_KINDS = ("refusal_receipt", "motivated_refusal")


def handed_over_documents(application: Application) -> list[dict]:
    """Field 3 of the receipt (seed 001: the number and names of the documents), in the
    active language: on the portal the electronic application and the scans attached;
    at the counter or at the State Corporation what the clerk ticked as handed over
    (stored as checklist codes, named here in the document's language). A paper row of before the ticks were stored
    lists its scans, if any."""
    definition = get_service(application.service)
    brought = (application.answers or {}).get("brought_documents")
    if application.channel != Channel.PORTAL and brought is not None:
        known = {item.code for item in definition.all_checklist_items()}
        return [
            {"title": str(definition.item_title(code, application.edition)), "name": "", "pages": 0}
            for code in brought
            if code in known  # never a code on paper
        ]
    # On the portal the application is the electronic form itself (never a scan).
    form = [
        {
            "title": str(item.title),
            "name": str(_("electronic form, filed on the portal")),
            "pages": 0,
        }
        for item in definition.checklist_of(application.edition)
        if item.is_the_application and application.channel == Channel.PORTAL
    ]
    attachments = application.attachments.filter(is_current=True).order_by("checklist_item")
    return form + [
        {
            "title": str(definition.item_title(a.checklist_item, application.edition)),
            "name": a.original_name,
            "pages": a.pages,
        }
        for a in attachments
    ]


def result_place(application: Application) -> dict:
    """Field 4 of the receipt: where the result is handed out, with its hours. A State
    Corporation filing gets it at the centre that accepted it (seed 002: "Мемлекеттік
    корпорациясында дайын құжаттарды беру ... қолхат негізінде жүзеге асырылады"),
    any other at the provider's office."""
    centre = (
        application.intake_office
        if application.channel == Channel.STATE_CORPORATION and application.intake_office_id
        else None
    )
    place = application.organisation if centre is None else centre
    return {
        "name": place.name,
        "address": place.address,
        "phone": place.phone,
        "opens_at": place.opens_at,
        "closes_at": place.closes_at,
        "lunch_starts_at": place.lunch_starts_at,
        "lunch_ends_at": place.lunch_ends_at,
        "state_corporation": centre is not None,
    }


def _accepted_by(application: Application, submitted: ApplicationEvent | None) -> str:
    if application.channel == Channel.PORTAL or submitted is None or submitted.actor is None:
        return ""
    return submitted.actor.full_name


def issue_document(
    *,
    application: Application,
    kind: str,
    language: str,
    issued_by=None,
    event: ApplicationEvent | None = None,
) -> IssuedDocument:
    definition = get_service(application.service)
    context = base_context(application, kind, language, event)
    if definition.documents_module:
        service_context = import_string(f"{definition.documents_module}.document_context")
        with translation.override(language):
            context.update(service_context(application, kind))
    template = select_template(
        [f"documents/{application.service}/{kind}.html", f"documents/common/{kind}.html"]
    )
    return document_issue(
        owner=application,
        kind=kind,
        language=language,
        number=document_number(application, kind),
        title=context["document_title"],
        template=template.template.name,
        context=context,
        holder_name=application.applicant_name,
        issuer_name=application.organisation.name_kk
        if language == "kk"
        else application.organisation.name_ru,
        issued_by=issued_by if issued_by is not None else getattr(context["event"], "actor", None),
    )


# While set (demo seeding), transitions do not render their documents: the first
# download issues each one (issuing is idempotent, the number is fixed in advance).
_deferred = contextvars.ContextVar("documents_deferred", default=False)


@contextlib.contextmanager
def deferred_issuing():
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


def documents_deferred() -> bool:
    """Whether transitions leave their documents to the first download (demo seeding):
    then no job is enqueued to issue them."""
    return _deferred.get()


def issue_for_event(
    *, application: Application, event: ApplicationEvent, kinds: list[str]
) -> list[IssuedDocument]:
    """The documents a transition produces, in the application's language."""
    if _deferred.get():
        return []
    return [
        issue_document(
            application=application,
            kind=kind,
            language=application.language,
            issued_by=event.actor,
            event=event,
        )
        for kind in kinds
    ]


def application_documents(application: Application):
    return documents_of(application).order_by("issued_at", "pk")


def documents_due(
    application: Application, events: list[ApplicationEvent] | None = None
) -> list[tuple[str, ApplicationEvent]]:
    """(kind, event) for every document the application's transitions called for.
    ``events``: the application's events in order, when the caller has read them."""
    from applications.actions import workflow_model

    model = workflow_model(application.service)
    due = []
    if events is None:
        events = list(application.events.filter(to_state__gt="").order_by("at", "pk"))
    for event in events:
        if not event.to_state:
            continue
        method = getattr(model, event.action, None)
        meta = getattr(method, "_django_fsm", None)
        transition = meta.get_transition(event.from_state) if meta else None
        for kind in transition.custom.get("documents", ()) if transition else ():
            due.append((kind, event))
    return due


def issue_pending_documents(application: Application) -> list[IssuedDocument]:
    """Issue what a failed or skipped side effect left out (idempotent)."""
    issued = set(application_documents(application).values_list("kind", flat=True))
    return [
        issue_document(
            application=application,
            kind=kind,
            language=application.language,
            issued_by=event.actor,
            event=event,
        )
        for kind, event in documents_due(application)
        if kind not in issued
    ]


@dataclass(frozen=True)
class DocumentRow:
    """A document of the application as its pages list it: due (its transition happened)
    and perhaps already issued; downloading it issues it if need be."""

    kind: str
    title: str | Promise  # the registry's lazy title, or an issued document's stored one
    number: str
    issued_at: datetime | None


def document_rows(
    application: Application, events: list[ApplicationEvent] | None = None
) -> list[DocumentRow]:
    definition = get_service(application.service)
    issued = {d.kind: d for d in application_documents(application)}
    kinds = list(
        dict.fromkeys([kind for kind, _event in documents_due(application, events)] + list(issued))
    )
    rows = []
    for kind in kinds:
        try:
            title = definition.result_document(kind).title
        except KeyError:
            title = issued[kind].title if kind in issued else kind
        document = issued.get(kind)
        rows.append(
            DocumentRow(
                kind,
                title,
                document_number(application, kind),
                document.issued_at if document else None,
            )
        )
    return rows


def documents_pending(application: Application, rows: list[DocumentRow]) -> bool:
    """Whether a listed document is still being issued by a job (waiting, running or
    waiting for a retry): the page then says so and refreshes. Asks the queue only
    when a listed document is not issued yet."""
    if all(row.issued_at is not None for row in rows):
        return False
    from applications.jobs import issue_documents

    return is_pending(issue_documents, application_pk=application.pk)


def documents_context(
    application: Application, events: list[ApplicationEvent] | None = None
) -> dict:
    """What an application's page shows of its documents: the rows, and whether one is
    still being issued (the page says so and refreshes). ``events``: as documents_due."""
    rows = document_rows(application, events)
    return {"documents": rows, "documents_pending": documents_pending(application, rows)}


def document_is_due(application: Application, kind: str) -> bool:
    return application_documents(application).filter(kind=kind).exists() or any(
        due == kind for due, _event in documents_due(application)
    )
