"""Issue #14, item 2: the applicant signs before filing — a one-time code by SMS, or an
EDS checked by the verifier (here its local fake); a paper filing is signed on paper."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db.models import CharField, TextField
from django.utils import timezone, translation

from applications.actions import attachment_add, missing_documents
from applications.models import ApplicationSignature, SigningCode
from applications.signing import (
    SigningRefused,
    canonical_content,
    content_digest,
    eds_sign,
    paper_signature_record,
    signature_holds,
    signing_code_send,
    signing_code_verify,
)
from guardianship_portal.gateways.signature import (
    NcaNodeVerifier,
    SignatureInvalid,
    fake_sign,
)
from guardianship_portal.gateways.sms import FakeSmsGateway
from tests.factories import ClerkFactory, UserFactory
from tests.files import pdf_upload
from tests.patronat import draft_for

ADDRESS = "10.1.2.3"


@pytest.fixture(autouse=True)
def clean(settings):
    cache.clear()
    FakeSmsGateway.sent.clear()
    settings.SIGNING_CODE_RESEND_SECONDS = 0
    yield
    cache.clear()
    FakeSmsGateway.sent.clear()


@pytest.fixture
def application(patronat_applicant, patronat_office):
    return draft_for(patronat_applicant, patronat_office)


def sent_code(django_capture_on_commit_callbacks, application, applicant, address=ADDRESS):
    with django_capture_on_commit_callbacks(execute=True):
        signing_code_send(application=application, actor=applicant, address=address)
    phone, text = FakeSmsGateway.sent[-1]
    return re.search(r"\b(\d{6})\b", text).group(1)


def refusal(call, language="ru") -> str:
    with pytest.raises(SigningRefused) as caught:
        call()
    with translation.override(language):
        return str(caught.value.message)


def test_the_right_code_signs_the_content(
    django_capture_on_commit_callbacks, application, patronat_applicant
):
    code = sent_code(django_capture_on_commit_callbacks, application, patronat_applicant)
    phone, text = FakeSmsGateway.sent[-1]
    assert phone == patronat_applicant.phone
    signature = signing_code_verify(
        application=application, actor=patronat_applicant, code=code, address=ADDRESS
    )
    assert signature.method == ApplicationSignature.Method.SMS_CODE
    assert (
        signature.content_sha256 == content_digest(application)
        and len(signature.content_sha256) == 64
    )
    assert signature.phone == phone and signature.address == ADDRESS
    assert signature.signer_iin == patronat_applicant.iin
    assert signature_holds(application)
    # The code itself is nowhere in the database, only its keyed hash.
    stored = SigningCode.objects.get()
    for field in SigningCode._meta.concrete_fields:
        if isinstance(field, CharField | TextField):
            assert code not in str(getattr(stored, field.attname))
    assert stored.used_at is not None


def test_the_sms_is_in_the_applications_language(
    django_capture_on_commit_callbacks, patronat_applicant, patronat_office
):
    for language, word in (("kk", "қол қою коды"), ("ru", "Код для подписания")):
        application = draft_for(patronat_applicant, patronat_office, language=language)
        sent_code(django_capture_on_commit_callbacks, application, patronat_applicant)
        text = FakeSmsGateway.sent[-1][1]
        assert word in text
    assert FakeSmsGateway.sent[0][1] != FakeSmsGateway.sent[1][1]


def test_three_wrong_codes_then_even_the_right_one_is_refused(
    django_capture_on_commit_callbacks, application, patronat_applicant
):
    code = sent_code(django_capture_on_commit_callbacks, application, patronat_applicant)
    wrong = f"{(int(code) + 1) % 1000000:06d}"

    def attempt(value):
        return lambda: signing_code_verify(
            application=application, actor=patronat_applicant, code=value, address=ADDRESS
        )

    assert "неверный" in refusal(attempt(wrong))
    assert "неверный" in refusal(attempt(wrong))
    assert "три раза" in refusal(attempt(wrong))
    assert SigningCode.objects.get().attempts == 3
    assert "три раза" in refusal(attempt(code))
    assert not ApplicationSignature.objects.exists()
    # A new code works again.
    new_code = sent_code(django_capture_on_commit_callbacks, application, patronat_applicant)
    assert signing_code_verify(
        application=application, actor=patronat_applicant, code=new_code, address=ADDRESS
    )


def test_an_expired_code_is_refused(
    django_capture_on_commit_callbacks, application, patronat_applicant
):
    code = sent_code(django_capture_on_commit_callbacks, application, patronat_applicant)
    SigningCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    message = refusal(
        lambda: signing_code_verify(
            application=application, actor=patronat_applicant, code=code, address=ADDRESS
        ),
        language="kk",
    )
    assert "мерзімі" in message


def test_resending_is_limited_per_phone_and_per_address(
    settings, django_capture_on_commit_callbacks, patronat_applicant, patronat_office
):
    settings.SIGNING_CODE_RESEND_SECONDS = 60
    application = draft_for(patronat_applicant, patronat_office)
    sent_code(django_capture_on_commit_callbacks, application, patronat_applicant)
    assert "минуты" in refusal(
        lambda: signing_code_send(
            application=application, actor=patronat_applicant, address=ADDRESS
        )
    )

    settings.SIGNING_CODE_RESEND_SECONDS = 0
    settings.SIGNING_CODE_LIMIT = 2
    sent_code(django_capture_on_commit_callbacks, application, patronat_applicant)
    assert "час" in refusal(
        lambda: signing_code_send(
            application=application, actor=patronat_applicant, address="10.9.9.9"
        )
    )
    # Another person from the same address is limited by the address.
    other = UserFactory(phone="+77017770000")
    for _ in range(2):
        sent_code(
            django_capture_on_commit_callbacks, draft_for(other, patronat_office), other, "10.7.7.7"
        )
    third = UserFactory(phone="+77018880000")
    assert "час" in refusal(
        lambda: signing_code_send(
            application=draft_for(third, patronat_office), actor=third, address="10.7.7.7"
        )
    )
    assert len(FakeSmsGateway.sent) == 4


def test_nobody_else_can_sign_or_use_the_code(
    django_capture_on_commit_callbacks, application, patronat_applicant
):
    code = sent_code(django_capture_on_commit_callbacks, application, patronat_applicant)
    stranger = UserFactory()
    message = refusal(
        lambda: signing_code_verify(
            application=application, actor=stranger, code=code, address=None
        )
    )
    assert "Только заявитель" in message
    assert not ApplicationSignature.objects.exists()


def test_a_change_after_the_code_was_sent_refuses_the_code(
    django_capture_on_commit_callbacks, application, patronat_applicant
):
    before = content_digest(application)
    code = sent_code(django_capture_on_commit_callbacks, application, patronat_applicant)
    item = missing_documents(application)[0].code
    attachment_add(
        application=application, item=item, upload=pdf_upload(pages=2), actor=patronat_applicant
    )
    assert content_digest(application) != before
    assert "изменилось" in refusal(
        lambda: signing_code_verify(
            application=application, actor=patronat_applicant, code=code, address=None
        )
    )


def test_the_digest_follows_every_scan_and_answer(application, patronat_applicant):
    item = missing_documents(application)[0].code
    attachment_add(
        application=application, item=item, upload=pdf_upload(), actor=patronat_applicant
    )
    first = content_digest(application)
    assert content_digest(application) == first  # stable
    attachment_add(
        application=application, item=item, upload=pdf_upload(pages=3), actor=patronat_applicant
    )
    second = content_digest(application)
    assert second != first
    application.answers = {**application.answers, "married": not application.answers.get("married")}
    application.save()
    assert content_digest(application) != second
    assert b'"scans"' in canonical_content(application)


# -- EDS ------------------------------------------------------------------------------------


def test_eds_signed_by_the_applicant_is_accepted_and_marked_fake(application, patronat_applicant):
    cms = fake_sign(canonical_content(application), iin=patronat_applicant.iin)
    signature = eds_sign(
        application=application, actor=patronat_applicant, cms=cms, address=ADDRESS
    )
    assert signature.method == ApplicationSignature.Method.EDS
    assert signature.verified_by_fake and signature.certificate["issuer"].startswith("FAKE")
    assert signature.content_sha256 == content_digest(application)
    assert "уже подписано" in refusal(
        lambda: eds_sign(application=application, actor=patronat_applicant, cms=cms, address=None)
    )


def test_eds_over_other_content_someone_elses_or_expired_is_refused(
    application, patronat_applicant
):
    content = canonical_content(application)
    tampered = fake_sign(content + b" ", iin=patronat_applicant.iin)
    foreign = fake_sign(content, iin=UserFactory().iin)
    expired = fake_sign(content, iin=patronat_applicant.iin, valid_to=date(2020, 1, 1))

    def sign(cms):
        return lambda: eds_sign(
            application=application, actor=patronat_applicant, cms=cms, address=None
        )

    assert "не соответствует" in refusal(sign(tampered))
    assert "чужим" in refusal(sign(foreign))
    assert "истёк" in refusal(sign(expired))
    assert "недействительна" in refusal(sign("MIIBbm90IGEgc2lnbmF0dXJl"))
    assert "недействительна" in refusal(sign(tampered.replace("FAKE-CMS:", "FAKE-CMS:x")))
    assert not ApplicationSignature.objects.exists()


def test_ncanode_down_is_a_clear_message(settings, application, patronat_applicant):
    settings.SIGNATURE_VERIFIER = "guardianship_portal.gateways.signature.NcaNodeVerifier"
    settings.NCANODE_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.NCANODE_TIMEOUT_SECONDS = 1
    message = refusal(
        lambda: eds_sign(
            application=application, actor=patronat_applicant, cms="MIIB", address=None
        )
    )
    assert "проверить" in message


def ncanode_answer(**certificate):
    return {
        "valid": True,
        "signers": [
            {
                "certificates": [
                    {
                        "valid": True,
                        "notBefore": "2026-01-10T00:00:00Z",
                        "notAfter": "2027-01-10T00:00:00Z",
                        "serialNumber": "1f2e",
                        "subject": {"iin": "880412412011", "commonName": "СЕЙІТОВА АЙГҮЛ"},
                        "issuer": {"commonName": "ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST)"},
                        "revocations": [{"by": "OCSP", "revoked": False}],
                        **certificate,
                    }
                ]
            }
        ],
    }


def test_ncanode_answers_are_read():
    signer = NcaNodeVerifier.read_answer(ncanode_answer())
    assert (signer.iin, signer.serial, signer.valid_to) == (
        "880412412011",
        "1f2e",
        date(2027, 1, 10),
    )
    assert not signer.from_fake
    for answer, reason in (
        (ncanode_answer(revocations=[{"by": "OCSP", "revoked": True}]), "revoked"),
        (ncanode_answer(notAfter="2020-01-01T00:00:00Z"), "expired"),
        ({**ncanode_answer(), "valid": False}, "invalid"),
        ({"valid": False, "message": "bad cms"}, "malformed"),
    ):
        with pytest.raises(SignatureInvalid) as caught:
            NcaNodeVerifier.read_answer(answer)
        assert caught.value.reason == reason


def test_a_paper_filing_is_recorded_as_signed_on_paper(application):
    clerk = ClerkFactory(organisation=application.organisation)
    signature = paper_signature_record(application=application, clerk=clerk)
    assert signature.method == ApplicationSignature.Method.PAPER
    assert signature.recorded_by == clerk and signature_holds(application)


def test_a_paper_registration_records_the_paper_signature(patronat_office):
    from datetime import datetime

    from applications.actions import (
        application_register_paper,
        paper_missing_documents,
        paper_registry_check,
    )
    from applications.registry import get_service

    clerk = ClerkFactory(organisation=patronat_office)
    accepted_at = timezone.make_aware(datetime(2026, 11, 30, 10, 0))
    answers = {"married": False}
    codes = [item.code for item in get_service("patronat").all_checklist_items()]
    application = application_register_paper(
        service="patronat",
        organisation=patronat_office,
        clerk=clerk,
        applicant=None,
        applicant_data={
            "applicant_iin": "880412412011",
            "applicant_name": "Сейітова Айгүл Бауыржанқызы",
            "applicant_phone": "+77015554433",
        },
        children=[
            {"last_name": "Серіков", "first_name": "Нұрлан", "birth_date": date(2013, 5, 17)}
        ],
        answers=answers,
        language="kk",
        channel="office",
        accepted_at=accepted_at,
        brought=codes,
    )
    assert not paper_missing_documents(
        service="patronat",
        answers=application.answers,
        channel="office",
        accepted_at=accepted_at,
        registry_check=paper_registry_check(
            applicant_data={"applicant_iin": application.applicant_iin},
            children=list(application.children.values("iin", "birth_date")),
        ),
    )
    assert application.signature.method == ApplicationSignature.Method.PAPER
    assert application.signature.recorded_by == clerk


def test_what_the_office_records_later_does_not_break_the_signature(application):
    """A refusal's record (missing documents, the ground) and a decision's (the meals,
    the voucher's shift) are written on the application after filing: not the
    applicant's content, so the signature still holds; the applicant's answers do not."""
    from applications.models import Application

    clerk = ClerkFactory(organisation=application.organisation)
    paper_signature_record(application=application, clerk=clerk)
    stored = Application.objects.get(pk=application.pk)
    stored.answers = {
        **stored.answers,
        "missing_documents": ["birth_certificate"],
        "refusal_ground": "incomplete",
    }
    stored.save()
    assert signature_holds(Application.objects.get(pk=application.pk))
    stored.answers = {**stored.answers, "married": not stored.answers.get("married")}
    stored.save()
    assert not signature_holds(Application.objects.get(pk=application.pk))
