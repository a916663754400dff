"""Issue #13, finding 1: a NUL byte gave a 500 (PostgreSQL refuses it). In one place
(RefuseControlCharactersMiddleware): control characters in the path or a query are
refused with a translated 400 page; in a form's text they are taken out, the form goes
on and the user is told to check the text (what they typed is not lost)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone, translation

from applications.actions import application_transition
from applications.models import Application, Attachment
from tests.applications.test_office import filed
from tests.applications.test_views import submitted_application
from tests.files import make_pdf

pytestmark = pytest.mark.django_db

MESSAGE = (
    "What you sent contains invisible control characters (they often come with text copied"
    " from another program), which the portal cannot store. Nothing was saved. Go back, type"
    " the text again by hand and send it once more."
)


def assert_refused(response, language="kk"):
    assert response.status_code == 400
    with translation.override(language):
        expected = translation.gettext(MESSAGE)
    html = response.content.decode()
    assert expected in html
    assert f'<html lang="{language}">' in html


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_nul_in_the_verify_url_is_a_translated_400(client, language):
    assert_refused(client.get(f"/{language}/verify/a%00b/"), language)


def test_nul_in_a_query_parameter(client):
    assert_refused(client.get("/kk/verify/", {"code": "a\x00b"}))
    assert_refused(client.get("/kk/verify/", {"co\x00de": "ab"}))


CLEANED = (
    "What you sent contained invisible control characters (they often come with text"
    " copied from another program). They were taken out: check the text."
)


def told_cleaned(response, language="kk") -> bool:
    with translation.override(language):
        expected = translation.gettext(CLEANED)
    return expected in response.content.decode()


def test_nul_in_the_withdrawal_reason_is_taken_out(client, patronat_applicant, patronat_office):
    application = submitted_application(patronat_applicant, patronat_office)
    client.force_login(patronat_applicant)
    response = client.post(
        f"/kk/cabinet/{application.pk}/withdraw/",
        {
            "expected_state": "completeness_check",
            "reason": "ойымды\x00 өзгерттім",
            "confirm": "yes",
        },
        follow=True,
    )
    assert response.status_code == 200 and told_cleaned(response)
    stored = Application.objects.get(pk=application.pk)
    assert stored.state == "withdrawn"
    assert stored.events.get(action="withdraw").reason == "ойымды өзгерттім"


def test_nul_in_the_refusal_reason_is_taken_out(client, patronat_office, patronat_clerk):
    application = filed(patronat_office, patronat_clerk)
    client.force_login(patronat_clerk)
    response = client.post(
        f"/ru/office/{application.pk}/act/",
        {
            "action": "refuse",
            "expected_state": "completeness_check",
            "reason": "Подложная\x00 справка",
            "ground": "false_documents",
            "confirm_final": "1",
        },
        follow=True,
    )
    assert response.status_code == 200 and told_cleaned(response, "ru")
    stored = Application.objects.get(pk=application.pk)
    assert stored.state == "refused"
    assert stored.events.get(action="refuse").reason == "Подложная справка"


def test_a_form_with_errors_keeps_the_cleaned_text(client, patronat_office, patronat_clerk):
    """The clerk forgot the ground: the form comes back with the error and the reason
    as typed, less the invisible character, and the notice about it."""
    application = filed(patronat_office, patronat_clerk)
    client.force_login(patronat_clerk)
    response = client.post(
        f"/kk/office/{application.pk}/act/",
        {
            "action": "refuse",
            "expected_state": "completeness_check",
            "reason": "Подложная\x07 справка",
        },
        follow=True,
    )
    assert told_cleaned(response)
    assert "Подложная справка" in response.content.decode()
    assert Application.objects.get(pk=application.pk).state == "completeness_check"


def test_nul_in_the_inspection_findings_is_taken_out(client, patronat_office, patronat_clerk):
    application = filed(patronat_office, patronat_clerk)
    application_transition(
        application=application,
        action="accept_documents",
        actor=patronat_clerk,
        expected_state="completeness_check",
    )
    client.force_login(patronat_clerk)
    response = client.post(
        f"/kk/office/{application.pk}/act/",
        {
            "action": "record_inspection",
            "expected_state": "home_inspection",
            "findings": "Жағдай\x00 жақсы",
            "inspected_on": str(timezone.localdate()),
        },
        follow=True,
    )
    assert response.status_code == 200 and told_cleaned(response)
    assert Application.objects.get(pk=application.pk).state != "home_inspection"
    assert "\x00" not in str(Application.objects.get(pk=application.pk).answers)


def test_a_control_character_in_a_form_field_name_is_refused(client, patronat_applicant):
    client.force_login(patronat_applicant)
    assert_refused(client.post("/kk/cabinet/", {"re\x00ason": "x"}))


@pytest.mark.parametrize("character", ["\x01", "\x07", "\x1b", "\x0b"])
def test_other_control_characters_are_refused_too(client, character):
    assert_refused(client.get("/kk/verify/", {"code": f"AB{character}CD"}))


def test_tabs_and_line_breaks_are_text(client, patronat_applicant, patronat_office):
    application = submitted_application(patronat_applicant, patronat_office)
    client.force_login(patronat_applicant)
    client.post(
        f"/kk/cabinet/{application.pk}/withdraw/",
        {
            "expected_state": "completeness_check",
            "reason": "Бірінші жол\r\nекінші\tжол",
            "confirm": "yes",  # the confirmation page's own field
        },
    )
    assert Application.objects.get(pk=application.pk).state == "withdrawn"


def test_a_control_character_in_an_uploaded_file_name_is_dropped_by_django(
    client, patronat_applicant, patronat_draft
):
    client.force_login(patronat_applicant)
    client.post(
        f"/kk/cabinet/{patronat_draft.pk}/upload/",
        {
            "item": "identity_document",
            "file": SimpleUploadedFile("pass\x00port.pdf", make_pdf(), "application/pdf"),
        },
    )
    assert Attachment.objects.get(application=patronat_draft).original_name == "passport.pdf"


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL refuses NUL (CI runs this)"
)
def test_postgresql_itself_cannot_store_nul_so_the_refusal_must_come_first(client):
    from django.db import DataError, transaction

    from documents.models import IssuedDocument

    # psycopg refuses NUL in a text parameter ("PostgreSQL text fields cannot contain NUL").
    with pytest.raises(DataError), transaction.atomic():
        list(IssuedDocument.objects.filter(verification_code="a\x00b"))
    assert_refused(client.get("/kk/verify/a%00b/"))
