"""Checking an EDS (CMS) signature made with NCALayer (issue #14, item 2).

One interface, ``SignatureVerifier``, chosen by ``SIGNATURE_VERIFIER``:

- ``NcaNodeVerifier``: the production adapter. It calls NCANode's HTTP API (version 3,
  ``POST {NCANODE_URL}/cms/verify``) with the detached CMS and the signed content, asks
  for the revocation check by OCSP, and reads back whether the signature and the chain
  are valid, the signer certificate's subject (IIN), serial number and validity. The
  request and the fields read are in ``NcaNodeVerifier.verify``; check them against the
  NCANode version deployed.
- ``FakeSignatureVerifier``: a LOCAL FAKE for development and tests. It accepts only
  "signatures" made by ``fake_sign`` with the fake's own test key (no real cryptography
  of Kazakhstan's PKI is involved), and says it is a fake in every result.

The caller compares the signer's IIN with the applicant's: a valid signature of
someone else is refused there, not here.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string


class SignatureInvalid(Exception):
    """The signature was checked and refused. ``reason``: "malformed", "invalid",
    "content_mismatch", "expired", "revoked", "untrusted"."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


class VerifierUnavailable(Exception):
    """The verifying service did not answer."""


@dataclass(frozen=True)
class VerifiedSigner:
    iin: str
    name: str
    serial: str
    valid_from: date | None
    valid_to: date | None
    issuer: str
    from_fake: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def as_record(self) -> dict[str, Any]:
        return {
            "iin": self.iin,
            "name": self.name,
            "serial": self.serial,
            "valid_from": self.valid_from.isoformat() if self.valid_from else "",
            "valid_to": self.valid_to.isoformat() if self.valid_to else "",
            "issuer": self.issuer,
        }


class SignatureVerifier(Protocol):
    is_fake: bool

    def verify(self, *, cms: str, content: bytes) -> VerifiedSigner: ...


def signature_verifier() -> SignatureVerifier:
    return import_string(settings.SIGNATURE_VERIFIER)()


# -- production: NCANode ------------------------------------------------------------------


class NcaNodeVerifier:
    is_fake = False

    def verify(self, *, cms: str, content: bytes) -> VerifiedSigner:
        body = json.dumps(
            {
                "cms": cms,
                "data": base64.b64encode(content).decode(),
                "detached": True,
                "revocationCheck": ["OCSP"],
            }
        ).encode()
        url = f"{settings.NCANODE_URL.rstrip('/')}/cms/verify"
        if not url.startswith(("http://", "https://")):
            raise VerifierUnavailable("NCANODE_URL must be an http(s) URL")
        request = urllib.request.Request(  # noqa: S310 (the scheme is checked above)
            url,
            data=body,
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            timeout = settings.NCANODE_TIMEOUT_SECONDS
            with urllib.request.urlopen(request, timeout=timeout) as r:  # noqa: S310
                answer = json.loads(r.read())
        except (OSError, ValueError) as error:  # URLError and timeouts are OSErrors
            raise VerifierUnavailable(str(error)) from error
        return self.read_answer(answer)

    @staticmethod
    def read_answer(answer: dict[str, Any]) -> VerifiedSigner:
        """NCANode's answer: ``valid`` for the whole CMS; per signer its certificate
        chain, the first being the signer's own, with ``valid``, ``revocations`` (each
        with ``revoked``), ``notBefore``/``notAfter`` and ``subject`` (``iin``,
        ``commonName``, ``surName``)."""
        signers = answer.get("signers") or []
        if not signers or not signers[0].get("certificates"):
            raise SignatureInvalid("malformed", str(answer.get("message", ""))[:200])
        certificate = signers[0]["certificates"][0]
        if any(r.get("revoked") for r in certificate.get("revocations") or []):
            raise SignatureInvalid("revoked")
        valid_to = _day(certificate.get("notAfter"))
        if valid_to is not None and valid_to < timezone.localdate():
            raise SignatureInvalid("expired")
        if not answer.get("valid") or not certificate.get("valid", True):
            raise SignatureInvalid("invalid", str(answer.get("message", ""))[:200])
        subject = certificate.get("subject") or {}
        return VerifiedSigner(
            iin=str(subject.get("iin", "")),
            name=str(subject.get("commonName", "")),
            serial=str(certificate.get("serialNumber", "")),
            valid_from=_day(certificate.get("notBefore")),
            valid_to=valid_to,
            issuer=str((certificate.get("issuer") or {}).get("commonName", "")),
        )


def _day(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


# -- the local fake ------------------------------------------------------------------------

FAKE_PREFIX = "FAKE-CMS:"


def _fake_mac(iin: str, digest: str, valid_to: str) -> str:
    key = settings.FAKE_SIGNATURE_KEY.encode()
    return hmac.new(key, f"{iin}|{digest}|{valid_to}".encode(), hashlib.sha256).hexdigest()


def fake_sign(content: bytes, *, iin: str, valid_to: date | None = None) -> str:
    """A "signature" the fake accepts: made with the fake's test key, for tests and the
    demo only (not a CMS; NCANode would refuse it)."""
    digest = hashlib.sha256(content).hexdigest()
    until = (valid_to or timezone.localdate() + timedelta(days=365)).isoformat()
    token = {"iin": iin, "sha256": digest, "valid_to": until, "mac": _fake_mac(iin, digest, until)}
    return FAKE_PREFIX + base64.b64encode(json.dumps(token).encode()).decode()


class FakeSignatureVerifier:
    """LOCAL FAKE of NCANode: accepts what ``fake_sign`` made, checks its key, the
    content's digest and the validity date; every result says ``from_fake``."""

    is_fake = True

    def verify(self, *, cms: str, content: bytes) -> VerifiedSigner:
        if not cms.startswith(FAKE_PREFIX):
            raise SignatureInvalid("malformed", "not made by the fake signer")
        try:
            token = json.loads(base64.b64decode(cms[len(FAKE_PREFIX) :], validate=True))
            iin, digest, until, mac = (token[k] for k in ("iin", "sha256", "valid_to", "mac"))
        except (ValueError, KeyError, TypeError) as error:
            raise SignatureInvalid("malformed", str(error)) from error
        if not hmac.compare_digest(str(mac), _fake_mac(str(iin), str(digest), str(until))):
            raise SignatureInvalid("untrusted", "not the fake's test key")
        if not hmac.compare_digest(str(digest), hashlib.sha256(content).hexdigest()):
            raise SignatureInvalid("content_mismatch")
        valid_to = _day(until)
        if valid_to is None or valid_to < timezone.localdate():
            raise SignatureInvalid("expired")
        return VerifiedSigner(
            iin=str(iin),
            name="",
            serial="FAKE",
            valid_from=None,
            valid_to=valid_to,
            issuer="FAKE (local test key)",
            from_fake=True,
        )
