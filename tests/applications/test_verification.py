"""Issue #14, item 2: the public verification page of a portal filing's receipt confirms
how the application was signed (method, time, digest), with the phone masked."""

from __future__ import annotations

import html
import re

import pytest

from applications.actions import application_submit
from applications.models import ApplicationSignature
from applications.result_documents import issue_document
from applications.signing import (
    canonical_content,
    content_digest,
    eds_sign,
    signing_code_send,
    signing_code_verify,
)
from guardianship_portal.gateways.signature import fake_sign
from guardianship_portal.gateways.sms import FakeSmsGateway
from tests.applications.conftest import draft_for
from tests.applications.test_signing import clean  # noqa: F401 (autouse fixture)
from tests.patronat import attach_every_scan

PAGE_WORDS = {
    "kk": ("Өтінішке қол қойылды", "SMS", "NCANode"),
    "ru": ("Заявление подписано", "SMS", "NCANode"),
}


def complete_draft(applicant, office, language):
    return attach_every_scan(draft_for(applicant, office, language=language), applicant)


def verification_page(client, application, language) -> str:
    filed = application_submit(application=application, actor=application.applicant)
    receipt = issue_document(application=filed, kind="acceptance_receipt", language=language)
    response = client.get(f"/{language}/verify/{receipt.verification_code}/")
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_code_signed_filing_is_confirmed_with_the_phone_masked(
    client, django_capture_on_commit_callbacks, patronat_applicant, patronat_office, language
):
    draft = complete_draft(patronat_applicant, patronat_office, language)
    with django_capture_on_commit_callbacks(execute=True):
        signing_code_send(application=draft, actor=patronat_applicant, address="10.0.0.1")
    code = re.search(r"\b(\d{6})\b", FakeSmsGateway.sent[-1][1]).group(1)
    signing_code_verify(application=draft, actor=patronat_applicant, code=code, address="10.0.0.1")
    digest = content_digest(draft)

    page = verification_page(client, draft, language)
    signed, sms, ncanode = PAGE_WORDS[language]
    assert signed in page and sms in page
    assert digest.upper() in page
    phone = "".join(ch for ch in draft.applicant_phone if ch.isdigit())
    assert phone not in page.replace("\u00a0", "").replace(" ", "")  # masked
    assert "***" in page
    assert ncanode not in page  # no test-verifier remark for a code


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_an_eds_signed_by_the_fake_says_so(client, patronat_applicant, patronat_office, language):
    draft = complete_draft(patronat_applicant, patronat_office, language)
    cms = fake_sign(canonical_content(draft), iin=patronat_applicant.iin)
    signature = eds_sign(application=draft, actor=patronat_applicant, cms=cms, address=None)
    assert signature.method == ApplicationSignature.Method.EDS

    page = verification_page(client, draft, language)
    signed, _sms, ncanode = PAGE_WORDS[language]
    assert signed in page and ncanode in page
    assert signature.certificate["serial"] in page
    assert signature.content_sha256.upper() in page


def test_a_document_of_an_unsigned_application_shows_no_signature(
    client, patronat_applicant, patronat_office
):
    from tests.documents.test_rendering import issue
    from tests.factories import OrganisationFactory

    document = issue(OrganisationFactory())
    page = html.unescape(client.get(f"/kk/verify/{document.verification_code}/").content.decode())
    assert 'data-testid="verified-detail"' not in page
