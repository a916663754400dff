"""The entitlement's documents (the notice of termination) and the register's
signed-off list, rendered by documents/ in kk or ru. Each is the act of one event:
its date, number, the person who acted and the ground chosen come from that event."""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from applications.registry import get_service
from documents.actions import document_issue, documents_of
from documents.models import IssuedDocument

from .models import PAYMENT_LIST, TERMINATION_NOTICE, Entitlement, EntitlementEvent, PaymentRegister
from .registry import get_source

LANGUAGES = ("kk", "ru")


def termination_event(entitlement: Entitlement) -> EntitlementEvent | None:
    return (
        entitlement.events.filter(action="terminate").select_related("actor").order_by("at").last()
    )


def ground_title(entitlement: Entitlement) -> str:
    """The ground in the active language (stored as its code)."""
    from .models import EndGroundCode

    if entitlement.end_ground == EndGroundCode.TERM_REACHED:
        return str(EndGroundCode.TERM_REACHED.label)
    ground = get_source(entitlement.service).end_ground(entitlement.end_ground)
    return str(ground.title) if ground else ""


def notice_number(entitlement: Entitlement) -> str:
    return f"{entitlement.number}/T"


def issue_entitlement_document(
    *, entitlement: Entitlement, kind: str, language: str, issued_by=None
) -> IssuedDocument:
    if kind != TERMINATION_NOTICE:
        raise KeyError(kind)
    event = termination_event(entitlement)
    source = get_source(entitlement.service)
    organisation = entitlement.organisation
    ground = source.end_ground(entitlement.end_ground)
    with translation.override(language):
        title = _("Notice of early termination")
        context = {
            "title": title,
            "document_title": title,
            "entitlement": entitlement,
            "children": list(entitlement.children.all()),
            "service_title": str(get_service(entitlement.service).document_title),
            "what_ends": str(source.notice_title) if source.notice_title else "",
            "ground_title": ground_title(entitlement),
            "ground_clause": str(ground.clause) if ground and ground.clause else "",
            "note": entitlement.end_note,
            "organisation_name": organisation.name,
            "organisation_address": organisation.address,
            "organisation_head": organisation.head_name,
            "actor_name": event.actor.full_name if event and event.actor else "",
            "issued_on": timezone.localtime(event.at).date() if event else entitlement.ends_on,
            "last_paid_day": entitlement.ends_on,
        }
    return document_issue(
        owner=entitlement,
        kind=kind,
        language=language,
        number=notice_number(entitlement),
        title=title,
        template="documents/payments/termination_notice.html",
        context=context,
        holder_name=entitlement.recipient_name,
        issuer_name=organisation.name_kk if language == "kk" else organisation.name_ru,
        issued_by=issued_by,
    )


def entitlement_documents(entitlement: Entitlement):
    return documents_of(entitlement).order_by("issued_at", "pk")


def payment_list_number(register: PaymentRegister) -> str:
    return f"{register.organisation.code}-{register.month:%Y-%m}/PAY"


def issue_payment_list(
    *, register: PaymentRegister, language: str, issued_by=None
) -> IssuedDocument:
    """The approved register as a signed-off list (PDF), registered like every document
    (same number in kk and ru, verifiable by its code). Only a frozen register."""
    from .exports import recoveries, register_rows, to_transfer
    from .selectors import register_summary

    organisation = register.organisation
    with translation.override(language):
        title = _("Payment list for %(month)s") % {"month": register.month.strftime("%m.%Y")}
        rows = register_rows(register, language)
        context = {
            "title": title,
            "document_title": title,
            "register": register,
            "rows": rows,
            "recoveries": (overpaid := recoveries(register)),
            "to_transfer": to_transfer(register, overpaid),
            # Each norm or index the amounts come from, once, in the order first used.
            "bases": list(dict.fromkeys(row["basis"] for row in rows if row["basis"])),
            "summary": register_summary(register),
            "organisation_name": organisation.name,
            "organisation_head": organisation.head_name,
            "prepared_by": register.prepared_by.full_name if register.prepared_by else "",
            "approved_by": register.approved_by.full_name if register.approved_by else "",
            "issued_on": timezone.localtime(register.approved_at).date()
            if register.approved_at
            else None,
        }
    return document_issue(
        owner=register,
        kind=PAYMENT_LIST,
        language=language,
        number=payment_list_number(register),
        title=title,
        template="documents/payments/payment_list.html",
        context=context,
        holder_name=organisation.name_kk if language == "kk" else organisation.name_ru,
        issuer_name=organisation.name_kk if language == "kk" else organisation.name_ru,
        issued_by=issued_by,
    )
