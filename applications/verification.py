"""The verification page confirms how the application behind a document was signed
(issue #14, item 2): registered with documents/verification.py in the AppConfig. The
page is public, so the phone is masked and nothing of the application's content is
shown beyond its digest."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from documents.models import IssuedDocument
from guardianship_portal.core import kzdates

from .models import Application, ApplicationSignature
from .signing import masked_phone


def signature_details(document: IssuedDocument) -> list[tuple[Any, str]]:
    if document.owner_type_id != ContentType.objects.get_for_model(Application).pk:
        return []
    signature = ApplicationSignature.objects.filter(application_id=document.owner_id).first()
    if signature is None:
        return []
    moment = timezone.localtime(signature.signed_at)
    when = _("%(date)s at %(time)s") % {
        "date": kzdates.long_date_nominative(moment.date(), get_language() or "kk"),
        "time": moment.strftime("%H:%M"),
    }
    if signature.method == ApplicationSignature.Method.SMS_CODE:
        how = _("by the applicant with a one-time code sent by SMS to %(phone)s, %(when)s") % {
            "phone": masked_phone(signature.phone),
            "when": when,
        }
    elif signature.method == ApplicationSignature.Method.EDS:
        how = _(
            "by the applicant with an electronic digital signature (certificate %(serial)s), %(when)s"
        ) % {"serial": signature.certificate.get("serial") or "—", "when": when}
    else:
        how = _("by the applicant on paper at the counter, recorded by the clerk %(when)s") % {
            "when": when
        }
    rows: list[tuple[Any, str]] = [
        (_("The application was signed"), how),
        # Upper case, as the acceptance receipt prints its beginning.
        (_("SHA-256 of the signed application"), signature.content_sha256.upper()),
    ]
    if signature.method == ApplicationSignature.Method.EDS and signature.verified_by_fake:
        rows.append(
            (
                _("Signature check"),
                _("made by the portal's local test verifier, not by NCANode (a demo signature)"),
            )
        )
    return rows
