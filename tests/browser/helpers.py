"""What the end-to-end browser tests share: expected texts, logging in, filing scans."""

from django.utils import translation
from playwright.sync_api import Page, expect

# The password the flow tests give the accounts they create.
PASSWORD = "Qazaqstan-2026-portal"


def tr(language: str, text) -> str:
    """A message as the page shows it in ``language`` (msgid or lazy string)."""
    with translation.override(language):
        return str(translation.gettext(text)) if isinstance(text, str) else str(text)


def log_in(page: Page, base: str, language: str, user, password: str = PASSWORD) -> None:
    page.goto(f"{base}/{language}/accounts/login/")
    page.locator("#id_username").fill(user.iin)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_test_id("current-user")).to_have_count(1)


def log_out(page: Page) -> None:
    page.context.clear_cookies()


def attach_every_scan(page: Page, scan_path) -> None:
    """On a draft's page, attach the file to each document still without one (✓ marks
    the attached ones), one upload per page load as a person would."""
    while True:
        items = page.locator("li.list-group-item").filter(has=page.locator("input[type=file]"))
        missing = items.filter(has_not=page.locator("text=✓"))
        if missing.count() == 0:
            return
        item = missing.first
        item.locator("input[type=file]").set_input_files(str(scan_path))
        item.locator("button[type=submit]").click()
        expect(page.locator(".alert-success")).to_have_count(1)
