"""Patronat end to end in a real browser, once in Kazakh and once in Russian: the
applicant files with scans and gets the receipt; a clerk takes it through every stage
to the payment decision; the applicant downloads the contract."""

import io
import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from applications.models import Application
from applications.registry import get_service
from guardianship_portal.accounts.iin import make_iin
from guardianship_portal.accounts.models import Role, User
from services.patronat.models import PaymentNorm
from tests.browser.conftest import shot
from tests.browser.helpers import (
    CONTACTS,
    PASSWORD,
    PATRONAT_CHILD,
    PATRONAT_DETAILS,
    PATRONAT_SITUATION,
    answer_question_pages,
    attach_every_scan,
    file_from_check_page,
    log_in,
    log_out,
    tr,
)
from tests.factories import ClerkFactory, OrganisationFactory, ProvidedServiceFactory
from tests.files import make_pdf

STAGES = [
    "accept_documents",
    "record_inspection",
    "record_child_consent",
    "issue_contract_notice",
    "sign_contract",
    "decide_payment",
]


@pytest.fixture
def people(transactional_db):
    office = OrganisationFactory(
        code="KOK-EDU",
        name_kk="Көкшетау қаласының білім бөлімі",
        name_ru="Отдел образования города Кокшетау",
    )
    ProvidedServiceFactory(organisation=office, service="patronat")
    PaymentNorm.objects.create(
        region=office.region,
        effective_from=date(2020, 1, 1),
        monthly_amount=62_000,
        decision_reference_kk="Шешім № 1",
        decision_reference_ru="Решение № 1",
    )
    clerk = ClerkFactory(
        organisation=office, iin=make_iin(date(1990, 9, 3), male=True, serial=2302)
    )
    clerk.set_password(PASSWORD)
    clerk.save()
    applicant = User.objects.create_user(
        make_iin(date(1988, 4, 12), male=False, serial=1201),
        PASSWORD,
        role=Role.APPLICANT,
        last_name="Сейітова",
        first_name="Айгүл",
        middle_name="Бауыржанқызы",
        phone="+77015554433",
        email="aigul@example.kz",
    )
    return office, clerk, applicant


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_patronat_end_to_end(page: Page, live_server, people, language, tmp_path):
    office, clerk, applicant = people
    base = live_server.url
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(make_pdf(1))

    # --- the applicant files
    log_in(page, base, language, applicant)
    page.goto(f"{base}/{language}/cabinet/apply/patronat/")
    shot(page, f"patronat-{language}-1-form")
    answer_question_pages(
        page,
        {
            "organisation": str(office.pk),
            **CONTACTS,
            **PATRONAT_CHILD,
            **PATRONAT_SITUATION,
            "answer_marriage_not_in_registry": "no",  # not asked: not married
            **PATRONAT_DETAILS,
        },
    )

    expect(page.locator("input[type=file]").first).to_be_visible()
    shot(page, f"patronat-{language}-2-draft")
    attach_every_scan(page, scan)
    file_from_check_page(page)
    application = Application.objects.get(applicant=applicant)
    assert "marriage_not_in_registry" not in application.answers
    expect(page.get_by_test_id("application-number")).to_contain_text(application.number)
    expect(page.get_by_test_id("documents")).to_contain_text(
        tr(language, get_service("patronat").result_document("acceptance_receipt").title)
    )
    shot(page, f"patronat-{language}-3-receipt")
    receipt = page.request.get(
        f"{base}/{language}/cabinet/{application.pk}/documents/acceptance_receipt/{language}/"
    )
    assert receipt.ok and receipt.body().startswith(b"%PDF")
    assert application.number in " ".join(
        PdfReader(io.BytesIO(receipt.body())).pages[0].extract_text().split()
    )

    # --- the clerk works it through every stage
    log_out(page)
    log_in(page, base, language, clerk)
    page.goto(f"{base}/{language}/office/{application.pk}/")
    for action in STAGES:
        form = page.locator(f"form[data-action={action}]")
        expect(form).to_have_count(1)
        unchecked = form.locator("input[name=confirm_unchecked]")
        if unchecked.count():  # accepting with scans not reviewed asks to confirm
            unchecked.check()
        if action == "record_inspection":
            form.locator("textarea[name=findings]").fill("Тұрғын үй жағдайлары талаптарға сай.")
        form.locator("button[type=submit]").click()
        expect(page.locator(".alert-success")).to_have_count(1)
    application.refresh_from_db()
    assert application.state == "completed"
    expect(page.get_by_test_id("state")).to_have_text(
        tr(language, get_service("patronat").state("completed").label)
    )
    shot(page, f"patronat-{language}-4-clerk-completed")

    # --- the applicant downloads the contract
    log_out(page)
    log_in(page, base, language, applicant)
    page.goto(f"{base}/{language}/cabinet/{application.pk}/")
    contract_title = tr(
        language, get_service("patronat").result_document("patronat_contract").title
    )
    expect(page.get_by_test_id("documents")).to_contain_text(contract_title)
    link = page.get_by_test_id("documents").locator(f"a[href*='/patronat_contract/{language}/']")
    with page.expect_download() as download_info:
        link.evaluate("a => { a.setAttribute('download', ''); a.click(); }")
    pdf = PdfReader(download_info.value.path())
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "Сейітова Айгүл" in text
    assert "Серіков Нұрлан" in text
    assert re.search("патронат тәрбиеші" if language == "kk" else "патронатн", text, re.IGNORECASE)
    shot(page, f"patronat-{language}-5-applicant-documents")
