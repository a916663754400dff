"""The clerk's page in a browser (issue #12): accepting a file whose scans are not
checked asks first, and a refused action brings the focus to its message, with the
folded action it belongs to opened, in both languages."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from applications.actions import application_submit, attachment_add, missing_documents
from applications.models import Application
from tests.browser.conftest import shot
from tests.browser.helpers import log_in, tr
from tests.files import pdf_upload
from tests.patronat import draft_for

pytestmark = pytest.mark.browser
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's
FRIDAY_MORNING = datetime(2026, 11, 20, 11, 0, tzinfo=ZoneInfo("Asia/Almaty"))


@pytest.fixture
def filed(transactional_db, patronat_applicant, patronat_office) -> Application:
    draft = draft_for(patronat_applicant, patronat_office)
    for item in missing_documents(draft):
        attachment_add(
            application=draft, item=item.code, upload=pdf_upload(), actor=patronat_applicant
        )
    return application_submit(
        application=draft, actor=patronat_applicant, accepted_at=FRIDAY_MORNING
    )


def focused_text(page: Page) -> str:
    return page.evaluate("() => document.activeElement.innerText || ''")


UNCHECKED_REFUSAL = (
    "Some scans are not checked yet. Check them first, or confirm that you accept the "
    "documents without checking them."
)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_accepting_unchecked_scans_asks_first(
    page: Page, live_server, filed, patronat_clerk, language
):
    base = live_server.url
    log_in(page, base, language, patronat_clerk, password=PASSWORD)
    page.goto(f"{base}/{language}/office/{filed.pk}/")
    form = page.locator("form[data-action=accept_documents]")
    warning = form.get_by_test_id("unchecked-scans")
    expect(warning).to_contain_text(tr(language, "These scans are not checked yet:"))
    confirm = form.get_by_label(tr(language, "I accept the documents without checking these scans"))
    expect(confirm).not_to_be_checked()
    shot(page, f"staff-unchecked-scans-{language}")

    # Without the tick the server refuses, in the page's language (the form leaves the
    # check to the server: no browser message in English).
    form.locator("button[type=submit]").click()
    expect(page.get_by_text(tr(language, UNCHECKED_REFUSAL)).first).to_be_visible()
    filed.refresh_from_db()
    assert filed.state == "completeness_check"

    form = page.locator("form[data-action=accept_documents]")
    confirm = form.get_by_label(tr(language, "I accept the documents without checking these scans"))
    confirm.check()
    form.locator("button[type=submit]").click()
    expect(page.locator(".alert-success")).to_have_count(1)
    filed.refresh_from_db()
    assert filed.state != "completeness_check"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_refused_action_takes_the_focus_to_its_message(
    page: Page, live_server, filed, patronat_clerk, language
):
    """Refusing to accept with no document marked missing: the page comes back with the
    message focused (read out), and the refusal's folded form open again."""
    base = live_server.url
    log_in(page, base, language, patronat_clerk, password=PASSWORD)
    page.goto(f"{base}/{language}/office/{filed.pk}/")
    details = page.locator("details#action-refuse_to_accept")
    details.locator("summary").click()
    form = details.locator("form")
    for box in form.locator("input[name=missing]:checked").all():
        box.uncheck()
    form.locator("textarea[name=reason]").fill("Толық емес")
    form.get_by_label(tr(language, "I confirm: this ends the application")).check()
    form.locator("button[type=submit]").click()

    message = page.get_by_role("alert").filter(
        has_text=tr(language, "Mark the documents that are missing.")
    )
    expect(message).to_be_focused()
    assert tr(language, "Mark the documents that are missing.") in focused_text(page)
    expect(details).to_have_attribute("open", "")
    filed.refresh_from_db()
    assert filed.state == "completeness_check"
    shot(page, f"staff-refused-focus-{language}")
