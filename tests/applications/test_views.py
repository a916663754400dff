"""The applicant's pages: apply, attach, submit, follow; nothing of anyone else's."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from applications.actions import application_submit, attachment_add, missing_documents
from applications.models import AccessLog, Application, ApplicationEvent, Attachment
from tests.applications.conftest import draft_for
from tests.factories import UserFactory
from tests.files import make_pdf, pdf_upload
from tests.signing import sign_through_the_pages

pytestmark = pytest.mark.django_db


def apply_data(office, **overrides):
    data = {
        "submission_key": "k-1",
        "organisation": office.pk,
        "applicant_phone": "8 701 555 44 33",
        "applicant_email": "a@example.kz",
        "applicant_address": "Көкшетау қ., Абай к-сі, 10",
        "children-TOTAL_FORMS": "1",
        "children-INITIAL_FORMS": "0",
        "children-MIN_NUM_FORMS": "1",
        "children-MAX_NUM_FORMS": "5",
        "children-0-last_name": "Серіков",
        "children-0-first_name": "Нұрлан",
        "children-0-birth_date": "2013-04-02",
        "children-0-birth_certificate_number": "0123456",
        "children-0-birth_certificate_date": "2013-04-10",
        "answer_married": "no",
        "answer_marriage_not_in_registry": "no",
        "answer_home_owner": "yes",
        "answer_close_relative": "no",
        "answer_relative_or_step_parent": "no",
        "place_of_birth": "Көкшетау қаласы",
        "identity_document_number": "№ 045678912",
        "identity_document_issuer": "ҚР ІІМ",
        "identity_document_date": "2020-03-12",
        "bank_name": "Halyk Bank",
        "bank_account": "KZ86 125K ZT50 0410 0100",
    }
    data.update(overrides)
    return data


def test_apply_creates_a_draft_with_the_answers(client, patronat_applicant, patronat_office):
    client.force_login(patronat_applicant)
    response = client.post("/kk/cabinet/apply/patronat/", apply_data(patronat_office))
    application = Application.objects.get(applicant=patronat_applicant)
    assert response["Location"] == f"/kk/cabinet/{application.pk}/"
    assert application.state == "draft"
    assert application.applicant_iin == patronat_applicant.iin  # from the account, not the form
    assert application.answers["bank_account"] == "KZ86125KZT5004100100"
    assert application.answers["child_under_ten"] is False
    assert application.children.get().first_name == "Нұрлан"


def test_apply_twice_with_the_same_key_makes_one_draft(client, patronat_applicant, patronat_office):
    client.force_login(patronat_applicant)
    client.post("/kk/cabinet/apply/patronat/", apply_data(patronat_office))
    client.post("/kk/cabinet/apply/patronat/", apply_data(patronat_office))
    assert Application.objects.filter(applicant=patronat_applicant).count() == 1


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_apply_errors_are_explained_and_nothing_is_saved(
    client, patronat_applicant, patronat_office, language
):
    """Posted at once, the form is answered page by page: each page with a problem
    shows its own messages (tests/applications/test_applicant_flow.py goes through the
    pages one by one)."""
    client.force_login(patronat_applicant)
    data = apply_data(
        patronat_office,
        bank_account="KZ00125KZT5004100100",
        answer_married="yes",
        **{"children-0-birth_date": "2031-01-01"},
    )
    response = client.post(f"/{language}/cabinet/apply/patronat/", data)
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override(language):
        assert translation.gettext("The date of birth cannot be in the future.") in html
    key = re.search(r'name="submission_key" value="([^"]+)"', html)[1]
    base = f"/{language}/cabinet/apply/patronat/{key}"
    client.post(f"{base}/children/", {**data, "children-0-birth_date": "2013-04-02"})
    client.post(f"{base}/situation/", {**data, "asked": "answer_marriage_not_in_registry"})
    html = client.post(f"{base}/details/", data).content.decode()
    with translation.override(language):
        for msgid in [
            "This account number (IBAN) has a wrong check: please check each character.",
            "Give your spouse's full name: you said you are married.",
        ]:
            assert translation.gettext(msgid).replace("'", "&#x27;") in html
    assert not Application.objects.exists()


def submitted_application(applicant, office):
    draft = draft_for(applicant, office)
    for item in missing_documents(draft):
        attachment_add(application=draft, item=item.code, upload=pdf_upload(), actor=applicant)
    return application_submit(application=draft, actor=applicant)


def test_upload_and_submit_through_the_pages(
    client, patronat_applicant, patronat_office, django_capture_on_commit_callbacks
):
    draft = draft_for(patronat_applicant, patronat_office)
    client.force_login(patronat_applicant)
    for item in missing_documents(draft):
        client.post(
            f"/kk/cabinet/{draft.pk}/upload/",
            {"item": item.code, "file": SimpleUploadedFile("s.pdf", make_pdf(), "application/pdf")},
        )
    assert missing_documents(draft) == []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/kk/cabinet/{draft.pk}/submit/", {"submission_key": "x", "confirm": "on"})
        sign_through_the_pages(client, draft, patronat_applicant)
        sign_through_the_pages(client, draft, patronat_applicant)  # double click
    draft.refresh_from_db()
    assert draft.state == "completeness_check"
    assert ApplicationEvent.objects.filter(application=draft, action="submit").count() == 1
    page = client.get(f"/kk/cabinet/{draft.pk}/").content.decode()
    assert draft.number in page


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_bad_upload_is_explained_and_the_draft_keeps_its_files(
    client, patronat_draft, patronat_applicant, language
):
    client.force_login(patronat_applicant)
    client.post(
        f"/{language}/cabinet/{patronat_draft.pk}/upload/",
        {"item": "application", "file": SimpleUploadedFile("a.pdf", make_pdf(), "application/pdf")},
    )
    response = client.post(
        f"/{language}/cabinet/{patronat_draft.pk}/upload/",
        {
            "item": "application",
            "file": SimpleUploadedFile("virus.pdf", b"MZ\x90\x00" * 64, "application/pdf"),
        },
        follow=True,
    )
    with translation.override(language):
        assert (
            translation.gettext(
                "Only PDF, JPEG and PNG files are accepted, and this file is none of them."
            )
            in response.content.decode()
        )
    current = Attachment.objects.get(
        application=patronat_draft, checklist_item="application", is_current=True
    )
    assert current.original_name == "a.pdf"


def test_reupload_keeps_the_previous_version(patronat_draft, patronat_applicant):
    attachment_add(
        application=patronat_draft,
        item="application",
        upload=pdf_upload("first.pdf"),
        actor=patronat_applicant,
    )
    attachment_add(
        application=patronat_draft,
        item="application",
        upload=pdf_upload("second.pdf"),
        actor=patronat_applicant,
    )
    versions = Attachment.objects.filter(
        application=patronat_draft, checklist_item="application"
    ).order_by("uploaded_at", "pk")
    assert [(a.original_name, a.is_current) for a in versions] == [
        ("first.pdf", False),
        ("second.pdf", True),
    ]


def test_someone_elses_application_scan_and_document_are_404(
    client, patronat_applicant, patronat_office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = submitted_application(patronat_applicant, patronat_office)
    scan = application.attachments.first()
    other = UserFactory()
    client.force_login(other)
    for url in [
        f"/kk/cabinet/{application.pk}/",
        f"/kk/cabinet/{application.pk}/scans/{scan.pk}/",
        f"/kk/cabinet/{application.pk}/documents/acceptance_receipt/kk/",
    ]:
        assert client.get(url).status_code == 404, url
    # The upload address sends a GET back to the application's page (404 for them too,
    # as for any number), and refuses their POST.
    upload = f"/kk/cabinet/{application.pk}/upload/"
    assert client.get(upload, follow=True).status_code == 404
    assert client.post(upload, {"item": "application"}).status_code == 404
    assert (
        client.post(
            f"/kk/cabinet/{application.pk}/withdraw/", {"expected_state": "completeness_check"}
        ).status_code
        == 404
    )
    assert Application.objects.get(pk=application.pk).state == "completeness_check"


def test_viewing_a_scan_is_logged(client, patronat_applicant, patronat_office):
    application = submitted_application(patronat_applicant, patronat_office)
    scan = application.attachments.first()
    client.force_login(patronat_applicant)
    response = client.get(f"/kk/cabinet/{application.pk}/scans/{scan.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert AccessLog.objects.filter(
        user=patronat_applicant, application=application, what__startswith="scan"
    ).exists()


def test_cabinet_lists_own_applications_with_state(client, patronat_applicant, patronat_office):
    application = submitted_application(patronat_applicant, patronat_office)
    draft_for(UserFactory(), patronat_office)  # someone else's
    client.force_login(patronat_applicant)
    html = client.get("/ru/cabinet/").content.decode()
    assert application.number in html
    assert len(re.findall(r'data-testid="state"', html)) == 1


def test_withdraw(client, patronat_applicant, patronat_office):
    application = submitted_application(patronat_applicant, patronat_office)
    client.force_login(patronat_applicant)
    client.post(
        f"/kk/cabinet/{application.pk}/withdraw/",
        {"expected_state": "completeness_check", "reason": "ойымды өзгерттім", "confirm": "yes"},
    )
    withdrawn = Application.objects.get(pk=application.pk)
    assert withdrawn.state == "withdrawn"
    assert withdrawn.completed_at is not None
    assert (withdrawn.stage, withdrawn.stage_due_on) == ("", None)


def test_state_changes_reach_the_applicant(
    client,
    patronat_applicant,
    patronat_office,
    patronat_clerk,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    from applications.actions import application_transition
    from guardianship_portal.gateways.sms import FakeSmsGateway

    FakeSmsGateway.sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        application = submitted_application(patronat_applicant, patronat_office)
        application_transition(
            application=application,
            action="accept_documents",
            actor=patronat_clerk,
            expected_state="completeness_check",
        )
    assert patronat_applicant.notifications.count() == 2
    assert len(mailoutbox) == 2 and application.number in mailoutbox[-1].subject
    assert [phone for phone, _text in FakeSmsGateway.sent] == ["+77015554433", "+77015554433"]
    client.force_login(patronat_applicant)
    html = client.get("/ru/cabinet/").content.decode()
    assert 'data-testid="notifications"' in html
    client.post("/ru/cabinet/notifications/read/")
    assert not patronat_applicant.notifications.filter(read_at__isnull=True).exists()
