"""Camp vouchers and free meals end to end in a real browser, in Kazakh and in Russian:
the applicant chooses a category and files with scans; a clerk accepts, confirms the
category and decides on the action form (the shift / free or reduced meals); the applicant
downloads the result."""

import io
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from applications.models import Application
from applications.registry import get_service
from guardianship_portal.accounts.iin import make_iin
from guardianship_portal.accounts.models import Role, User
from guardianship_portal.organisations.models import Organisation
from services.camp_voucher.models import Camp, Shift
from services.material_aid.models import SubsistenceMinimum
from tests.browser.conftest import shot
from tests.browser.helpers import (
    CHILD,
    CONTACTS,
    PASSWORD,
    answer_question_pages,
    attach_every_scan,
    file_from_check_page,
    log_in,
    tr,
)
from tests.factories import ClerkFactory, OrganisationFactory, ProvidedServiceFactory
from tests.files import make_pdf

RESULT = {
    "camp_voucher": "camp_voucher",
    "free_meals": "meals_notice",
    "material_aid": "aid_decision",
}
DECISION = {
    "camp_voucher": "issue_voucher",
    "free_meals": "grant_meals",
    "material_aid": "grant_aid",
}
# The clerk's steps before the decision; material aid waits for the board of trustees.
BEFORE_DECISION = {
    "camp_voucher": ("accept_documents", "confirm_category"),
    "free_meals": ("accept_documents", "confirm_category"),
    "material_aid": ("accept_documents", "record_board_decision"),
}


@pytest.fixture
def people(transactional_db):
    office = OrganisationFactory(
        code="KOK-SCH7",
        kind=Organisation.Kind.SCHOOL,
        name_kk="Көкшетау қаласының № 7 мектеп-гимназиясы",
        name_ru="Школа-гимназия № 7 города Кокшетау",
    )
    for service in ("camp_voucher", "free_meals", "material_aid"):
        ProvidedServiceFactory(organisation=office, service=service)
    SubsistenceMinimum.objects.create(
        year=timezone.localdate().year, amount=50_851, reference="Тест: заң бойынша ЕТКД"
    )
    camp = Camp.objects.create(
        organisation=office,
        name_kk="«Балдырған» сауықтыру лагері",
        name_ru="Оздоровительный лагерь «Балдырған»",
        kind=Camp.Kind.OUT_OF_TOWN,
        address="Бурабай ауданы, Щучье көлі",
    )
    shift = Shift.objects.create(
        camp=camp, starts_on=date(2027, 6, 3), ends_on=date(2027, 6, 23), places=30
    )
    clerk = ClerkFactory(
        organisation=office, iin=make_iin(date(1987, 2, 8), male=True, serial=6706)
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
    return office, clerk, applicant, shift


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("service", ["camp_voucher", "free_meals", "material_aid"])
def test_school_service_end_to_end(page: Page, live_server, people, service, language, tmp_path):
    office, clerk, applicant, shift = people
    definition = get_service(service)
    base = live_server.url
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(make_pdf(1))
    name = f"{service}-{language}"

    # --- the applicant files
    log_in(page, base, language, applicant)
    page.goto(f"{base}/{language}/cabinet/apply/{service}/")
    shot(page, f"{name}-1-form")
    answer_question_pages(
        page,
        {
            "organisation": str(office.pk),
            **CONTACTS,
            **CHILD,
            **{f"answer_{c.code}": "no" for c in definition.conditions if c.asked},
            "category": "targeted_assistance",
        },
    )

    expect(page.locator("input[type=file]").first).to_be_visible()
    category_document = tr(language, definition.categories[0].supporting_document)
    expect(page.locator("main")).to_contain_text(category_document)
    attach_every_scan(page, scan)
    file_from_check_page(page)
    application = Application.objects.get(applicant=applicant)
    expect(page.get_by_test_id("application-number")).to_contain_text(application.number)
    assert application.answers["category"] == "targeted_assistance"
    shot(page, f"{name}-2-filed")

    # --- the clerk accepts, confirms the category and decides
    page.context.clear_cookies()
    log_in(page, base, language, clerk)
    page.goto(f"{base}/{language}/office/{application.pk}/")
    for action in BEFORE_DECISION[service]:
        form = page.locator(f"form[data-action={action}]")
        expect(form).to_have_count(1)
        unchecked = form.locator("input[name=confirm_unchecked]")
        if unchecked.count():  # accepting with scans not reviewed asks to confirm
            unchecked.check()
        if action == "record_board_decision":
            form.locator(f"input[name={action}-board_number]").fill("№ 4 хаттама")
            form.locator(f"input[name={action}-board_date]").fill(timezone.localdate().isoformat())
        form.locator("button[type=submit]").click()
        expect(page.locator(".alert-success")).to_have_count(1)
    decision = DECISION[service]
    form = page.locator(f"form[data-action={decision}]")
    if service == "camp_voucher":
        form.locator(f"select[name={decision}-shift]").select_option(str(shift.pk))
    elif service == "free_meals":
        form.locator(f"input[name={decision}-meals][value=reduced]").check()
    else:
        form.locator(f"input[name={decision}-amount]").fill("60000")
    shot(page, f"{name}-3-decision-form")
    form.locator("button[type=submit]").click()
    expect(page.locator(".alert-success")).to_have_count(1)
    expect(page.get_by_test_id("state")).to_have_text(
        tr(language, definition.state("completed").label)
    )
    application.refresh_from_db()
    assert application.state == "completed"
    shot(page, f"{name}-4-clerk-completed")

    # --- the applicant downloads the result
    page.context.clear_cookies()
    log_in(page, base, language, applicant)
    page.goto(f"{base}/{language}/cabinet/{application.pk}/")
    kind = RESULT[service]
    expect(page.get_by_test_id("documents")).to_contain_text(
        tr(language, definition.result_document(kind).title)
    )
    link = page.get_by_test_id("documents").locator(f"a[href*='/{kind}/{language}/']")
    with page.expect_download() as download_info:
        link.evaluate("a => { a.setAttribute('download', ''); a.click(); }")
    with open(download_info.value.path(), "rb") as handle:
        pdf = PdfReader(io.BytesIO(handle.read()))
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "Сейітова Айгүл" in text
    assert "Серіков Нұрлан" in text
    assert application.number in text
    if service == "camp_voucher":
        assert "Балдырған" in text
    elif service == "free_meals":
        assert " ".join(tr(language, "Reduced-price meals").split()) in text
    else:
        assert "60" in text and "№ 4 хаттама" in text
    shot(page, f"{name}-5-applicant-documents")
