"""What the end-to-end browser tests share: expected texts, logging in, filing scans."""

import re

from django.utils import translation
from playwright.sync_api import Page, expect

# The password the flow tests give the accounts they create.
PASSWORD = "Qazaqstan-2026-portal"

# What the flow tests answer on the question pages (each adds its office).
CONTACTS = {
    "applicant_phone": "+7 701 555 44 33",
    "applicant_address": "Көкшетау қ., Абай к-сі, 10",
}
CHILD = {
    "children-0-last_name": "Серіков",
    "children-0-first_name": "Нұрлан",
    "children-0-birth_date": "2013-04-02",
}
PATRONAT_CHILD = {
    **CHILD,
    "children-0-birth_certificate_number": "0123456",
    "children-0-birth_certificate_date": "2013-04-10",
}
PATRONAT_SITUATION = {
    "answer_married": "no",
    "answer_home_owner": "yes",
    "answer_close_relative": "no",
    "answer_relative_or_step_parent": "no",
}
PATRONAT_DETAILS = {
    "place_of_birth": "Көкшетау қаласы",
    "identity_document_number": "045678912",
    "identity_document_issuer": "ҚР ІІМ",
    "identity_document_date": "2020-03-12",
    "bank_name": "Halyk Bank",
    "bank_account": "KZ86 125K ZT50 0410 0100",
}


def tr(language: str, text) -> str:
    """A message as the page shows it in ``language`` (msgid or lazy string)."""
    with translation.override(language):
        return str(translation.gettext(text)) if isinstance(text, str) else str(text)


def log_in(page: Page, base: str, language: str, user, password: str = PASSWORD) -> None:
    page.goto(f"{base}/{language}/accounts/login/")
    page.locator("#id_username").fill(user.iin)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    if "/second-factor/" in page.url:
        give_second_factor(page, user)
    expect(page.get_by_test_id("current-user")).to_have_count(1)


def give_second_factor(page: Page, user) -> None:
    """Staff: the code the authenticator app would show now, from the person's device
    (the page made it on the first visit; the live server shares this database)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from guardianship_portal.accounts.second_factor import current_code

    device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "pk").first()
    assert device is not None, "the second-factor page makes the device"
    page.locator("#id_code").fill(current_code(device))
    page.get_by_test_id("second-factor-form").locator("button[type=submit]").click()
    page.wait_for_load_state()


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


def answer_question_pages(page: Page, answers: dict[str, str]) -> None:
    """Answer the question pages of a new application (or of a draft's change) one
    page at a time, as a person would: on each page, every visible field named in
    ``answers`` is filled, selected or checked (in ``answers`` order, so a question
    comes before the follow-up it reveals), then Continue. Stops on leaving the pages;
    a page that comes back with its error summary fails with the summary's text."""
    while "/cabinet/apply/" in page.url or "/answers/" in page.url:
        form = page.get_by_test_id("question-form")
        for name, value in answers.items():
            radio = form.locator(f"input[type=radio][name='{name}'][value='{value}']")
            if radio.count():
                if radio.first.is_visible():
                    radio.first.check()
                continue
            field = form.locator(f"[name='{name}']:not([type=hidden])")
            if field.count() and field.first.is_visible():
                if field.first.evaluate("e => e.tagName") == "SELECT":
                    field.first.select_option(value)
                else:
                    field.first.fill(value)
        before = page.url
        with page.expect_navigation():
            form.get_by_test_id("continue").click()
        summary = page.get_by_test_id("error-summary")
        if page.url == before and summary.count():
            raise AssertionError(summary.inner_text())


def file_from_check_page(page: Page) -> None:
    """From a draft's documents page: check your answers, confirm, sign with the code
    the (fake) SMS gateway received, which files it."""
    page.get_by_test_id("to-check").click()
    page.locator("#confirm").check()
    page.get_by_test_id("file").click()
    sign_with_sms_code(page)
    expect(page.get_by_test_id("confirmation")).to_be_visible()


def sign_with_sms_code(page: Page) -> None:
    """On the signing page: ask for the code, read it as the phone would (the live
    server runs in this process, so the fake gateway's outbox is this one), enter it."""
    from guardianship_portal.gateways.sms import FakeSmsGateway

    before = len(FakeSmsGateway.sent)
    page.get_by_test_id("sign-sms").locator("button[type=submit]").first.click()
    expect(page.locator("#id_code")).to_be_visible()
    assert len(FakeSmsGateway.sent) > before
    code = re.search(r"\b(\d{6})\b", FakeSmsGateway.sent[-1][1]).group(1)
    page.locator("#id_code").fill(code)
    page.get_by_test_id("sign-sms").get_by_role("button").first.click()
