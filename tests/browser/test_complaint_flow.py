"""A complaint meant for the quality-control body, end to end in a real browser: the
applicant files it and gets the receipt; the provider's head forwards it; the body's
officer lands on the forwarded complaints and answers; the applicant reads the answer
and downloads it as a PDF from the body. In Kazakh and in Russian."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from complaints.models import Complaint
from tests.browser.conftest import shot
from tests.browser.helpers import log_in, log_out, tr
from tests.complaints import conftest as complaint_fixtures

pytestmark = pytest.mark.browser
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's


world = complaint_fixtures.world  # the complaints tests' fixture, shared


@pytest.fixture
def setting(transactional_db, world):
    return world


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_complaint_to_the_quality_body_end_to_end(
    page: Page, live_server, setting, language
) -> None:
    base, world = live_server.url, setting
    log_in(page, base, language, world.applicant, password=PASSWORD)
    page.goto(f"{base}/{language}/complaints/new/{world.application.pk}/")
    page.locator(f"input[name=addressed_to][value={Complaint.AddressedTo.QUALITY_BODY}]").check()
    page.locator(f"input[name=subject][value={Complaint.Subject.ACTION}]").check()
    page.locator("textarea[name=text]").fill("Маман қажетсіз анықтамаларды талап етті.")
    page.get_by_role("button", name=tr(language, "Register the complaint")).click()
    expect(page.get_by_test_id("complaint-state")).to_have_text(
        tr(language, Complaint.State.REGISTERED.label)
    )
    complaint = Complaint.objects.get()
    log_out(page)

    log_in(page, base, language, world.head, password=PASSWORD)
    page.goto(f"{base}/{language}/complaints/office/{complaint.pk}/")
    page.get_by_test_id("forward-form").get_by_role("button").click()
    expect(page.get_by_test_id("complaint-state")).to_have_text(
        tr(language, Complaint.State.FORWARDED.label)
    )
    with translation.override(language):
        expect(page.get_by_test_id("complaint-body")).to_have_text(world.quality_body.name)
    log_out(page)

    log_in(page, base, language, world.body_officer, password=PASSWORD)
    page.goto(f"{base}/{language}/me/")
    page.get_by_role("link", name=complaint.number).click()
    form = page.get_by_test_id("answer-form")
    form.locator("input[name=justified][value=yes]").check()
    form.locator("textarea[name=answer]").fill("Шағым негізді: берушіге нұсқама берілді.")
    shot(page, f"complaint-body-answer-{language}")
    form.get_by_role("button").click()
    expect(page.get_by_test_id("complaint-state")).to_have_text(
        tr(language, Complaint.State.ANSWERED.label)
    )
    log_out(page)

    log_in(page, base, language, world.applicant, password=PASSWORD)
    page.goto(f"{base}/{language}/complaints/{complaint.pk}/")
    expect(page.get_by_test_id("complaint-answer")).to_have_text(
        "Шағым негізді: берушіге нұсқама берілді."
    )
    response = page.request.get(
        f"{base}/{language}/complaints/{complaint.pk}/documents/complaint_answer/{language}/"
    )
    assert response.ok
    reader = PdfReader(io.BytesIO(response.body()))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    body = world.quality_body.name_kk if language == "kk" else world.quality_body.name_ru
    assert body in text
    assert "Шағым негізді: берушіге нұсқама берілді." in text
