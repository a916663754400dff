"""Issuing an application's documents: the engine's shared context (parties, numbers,
dates, the receipt's six fields) plus what the service adds, rendered by documents/."""

from __future__ import annotations

import contextlib
import contextvars
from dataclasses import dataclass
from datetime import datetime

from django.template.loader import select_template
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from applications.models import Application, ApplicationEvent
from applications.registry import Channel, get_service
from documents.actions import document_issue, documents_of
from documents.models import IssuedDocument


def document_number(application: Application, kind: str) -> str:
    initials = "".join(word[0] for word in kind.split("_")).upper()
    return f"{application.number}/{initials}"


def base_context(application: Application, kind: str, language: str) -> dict:
    """What every document of an application may print."""
    definition = get_service(application.service)
    organisation = application.organisation
    events = list(application.events.select_related("actor").order_by("at", "pk"))
    submitted = next((e for e in events if e.action == "submit"), None)
    with translation.override(language):
        checklist = definition.checklist_for(application.answers, application.channel)
        attachments = list(
            application.attachments.filter(is_current=True).order_by("checklist_item")
        )
        titles = {item.code: str(item.title) for item in definition.checklist}
        return {
            "issued_on": timezone.localdate(),
            "application": application,
            "service_title": str(definition.title),
            "document_title": str(definition.result_document(kind).title),
            "organisation_name": organisation.name,
            "organisation_address": organisation.address,
            "organisation_phone": organisation.phone,
            "organisation_head": organisation.head_name,
            "children": list(application.children.all()),
            "checklist": [{"code": i.code, "title": str(i.title)} for i in checklist],
            "attached_documents": [
                {
                    "title": titles.get(a.checklist_item, a.checklist_item),
                    "name": a.original_name,
                    "pages": a.pages,
                }
                for a in attachments
            ],
            "accepted_by": _accepted_by(application, submitted),
            "events": events,
            "is_portal": application.channel == Channel.PORTAL,
        }


def _accepted_by(application: Application, submitted: ApplicationEvent | None) -> str:
    if application.channel == Channel.PORTAL or submitted is None or submitted.actor is None:
        return ""
    return submitted.actor.full_name


def issue_document(
    *, application: Application, kind: str, language: str, issued_by=None
) -> IssuedDocument:
    definition = get_service(application.service)
    context = base_context(application, kind, language)
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
        issued_by=issued_by,
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


def issue_for_event(
    *, application: Application, event: ApplicationEvent, kinds: list[str]
) -> list[IssuedDocument]:
    """The documents a transition produces, in the application's language."""
    if _deferred.get():
        return []
    return [
        issue_document(
            application=application, kind=kind, language=application.language, issued_by=event.actor
        )
        for kind in kinds
    ]


def application_documents(application: Application):
    return documents_of(application).order_by("issued_at", "pk")


def documents_due(application: Application) -> list[tuple[str, ApplicationEvent]]:
    """(kind, event) for every document the application's transitions called for."""
    from applications.actions import workflow_model

    model = workflow_model(application.service)
    due = []
    for event in application.events.filter(to_state__gt="").order_by("at", "pk"):
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
            application=application, kind=kind, language=application.language, issued_by=event.actor
        )
        for kind, event in documents_due(application)
        if kind not in issued
    ]


@dataclass(frozen=True)
class DocumentRow:
    """A document of the application as its pages list it: due (its transition happened)
    and perhaps already issued; downloading it issues it if need be."""

    kind: str
    title: str
    number: str
    issued_at: datetime | None


def document_rows(application: Application) -> list[DocumentRow]:
    definition = get_service(application.service)
    issued = {d.kind: d for d in application_documents(application)}
    kinds = list(
        dict.fromkeys([kind for kind, _event in documents_due(application)] + list(issued))
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


def document_is_due(application: Application, kind: str) -> bool:
    return application_documents(application).filter(kind=kind).exists() or any(
        due == kind for due, _event in documents_due(application)
    )
