"""Guardian allowance end to end in a real browser, once in Kazakh and once in Russian:
the applicant files with scans and gets the receipt; a clerk accepts the documents,
completes the review and assigns the allowance; the applicant downloads the decision."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from applications.models import Application
from applications.registry import get_service
from guardianship_portal.accounts.iin import make_iin
from guardianship_portal.accounts.models import Role, User
from services.guardian_allowance.models import MonthlyCalculationIndex
from tests.browser.conftest import shot
from tests.browser.helpers import (
    PASSWORD,
    answer_question_pages,
    attach_every_scan,
    file_from_check_page,
    log_in,
    log_out,
    tr,
)
from tests.factories import ClerkFactory, OrganisationFactory, ProvidedServiceFactory
from tests.files import make_pdf

STAGES = ["accept_documents", "complete_review", "decide_allowance"]


@pytest.fixture
def people(transactional_db):
    office = OrganisationFactory(
        code="KAR-EDU",
        name_kk="Қарағанды қаласының білім бөлімі",
        name_ru="Отдел образования города Караганды",
    )
    ProvidedServiceFactory(organisation=office, service="guardian_allowance")
    this_year = date.today().year
    for year in {this_year, this_year + 1}:
        MonthlyCalculationIndex.objects.create(
            year=year, value=4325, legal_reference="Республикалық бюджет туралы заң"
        )
    clerk = ClerkFactory(
        organisation=office, iin=make_iin(date(1993, 11, 17), male=False, serial=5605)
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
def test_guardian_allowance_end_to_end(page: Page, live_server, people, language, tmp_path):
    office, clerk, applicant = people
    definition = get_service("guardian_allowance")
    base = live_server.url
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(make_pdf(1))

    # --- the applicant files: a child born abroad, so the birth certificate is asked for
    log_in(page, base, language, applicant)
    page.goto(f"{base}/{language}/cabinet/apply/guardian_allowance/")
    shot(page, f"guardian_allowance-{language}-1-form")
    answer_question_pages(
        page,
        {
            "organisation": str(office.pk),
            "applicant_phone": "+7 701 555 44 33",
            "applicant_address": "Қарағанды қ., Бұқар жырау даңғылы, 10",
            "children-0-last_name": "Серіков",
            "children-0-first_name": "Нұрлан",
            "children-0-birth_date": "2013-04-02",
            "answer_child_born_abroad": "yes",
            "identity_document": "№ 045678912, ҚР ІІМ, 12.03.2020",
            "guardian_appointment": "Әкімдіктің 2026 жылғы 2 наурыздағы № 14/05 қаулысы",
            "bank_name": "Halyk Bank",
            "bank_account": "KZ86 125K ZT50 0410 0100",
        },
    )

    expect(page.locator("input[type=file]").first).to_be_visible()
    expect(page.locator("main")).to_contain_text(
        tr(language, next(i.title for i in definition.checklist if i.code == "birth_certificate"))
    )
    shot(page, f"guardian_allowance-{language}-2-draft")
    attach_every_scan(page, scan)
    file_from_check_page(page)
    application = Application.objects.get(applicant=applicant)
    assert application.answers["child_born_abroad"] is True
    assert application.attachments.filter(checklist_item="birth_certificate").exists()
    expect(page.get_by_test_id("application-number")).to_contain_text(application.number)
    expect(page.get_by_test_id("documents")).to_contain_text(
        tr(language, definition.result_document("acceptance_receipt").title)
    )
    shot(page, f"guardian_allowance-{language}-3-receipt")

    # --- the clerk works it through to the decision
    log_out(page)
    log_in(page, base, language, clerk)
    page.goto(f"{base}/{language}/office/{application.pk}/")
    for action in STAGES:
        form = page.locator(f"form[data-action={action}]")
        expect(form).to_have_count(1)
        unchecked = form.locator("input[name=confirm_unchecked]")
        if unchecked.count():  # accepting with scans not reviewed asks to confirm
            unchecked.check()
        form.locator("button[type=submit]").click()
        expect(page.locator(".alert-success")).to_have_count(1)
    application.refresh_from_db()
    assert application.state == "completed"
    expect(page.get_by_test_id("state")).to_have_text(
        tr(language, definition.state("completed").label)
    )
    shot(page, f"guardian_allowance-{language}-4-clerk-completed")

    # --- the applicant downloads the decision
    log_out(page)
    log_in(page, base, language, applicant)
    page.goto(f"{base}/{language}/cabinet/{application.pk}/")
    title = tr(language, definition.result_document("allowance_decision").title)
    expect(page.get_by_test_id("documents")).to_contain_text(title)
    link = page.get_by_test_id("documents").locator(f"a[href*='/allowance_decision/{language}/']")
    with page.expect_download() as download_info:
        link.evaluate("a => { a.setAttribute('download', ''); a.click(); }")
    pdf = PdfReader(download_info.value.path())
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "Сейітова Айгүл" in text
    assert "Серіков Нұрлан" in text
    assert application.number in text
    assert "43 250" in text
    assert " ".join(title.split()) in text
    shot(page, f"guardian_allowance-{language}-5-applicant-documents")
