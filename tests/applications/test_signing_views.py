"""Issue #14, item 2, as the applicant meets it: from "check your answers" to the
signing page, then filed only once signed (kk and ru)."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from applications.actions import attachment_add, missing_documents
from applications.models import ApplicationSignature
from applications.signing import canonical_content
from guardianship_portal.gateways.signature import fake_sign
from guardianship_portal.gateways.sms import FakeSmsGateway
from tests.factories import ClerkFactory, UserFactory
from tests.files import pdf_upload
from tests.patronat import draft_for


@pytest.fixture(autouse=True)
def clean(settings):
    cache.clear()
    FakeSmsGateway.sent.clear()
    settings.SIGNING_CODE_RESEND_SECONDS = 0


@pytest.fixture
def complete_draft(patronat_applicant, patronat_office):
    application = draft_for(patronat_applicant, patronat_office)
    for item in missing_documents(application):
        attachment_add(
            application=application, item=item.code, upload=pdf_upload(), actor=patronat_applicant
        )
    return application


@pytest.mark.parametrize(
    ("language", "heading", "wrong"),
    [
        ("kk", "Өтінішке қол қойыңыз", "Код дұрыс емес"),
        ("ru", "Подпишите заявление", "Код неверный"),
    ],
)
def test_signing_with_the_sms_code_files_the_application(
    client,
    django_capture_on_commit_callbacks,
    complete_draft,
    patronat_applicant,
    language,
    heading,
    wrong,
):
    client.force_login(patronat_applicant)
    base = f"/{language}/cabinet/{complete_draft.pk}"
    page = client.get(f"{base}/sign/")
    assert page.status_code == 200 and heading in page.content.decode()
    assert "***\u00a0**" in page.content.decode()  # the phone, masked

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"{base}/sign/code/send/").status_code == 302
    code = re.search(r"\b(\d{6})\b", FakeSmsGateway.sent[-1][1]).group(1)

    refused = client.post(
        f"{base}/sign/code/", {"code": "000000" if code != "000000" else "111111"}
    )
    assert refused.status_code == 400 and wrong in refused.content.decode()
    # The code's input is marked wrong and tied to the message (as any field with an error).
    assert re.search(
        r'<input[^>]*id="id_code"[^>]*aria-invalid="true" aria-describedby="id_code-error"',
        refused.content.decode(),
    )
    complete_draft.refresh_from_db()
    assert complete_draft.state == "draft"

    done = client.post(f"{base}/sign/code/", {"code": code})
    assert done.status_code == 302 and done["Location"].endswith(
        f"/cabinet/{complete_draft.pk}/filed/"
    )
    complete_draft.refresh_from_db()
    assert complete_draft.state != "draft" and complete_draft.number
    assert complete_draft.signature.method == ApplicationSignature.Method.SMS_CODE
    # The clerk's page shows the signature with the hash of what was signed.
    client.force_login(ClerkFactory(organisation=complete_draft.organisation))
    office = client.get(f"/{language}/office/{complete_draft.pk}/").content.decode()
    digest = complete_draft.signature.content_sha256.upper()
    assert f'data-testid="signature-hash">{digest}</code>' in office


def test_signing_with_an_eds_files_the_application(client, complete_draft, patronat_applicant):
    client.force_login(patronat_applicant)
    cms = fake_sign(canonical_content(complete_draft), iin=patronat_applicant.iin)
    response = client.post(f"/ru/cabinet/{complete_draft.pk}/sign/eds/", {"cms": cms})
    assert response.status_code == 302
    complete_draft.refresh_from_db()
    assert complete_draft.signature.method == ApplicationSignature.Method.EDS
    assert complete_draft.state != "draft"


def test_someone_elses_eds_is_refused_and_nothing_is_filed(
    client, complete_draft, patronat_applicant
):
    client.force_login(patronat_applicant)
    cms = fake_sign(canonical_content(complete_draft), iin=UserFactory().iin)
    response = client.post(f"/kk/cabinet/{complete_draft.pk}/sign/eds/", {"cms": cms})
    assert response.status_code == 400
    assert "басқа адамның" in response.content.decode()
    complete_draft.refresh_from_db()
    assert complete_draft.state == "draft"
    assert not ApplicationSignature.objects.exists()


def test_filing_without_a_signature_leads_to_the_signing_page(
    client, complete_draft, patronat_applicant
):
    client.force_login(patronat_applicant)
    response = client.post(
        f"/kk/cabinet/{complete_draft.pk}/check/", {"confirm": "on", "submission_key": "k-1"}
    )
    assert response.status_code == 302 and response["Location"].endswith("/sign/")
    complete_draft.refresh_from_db()
    assert complete_draft.state == "draft"


def test_a_draft_changed_after_signing_must_be_signed_again(
    client, complete_draft, patronat_applicant
):
    client.force_login(patronat_applicant)
    cms = fake_sign(canonical_content(complete_draft), iin=patronat_applicant.iin)
    from applications.signing import eds_sign

    eds_sign(application=complete_draft, actor=patronat_applicant, cms=cms, address=None)
    item = missing_documents(complete_draft) or None
    attachment_add(
        application=complete_draft,
        item=complete_draft.attachments.first().checklist_item,
        upload=pdf_upload(pages=2),
        actor=patronat_applicant,
    )
    assert item is None
    page = client.get(f"/kk/cabinet/{complete_draft.pk}/sign/")
    assert page.status_code == 200  # asked to sign again, not filed
    assert not ApplicationSignature.objects.exists()


def test_another_person_cannot_reach_the_signing_page(client, complete_draft):
    client.force_login(UserFactory())
    assert client.get(f"/kk/cabinet/{complete_draft.pk}/sign/").status_code == 404
    assert client.post(f"/kk/cabinet/{complete_draft.pk}/sign/code/send/").status_code == 404


def test_a_form_address_opened_by_get_goes_back_to_its_page(
    client, patronat_applicant, patronat_office
):
    """A reload or a language switch after a refused form asks for its address by GET."""
    from tests.patronat import draft_for

    application = draft_for(patronat_applicant, patronat_office)
    client.force_login(patronat_applicant)
    for address, page in [
        (f"/ru/cabinet/{application.pk}/upload/", f"/ru/cabinet/{application.pk}/"),
        (f"/kk/cabinet/{application.pk}/sign/code/", f"/kk/cabinet/{application.pk}/sign/"),
        (f"/kk/cabinet/{application.pk}/sign/code/send/", f"/kk/cabinet/{application.pk}/sign/"),
    ]:
        response = client.get(address)
        assert (response.status_code, response["Location"]) == (302, page), address
    assert client.put(f"/ru/cabinet/{application.pk}/upload/").status_code == 405


def test_the_office_action_address_opened_by_get_goes_back_to_the_page(
    client, patronat_applicant, patronat_office, patronat_clerk
):
    from tests.patronat import draft_for

    application = draft_for(patronat_applicant, patronat_office)
    client.force_login(patronat_clerk)
    response = client.get(f"/kk/office/{application.pk}/act/")
    assert (response.status_code, response["Location"]) == (302, f"/kk/office/{application.pk}/")


@pytest.mark.parametrize(
    ("language", "words"),
    [("kk", "SMS қазір жіберілмеді"), ("ru", "SMS сейчас не удалось отправить")],
)
def test_an_sms_gateway_that_fails_is_told_and_keeps_nothing(
    client, complete_draft, patronat_applicant, language, words
):
    from applications.models import SigningCode
    from guardianship_portal.gateways.sms import FAKE_UNAVAILABLE_PHONE

    patronat_applicant.phone = FAKE_UNAVAILABLE_PHONE
    patronat_applicant.save()
    client.force_login(patronat_applicant)
    response = client.post(f"/{language}/cabinet/{complete_draft.pk}/sign/code/send/")
    assert response.status_code == 400  # the signing page again, with the reason
    assert words in response.content.decode()
    assert not SigningCode.objects.filter(application=complete_draft).exists()
    assert FakeSmsGateway.sent == []
    complete_draft.refresh_from_db()
    assert complete_draft.state == "draft"
