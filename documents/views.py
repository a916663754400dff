"""Public verification of an issued document by its short code (printed and in the QR),
and the answer when a document cannot be rendered yet."""

import logging
from collections.abc import Callable

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from documents.models import IssuedDocument
from documents.verification import verification_details

logger = logging.getLogger(__name__)

# Seconds a browser is asked to wait before asking for a document that failed to render.
RETRY_AFTER_SECONDS = 120


def verify(request: HttpRequest, code: str) -> HttpResponse:
    document = IssuedDocument.objects.filter(verification_code=code.strip().upper()).first()
    status = 200 if document else 404
    return render(request, "documents/verify.html", _verified(document, code), status=status)


def verify_form(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("code", "").strip().upper()
    document = IssuedDocument.objects.filter(verification_code=code).first() if code else None
    return render(
        request, "documents/verify.html", {**_verified(document, code), "asked": bool(code)}
    )


def _verified(document: IssuedDocument | None, code: str) -> dict:
    details = verification_details(document) if document else []
    return {"document": document, "code": code, "details": details}


def issue_or_not_ready(
    request: HttpRequest, issue: Callable[[], IssuedDocument], *, back_url: str
) -> IssuedDocument | HttpResponse:
    """Issue a document on its first download; if rendering fails (WeasyPrint, a full
    disk, a template error), log it and answer 503 with a translated "try again later"
    page instead of a 500. Nothing was stored, so the next download, or the scheduled
    `issue_pending_documents`, issues it again. A savepoint keeps the request's
    transaction usable for the page (PostgreSQL aborts a transaction on an error)."""
    try:
        with transaction.atomic():
            return issue()
    except Exception:
        logger.exception("rendering a document for %s failed", request.path)
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, {request.get_host()}, request.is_secure()
    ):
        back_url = referer  # the page the link was on (the office's or the cabinet's)
    response = render(request, "documents/not_ready.html", {"back_url": back_url}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
