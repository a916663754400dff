"""The applicant signs the application before it is filed (issue #14, item 2).

What is signed is the application's canonical content (``canonical_content``): the
service, its edition, the applicant's data, the answers, the children and the SHA-256 of
each current scan, as JSON with sorted keys. Its SHA-256 is what a signature holds; the
same function recomputed later tells whether anything changed since.

Two ways for the portal, as eGov does it:

- a one-time code by SMS (``signing_code_send`` / ``signing_code_verify``): 6 digits to
  the account's phone, valid ``SIGNING_CODE_TTL_SECONDS`` (5 minutes), at most
  ``SIGNING_CODE_ATTEMPTS`` (3) wrong tries, a new code no sooner than
  ``SIGNING_CODE_RESEND_SECONDS`` after the last, and at most ``SIGNING_CODE_LIMIT`` codes
  an hour per phone and per client address; only a keyed hash of the code is stored;
- an EDS (``eds_sign``): a CMS over the same content, checked by the
  ``SignatureVerifier`` (NCANode in production), whose signer must be the applicant.

A paper filing is signed on paper; ``paper_signature_record`` is the clerk's note of it.
Every refusal is a ``SigningRefused`` with a message in the user's language; nothing is
signed then.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guardianship_portal.accounts.models import User
from guardianship_portal.core.throttle import within_limit
from guardianship_portal.gateways.signature import (
    SignatureInvalid,
    VerifierUnavailable,
    signature_verifier,
)
from guardianship_portal.gateways.sms import SmsUnavailable, sms_gateway

from .errors import ApplicationActionError
from .models import Application, ApplicationSignature, SigningCode
from .registry import Channel, get_service

logger = logging.getLogger(__name__)

CODE_DIGITS = 6


class SigningRefused(ApplicationActionError):
    default_message = gettext_lazy("The application could not be signed.")


REFUSALS = {
    "no_phone": gettext_lazy(
        "Your account has no phone number for the code. Add it in your profile or sign with EDS."
    ),
    "too_soon": gettext_lazy(
        "A code was sent less than a minute ago. Wait a little, then ask again."
    ),
    "too_many_codes": gettext_lazy(
        "Too many codes were asked for within an hour. Try again later or sign with EDS."
    ),
    "sms_unavailable": gettext_lazy(
        "The SMS could not be sent right now. Ask for the code again in a few minutes, or "
        "sign with EDS. Your application is kept as it is."
    ),
    "no_code": gettext_lazy("Ask for a code first."),
    "expired": gettext_lazy("The code has expired. Ask for a new one."),
    "attempts": gettext_lazy("The code was entered wrongly three times. Ask for a new one."),
    "wrong": gettext_lazy("The code is not right. Check the SMS and enter it again."),
    "changed": gettext_lazy(
        "The application has changed since the code was sent. Check it and ask for a new code."
    ),
    "signed": gettext_lazy("The application is already signed."),
    "not_yours": gettext_lazy("Only the applicant can sign the application."),
    # EDS
    "eds_unavailable": gettext_lazy(
        "The signature could not be checked right now. Try again in a few minutes or sign "
        "with a code by SMS."
    ),
    "eds_foreign": gettext_lazy(
        "The signature was made with someone else's certificate. Sign with your own EDS."
    ),
    "eds_expired": gettext_lazy("The certificate of the signature has expired."),
    "eds_revoked": gettext_lazy("The certificate of the signature has been revoked."),
    "eds_content_mismatch": gettext_lazy(
        "The signature does not match the application. Sign it again."
    ),
    "eds_invalid": gettext_lazy("The signature is not valid. Sign the application again."),
}


def refuse(reason: str) -> SigningRefused:
    return SigningRefused(REFUSALS[reason])


# What the engine's transitions write into ``answers`` after filing (workflow.py): the
# office's record of a refusal, not the applicant's content.
DECISION_ANSWER_KEYS = frozenset({"missing_documents", "refusal_ground"})


def signed_answers(application: Application) -> dict:
    """The answers a signature covers: the applicant's (and what the registries settled
    before signing), not what the office recorded later on the same row."""
    office = DECISION_ANSWER_KEYS | set(get_service(application.service).decision_answer_keys)
    return {key: value for key, value in (application.answers or {}).items() if key not in office}


def canonical_content(application: Application) -> bytes:
    """What a signature covers, in a form that does not depend on order or formatting."""
    children = [
        {
            "last_name": c.last_name,
            "first_name": c.first_name,
            "middle_name": c.middle_name,
            "birth_date": c.birth_date.isoformat(),
            "iin": c.iin,
        }
        for c in application.children.order_by("pk")
    ]
    scans = sorted(
        application.attachments.filter(is_current=True).values_list("checklist_item", "sha256")
    )
    content = {
        "service": application.service,
        "edition": application.edition,
        "organisation": application.organisation_id,
        "applicant": {
            "iin": application.applicant_iin,
            "name": application.applicant_name,
            "phone": application.applicant_phone,
            "email": application.applicant_email,
            "address": application.applicant_address,
        },
        "answers": signed_answers(application),
        "children": children,
        "scans": [{"item": item, "sha256": digest} for item, digest in scans],
    }
    return json.dumps(content, sort_keys=True, ensure_ascii=False, default=str).encode()


def content_digest(application: Application) -> str:
    return hashlib.sha256(canonical_content(application)).hexdigest()


def _code_hash(application: Application, code: str) -> str:
    key = f"{settings.SECRET_KEY}|signing-code|{application.pk}".encode()
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()


def _check_signer(application: Application, actor: User) -> None:
    if application.applicant_id != actor.pk:
        raise refuse("not_yours")
    if hasattr(application, "signature"):
        raise refuse("signed")


def signing_code_send(*, application: Application, actor: User, address: str | None) -> SigningCode:
    """Send a new code to the account's phone (an older unused code stops counting)."""
    _check_signer(application, actor)
    phone = actor.phone or application.applicant_phone
    if not phone:
        raise refuse("no_phone")
    now = timezone.now()
    last = application.signing_codes.order_by("-sent_at").first()
    if last and now - last.sent_at < timedelta(seconds=settings.SIGNING_CODE_RESEND_SECONDS):
        raise refuse("too_soon")
    window, limit = 3600, settings.SIGNING_CODE_LIMIT
    if not within_limit(f"signing-code-phone:{phone}", limit, window) or (
        address and not within_limit(f"signing-code-address:{address}", limit, window)
    ):
        raise refuse("too_many_codes")
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    with transaction.atomic():
        application.signing_codes.filter(used_at__isnull=True).update(
            expires_at=now  # the older code is replaced
        )
        signing_code = SigningCode.objects.create(
            application=application,
            phone=phone,
            code_hash=_code_hash(application, code),
            content_sha256=content_digest(application),
            sent_at=now,
            expires_at=now + timedelta(seconds=settings.SIGNING_CODE_TTL_SECONDS),
            address=address,
        )
        with translation.override(application.language or settings.LANGUAGE_CODE):
            # Short (one SMS): no service title, the applicant is on the page that asked.
            text = _(
                "Code to sign your application on the guardianship portal: {code}. Valid "
                "{minutes} minutes. Do not tell it to anyone."
            ).format(code=code, minutes=settings.SIGNING_CODE_TTL_SECONDS // 60)
        # Last in the transaction: a gateway that fails rolls the code back (none is
        # kept that the applicant never received, and no resend wait starts).
        try:
            sms_gateway().send(phone=phone, text=text)
        except SmsUnavailable as error:
            logger.warning("Signing code for application %s not sent: %s", application.pk, error)
            raise refuse("sms_unavailable") from error
    return signing_code


def signing_code_verify(
    *, application: Application, actor: User, code: str, address: str | None
) -> ApplicationSignature:
    """Sign with the code. A wrong code counts: the count is saved before the refusal
    is raised, so a caller that catches ``SigningRefused`` (as the views do) keeps it."""
    _check_signer(application, actor)
    with transaction.atomic():
        signing_code = (
            SigningCode.objects.select_for_update()
            .filter(application=application, used_at__isnull=True)
            .order_by("-sent_at")
            .first()
        )
        now = timezone.now()
        typed = "".join(ch for ch in code if ch.isdigit())
        reason: str | None = None
        if signing_code is None:
            reason = "no_code"
        elif signing_code.expires_at <= now:
            reason = "expired"
        elif signing_code.attempts >= settings.SIGNING_CODE_ATTEMPTS:
            reason = "attempts"
        elif not hmac.compare_digest(signing_code.code_hash, _code_hash(application, typed)):
            # Counted inside this block, refused after it: the count is kept.
            signing_code.attempts += 1
            signing_code.save(update_fields=["attempts"])
            left = settings.SIGNING_CODE_ATTEMPTS - signing_code.attempts
            reason = "wrong" if left else "attempts"
        elif content_digest(application) != signing_code.content_sha256:
            reason = "changed"
        else:
            signing_code.used_at = now
            signing_code.save(update_fields=["used_at"])
            return ApplicationSignature.objects.create(
                application=application,
                method=ApplicationSignature.Method.SMS_CODE,
                content_sha256=signing_code.content_sha256,
                signed_at=now,
                signer_iin=actor.iin,
                phone=signing_code.phone,
                address=address,
            )
    raise refuse(reason)


def eds_sign(
    *, application: Application, actor: User, cms: str, address: str | None
) -> ApplicationSignature:
    """Sign with an EDS: the CMS must cover this application's canonical content, and
    its certificate must be the applicant's, valid and not revoked."""
    _check_signer(application, actor)
    content = canonical_content(application)
    verifier = signature_verifier()
    try:
        signer = verifier.verify(cms=cms.strip(), content=content)
    except VerifierUnavailable as error:
        raise refuse("eds_unavailable") from error
    except SignatureInvalid as error:
        reason = f"eds_{error.reason}"
        raise refuse(reason if reason in REFUSALS else "eds_invalid") from error
    if signer.iin != actor.iin:
        raise refuse("eds_foreign")
    return ApplicationSignature.objects.create(
        application=application,
        method=ApplicationSignature.Method.EDS,
        content_sha256=hashlib.sha256(content).hexdigest(),
        signed_at=timezone.now(),
        signer_iin=signer.iin,
        address=address,
        cms=cms.strip(),
        certificate=signer.as_record(),
        verified_by_fake=signer.from_fake,
    )


def masked_phone(phone: str) -> str:
    """+77015554433 → +7 701 *** ** 33: enough to recognise one's own number."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) != 11:
        return "*** " + digits[-2:]
    # No-break spaces: the number does not wrap in the middle on a phone.
    return f"+{digits[0]}\u00a0{digits[1:4]}\u00a0***\u00a0**\u00a0{digits[-2:]}"


def paper_signature_record(*, application: Application, clerk: User) -> ApplicationSignature:
    """The clerk saw the applicant sign the paper application at the counter."""
    if hasattr(application, "signature"):
        raise refuse("signed")
    return ApplicationSignature.objects.create(
        application=application,
        method=ApplicationSignature.Method.PAPER,
        content_sha256=content_digest(application),
        signed_at=timezone.now(),
        signer_iin=application.applicant_iin,
        recorded_by=clerk,
    )


def signature_holds(application: Application) -> bool:
    """The signature still matches the application's content (nothing changed)."""
    signature = getattr(application, "signature", None)
    return signature is not None and signature.content_sha256 == content_digest(application)


def sign_demo_filings() -> int:
    """Demo only (seed_demo): the demo's portal filings were filed by the seed, not
    through the signing page; record them as signed with a code to the applicant's phone
    at their filing time, so that the clerk's page shows what a real filing shows."""
    signed = 0
    filings = (
        Application.objects.filter(
            channel=Channel.PORTAL, filed_at__isnull=False, signature__isnull=True
        )
        .select_related("applicant")
        .order_by("pk")
    )
    for application in filings:
        ApplicationSignature.objects.create(
            application=application,
            method=ApplicationSignature.Method.SMS_CODE,
            content_sha256=content_digest(application),
            signed_at=application.filed_at,
            signer_iin=application.applicant_iin,
            phone=application.applicant_phone,
        )
        signed += 1
    return signed
