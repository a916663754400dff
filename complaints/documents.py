"""The complaint's documents: the receipt (on filing) and the motivated answer."""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from applications.registry import get_service
from documents.actions import document_issue, documents_of
from documents.models import IssuedDocument

from .models import ANSWER_DOCUMENT, RECEIPT_DOCUMENT, Complaint

# The kinds the transitions name (custom["documents"]) and the filing issues.
RECEIPT = RECEIPT_DOCUMENT
ANSWER = ANSWER_DOCUMENT
KINDS = {
    RECEIPT: ("documents/complaints/receipt.html", "R"),
    ANSWER: ("documents/complaints/answer.html", "A"),
}


def document_title(kind: str) -> str:
    if kind == RECEIPT:
        return _("Receipt of registration of a complaint")
    return _("Answer to a complaint")


def document_number(complaint: Complaint, kind: str) -> str:
    return f"{complaint.number}/{KINDS[kind][1]}"


def document_date(complaint: Complaint, kind: str):
    moment = complaint.answered_at if kind == ANSWER else complaint.filed_at
    return timezone.localtime(moment or complaint.filed_at).date()


def issue_complaint_document(
    *, complaint: Complaint, kind: str, language: str, issued_by=None
) -> IssuedDocument:
    template, _suffix = KINDS[kind]
    # The answer comes from whoever answered: the provider, or the quality-control body
    # the complaint was forwarded to; the receipt always from the provider.
    quality_body = complaint.quality_body if kind == ANSWER else None
    body_answer = quality_body is not None
    organisation = quality_body if quality_body is not None else complaint.organisation
    application = complaint.application
    with translation.override(language):
        title = document_title(kind)
        context = {
            "title": title,
            "document_title": title,
            "complaint": complaint,
            "application": application,
            "service_title": str(get_service(application.service).document_title),
            "addressed_to_label": str(complaint.get_addressed_to_display()),
            "subject_label": str(complaint.get_subject_display()),
            "organisation_name": organisation.name,
            "organisation_address": organisation.address,
            "organisation_phone": organisation.phone,
            "organisation_head": organisation.head_name,
            "reviewer_name": complaint.reviewer.full_name if complaint.reviewer else "",
            "applicant_name": complaint.applicant.full_name,
            "applicant_phone": application.applicant_phone or complaint.applicant.phone,
            # Dated by its event: the receipt by the filing, the answer by the answer.
            "issued_on": document_date(complaint, kind),
            "is_quality_body": complaint.addressed_to == Complaint.AddressedTo.QUALITY_BODY,
            "is_body_answer": body_answer,
        }
    return document_issue(
        owner=complaint,
        kind=kind,
        language=language,
        number=document_number(complaint, kind),
        title=title,
        template=template,
        context=context,
        holder_name=complaint.applicant.full_name,
        issuer_name=organisation.name_kk if language == "kk" else organisation.name_ru,
        issued_by=issued_by,
    )


def complaint_documents(complaint: Complaint):
    return documents_of(complaint).order_by("issued_at", "pk")
