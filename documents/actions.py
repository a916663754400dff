"""Issuing a document: render, hash, store privately, register. Idempotent."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import translation

from documents.models import IssuedDocument, new_verification_code
from documents.rendering import qr_data_uri, render_pdf
from guardianship_portal.core.files import kept_only_if_committed


def mask_name(full_name: str) -> str:
    """«Сейітова Айгүл Бауыржанқызы» → «Сейітова А. Б.»: enough to recognise, not to expose."""
    parts = full_name.split()
    if not parts:
        return ""
    return " ".join([parts[0], *(f"{p[0]}." for p in parts[1:])])


def document_issue(
    *,
    owner: models.Model,
    kind: str,
    language: str,
    number: str,
    title: str,
    template: str,
    context: dict,
    holder_name: str,
    issuer_name: str,
    issued_by=None,
) -> IssuedDocument:
    """Render and register a document, or return the one already issued for this owner,
    kind and language (a second click, a retried side effect)."""
    owner_type = ContentType.objects.get_for_model(owner, for_concrete_model=True)
    existing = IssuedDocument.objects.filter(
        owner_type=owner_type, owner_id=owner.pk, kind=kind, language=language
    ).first()
    if existing is not None:
        return existing
    code = new_verification_code()
    with translation.override(language):
        verify_path = reverse("documents:verify", args=[code])
    verify_url = f"{settings.PORTAL_BASE_URL.rstrip('/')}{verify_path}"
    pdf = render_pdf(
        template=template,
        context={
            **context,
            "document_number": number,
            "verification_code": code,
            "verification_url": verify_url,
            "qr_code": qr_data_uri(verify_url),
        },
        language=language,
    )
    document = IssuedDocument(
        owner_type=owner_type,
        owner_id=owner.pk,
        kind=kind,
        language=language,
        number=number,
        title=title[:300],
        holder_masked=mask_name(holder_name),
        issuer_name=issuer_name[:300],
        issued_by=issued_by,
        sha256=hashlib.sha256(pdf).hexdigest(),
        size=len(pdf),
        verification_code=code,
    )
    try:
        with transaction.atomic():
            document.file.save(
                f"{number.replace('/', '-')}-{language}.pdf", ContentFile(pdf), save=False
            )
            document.save()
        kept_only_if_committed(document, "file")
    except IntegrityError:
        # A simultaneous first request issued it first: this one's PDF goes.
        if document.file.name:
            document.file.storage.delete(document.file.name)
        return IssuedDocument.objects.get(
            owner_type=owner_type, owner_id=owner.pk, kind=kind, language=language
        )
    return document


def documents_of(owner: models.Model):
    owner_type = ContentType.objects.get_for_model(owner, for_concrete_model=True)
    return IssuedDocument.objects.filter(owner_type=owner_type, owner_id=owner.pk)
