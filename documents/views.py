"""Public verification of an issued document by its short code (printed and in the QR)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from documents.models import IssuedDocument


def verify(request: HttpRequest, code: str) -> HttpResponse:
    document = IssuedDocument.objects.filter(verification_code=code.strip().upper()).first()
    status = 200 if document else 404
    return render(
        request, "documents/verify.html", {"document": document, "code": code}, status=status
    )


def verify_form(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("code", "").strip().upper()
    document = IssuedDocument.objects.filter(verification_code=code).first() if code else None
    return render(
        request, "documents/verify.html", {"document": document, "code": code, "asked": bool(code)}
    )
