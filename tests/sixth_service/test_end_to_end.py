"""A sixth service, added as one app under tests/ with no edit anywhere else, goes the
whole way: catalogue, application form, submission, the clerk's queue, a transition with
its document (read back from the PDF), the supervisor's dashboard and the quarterly
report."""

import io
from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from pypdf import PdfReader

from applications.actions import missing_documents
from applications.models import Application
from applications.registry import all_services, get_service, register
from guardianship_portal.core.service_codes import validate_service_code
from tests.factories import (
    SERVICE_CODES,
    ClerkFactory,
    OrganisationFactory,
    ProvidedServiceFactory,
    SupervisorFactory,
    UserFactory,
)
from tests.files import make_pdf
from tests.signing import sign_through_the_pages

from .definition import CODE, DECISION_KIND, TITLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    office = OrganisationFactory(code="SIX-EDU")
    ProvidedServiceFactory(organisation=office, service=CODE)
    return office


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_registry_holds_it_after_the_five():
    assert [s.code for s in all_services()] == [*SERVICE_CODES, CODE]
    assert get_service(CODE).workflow_model == "sixth_service.HomeVisitApplication"


def test_a_code_belongs_to_one_app_and_is_checked():
    sixth = get_service(CODE)
    for wrong in [
        replace(sixth, code="patronat"),  # another app's code
        replace(sixth, code="Home visit"),
        replace(sixth, code="other", workflow_model="nowhere.Model"),
    ]:
        with pytest.raises(ValueError):
            register(wrong)
    assert get_service("patronat").workflow_model == "patronat.PatronatApplication"
    validate_service_code(CODE)
    with pytest.raises(ValidationError):
        validate_service_code("no_such_service")


def test_from_the_catalogue_to_the_report(client, office, django_capture_on_commit_callbacks):
    applicant = UserFactory()
    clerk = ClerkFactory(organisation=office)
    supervisor = SupervisorFactory(organisation=office)

    # Catalogue: listed, and its page shows its own checklist and stages.
    assert TITLE in client.get("/kk/services/").content.decode()
    page = client.get(f"/kk/services/{CODE}/").content.decode()
    for text in [
        "Application for a home visit",
        "Document on the right to the dwelling",
        "Home visit and certificate",
    ]:
        assert text in page

    # Application form: the office providing it is offered; the post makes a draft.
    client.force_login(applicant)
    form_page = client.get(f"/kk/cabinet/apply/{CODE}/").content.decode()
    assert office.name_kk in form_page
    client.post(
        f"/kk/cabinet/apply/{CODE}/",
        {
            "submission_key": "six-1",
            "organisation": office.pk,
            "applicant_phone": "8 701 555 44 33",
            "applicant_address": "Көкшетау қ., Абай к-сі, 10",
            "children-TOTAL_FORMS": "1",
            "children-INITIAL_FORMS": "0",
            "children-MIN_NUM_FORMS": "1",
            "children-MAX_NUM_FORMS": "5",
            "children-0-last_name": "Серіков",
            "children-0-first_name": "Нұрлан",
            "children-0-birth_date": "2015-04-02",
        },
    )
    application = Application.objects.get(applicant=applicant, service=CODE)
    assert application.state == "draft"

    # Submission: the scans of its own portal checklist, then the filing with its receipt.
    assert [item.code for item in missing_documents(application)] == [
        "application",
        "housing_document",
    ]
    for item in missing_documents(application):
        client.post(
            f"/kk/cabinet/{application.pk}/upload/",
            {"item": item.code, "file": SimpleUploadedFile("s.pdf", make_pdf(), "application/pdf")},
        )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/kk/cabinet/{application.pk}/submit/", {"submission_key": "six-2", "confirm": "on"}
        )
        sign_through_the_pages(client, application, applicant)
    application.refresh_from_db()
    assert application.state == "completeness_check"
    assert application.number
    assert application.stage_due_on is not None

    # The clerk's queue lists it, filtered by the service.
    client.force_login(clerk)
    queue = client.get("/kk/office/", {"service": CODE}).content.decode()
    assert application.number in queue
    assert TITLE in queue  # the service filter offers it by its name
    act = f"/kk/office/{application.pk}/act/"
    # The scans are not checked yet: the clerk confirms accepting them unchecked.
    scans = application.attachments.filter(is_current=True).order_by("pk")
    client.post(
        act,
        {
            "action": "accept_documents",
            "expected_state": "completeness_check",
            "confirm_unchecked": "1",
            "confirmed_scans": ",".join(str(pk) for pk in scans.values_list("pk", flat=True)),
        },
    )
    application.refresh_from_db()
    assert application.state == "home_visit"

    # The dashboard shows its open stage.
    client.force_login(supervisor)
    dashboard = client.get("/kk/supervision/").content.decode()
    assert f'data-service="{CODE}"' in dashboard
    assert TITLE in dashboard

    # The transition with a document: the certificate, rendered from the app's template.
    client.force_login(clerk)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(act, {"action": "issue_certificate", "expected_state": "home_visit"})
    application.refresh_from_db()
    assert application.state == "completed"
    client.force_login(applicant)
    response = client.get(f"/kk/cabinet/{application.pk}/documents/{DECISION_KIND}/kk/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    assert "Sixth service certificate" in text
    assert application.number in text

    # The quarterly report counts it in its own row.
    quarter = (application.completed_on.month - 1) // 3 + 1
    client.force_login(supervisor)
    report = client.get(
        "/kk/supervision/reports/quality/",
        {"period": f"{application.completed_on.year}-q{quarter}", "format": "xlsx"},
    )
    assert report.status_code == 200
    sheet = load_workbook(io.BytesIO(report.content)).active
    rows = {str(row[0]): row for row in sheet.iter_rows(values_only=True) if row[0] is not None}
    assert rows[TITLE][2] == 1  # decided in the quarter


def test_it_leaves_with_its_app():
    """Outside this folder's fixture the app is not installed, and the service is gone."""
    from django.test import modify_settings

    with modify_settings(INSTALLED_APPS={"remove": "tests.sixth_service"}):
        assert CODE not in [s.code for s in all_services()]


def test_the_admin_offers_it_by_name(admin_client, office):
    from django.urls import reverse

    page = admin_client.get(
        reverse("admin:organisations_organisation_change", args=[office.pk])
    ).content.decode()
    assert f'<option value="{CODE}" selected>{TITLE}</option>' in page
    assert str(office.provided_services.get()) == TITLE
