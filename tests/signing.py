"""Signing an application as its applicant would through the pages, with a signature the
local fake verifier accepts (the tests' stand-in for NCALayer + NCANode)."""

from __future__ import annotations

from applications.signing import canonical_content
from guardianship_portal.gateways.signature import fake_sign


def sign_through_the_pages(client, application, applicant, language: str = "kk"):
    cms = fake_sign(canonical_content(application), iin=applicant.iin)
    return client.post(f"/{language}/cabinet/{application.pk}/sign/eds/", {"cms": cms})
