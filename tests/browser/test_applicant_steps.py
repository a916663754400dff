"""The applicant's steps on a phone (390x844), in Kazakh and in Russian: question pages
with a back link, a follow-up revealed by its answer, the error summary taking the
focus, "check your answers" with a Change link that brings the applicant back with the
other answers kept, the confirmation page after filing, the confirmation before
withdrawing, and deleting a draft. No page scrolls sideways."""

import pytest
from playwright.sync_api import Page, expect

from applications.models import Application
from tests.browser.conftest import shot
from tests.browser.helpers import (
    CONTACTS,
    PATRONAT_CHILD,
    PATRONAT_DETAILS,
    PATRONAT_SITUATION,
    answer_question_pages,
    attach_every_scan,
    log_in,
    sign_with_sms_code,
    tr,
)
from tests.browser.test_patronat_flow import people  # noqa: F401 (a fixture)
from tests.files import make_pdf

CHILD = PATRONAT_CHILD
SITUATION = PATRONAT_SITUATION
DETAILS = PATRONAT_DETAILS


def no_sideways_scroll(page: Page) -> None:
    """Neither at this phone's width nor at 360 px does the page scroll sideways."""
    size = page.viewport_size
    for width in (size["width"], 360):
        page.set_viewport_size({"width": width, "height": size["height"]})
        scrolled = page.evaluate("() => document.documentElement.scrollWidth")
        assert scrolled <= width, (page.url, width, scrolled)
    page.set_viewport_size(size)


def continue_(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_test_id("continue").click()


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_question_pages_check_answers_and_filing(
    page: Page,
    live_server,
    people,  # noqa: F811
    language,
    tmp_path,
):
    office, _clerk, applicant = people
    base = live_server.url
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(make_pdf(1))
    log_in(page, base, language, applicant)
    page.goto(f"{base}/{language}/cabinet/apply/patronat/")
    no_sideways_scroll(page)

    # A page sent with a problem: the summary is announced and takes the focus, its
    # link leads to the field, and the field says what is wrong.
    page.locator("#id_applicant_phone").fill("")
    continue_(page)
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    summary.locator("a[href='#id_organisation']").click()
    expect(page.locator("#id_organisation")).to_be_focused()
    expect(page.locator("#id_applicant_phone")).to_have_attribute("aria-invalid", "true")
    shot(page, f"steps-{language}-1-error-summary")
    page.locator("#id_organisation").select_option(str(office.pk))
    for name, value in CONTACTS.items():
        page.locator(f"[name={name}]").fill(value)
    continue_(page)

    # The back link returns to the page before, with its answers kept.
    page.get_by_test_id("back-link").click()
    expect(page.locator("#id_applicant_address")).to_have_value(CONTACTS["applicant_address"])
    continue_(page)
    for name, value in CHILD.items():
        page.locator(f"[name='{name}']").fill(value)
    continue_(page)

    # The follow-up appears with its answer, and goes with the other one.
    follow_up = page.locator("[data-follow-up-of=answer_married]")
    expect(follow_up).to_be_hidden()
    page.locator("input[name=answer_married][value=yes]").check()
    expect(follow_up).to_be_visible()
    shot(page, f"steps-{language}-2-follow-up")
    page.locator("input[name=answer_married][value=no]").check()
    expect(follow_up).to_be_hidden()
    no_sideways_scroll(page)
    answer_question_pages(page, {**SITUATION, **DETAILS})
    application = Application.objects.get(applicant=applicant)
    assert "marriage_not_in_registry" not in application.answers

    # Documents, then "check your answers"; Change brings the page back, then the check.
    attach_every_scan(page, scan)
    page.get_by_test_id("to-check").click()
    expect(page.get_by_test_id("check-details")).to_contain_text(DETAILS["place_of_birth"])
    no_sideways_scroll(page)
    shot(page, f"steps-{language}-3-check")
    page.get_by_test_id("check-contacts").locator("a[href*='#id_applicant_address']").click()
    page.locator("#id_applicant_address").fill("Көкшетау қ., Ауэзов к-сі, 3")
    continue_(page)
    expect(page.get_by_test_id("check-contacts")).to_contain_text("Ауэзов к-сі, 3")
    expect(page.get_by_test_id("check-details")).to_contain_text(DETAILS["place_of_birth"])
    expect(page.get_by_test_id("check-children")).to_contain_text("Серіков Нұрлан")

    # Filing without the confirmation ticked: the summary says so; then filed.
    page.get_by_test_id("file").click()
    expect(page.get_by_test_id("error-summary")).to_be_focused()
    page.locator("#confirm").check()
    page.get_by_test_id("file").click()
    # Signing (issue #14): the code by SMS, then the confirmation page.
    expect(page.get_by_test_id("sign-sms")).to_be_visible()
    no_sideways_scroll(page)
    shot(page, f"steps-{language}-4a-sign")
    sign_with_sms_code(page)
    expect(page.get_by_test_id("application-number")).to_be_visible()
    application.refresh_from_db()
    expect(page.get_by_test_id("application-number")).to_have_text(application.number)
    expect(page.get_by_test_id("next-steps")).to_contain_text(
        application.due_on.strftime("%d.%m.%Y")
    )
    expect(page.locator("main")).to_contain_text(tr(language, "What happens next"))
    no_sideways_scroll(page)
    shot(page, f"steps-{language}-4-confirmation")

    # Withdrawing: a page that says what happens, and nothing changes before the "yes".
    page.goto(f"{base}/{language}/cabinet/{application.pk}/")
    page.get_by_test_id("withdraw-link").click()
    expect(page.get_by_test_id("withdraw-warning")).to_be_visible()
    shot(page, f"steps-{language}-5-withdraw-confirmation")
    application.refresh_from_db()
    assert application.state == "completeness_check"
    page.get_by_role("link", name=tr(language, "No, keep the application")).click()
    application.refresh_from_db()
    assert application.state == "completeness_check"
    page.get_by_test_id("withdraw-link").click()
    page.get_by_test_id("confirm-withdraw").click()
    expect(page.locator(".alert-success")).to_have_count(1)
    application.refresh_from_db()
    assert application.state == "withdrawn"
    page.goto(f"{base}/{language}/cabinet/")
    no_sideways_scroll(page)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_draft_is_deleted_after_the_confirmation(
    page: Page,
    live_server,
    people,  # noqa: F811
    language,
):
    office, _clerk, applicant = people
    base = live_server.url
    log_in(page, base, language, applicant)
    page.goto(f"{base}/{language}/cabinet/apply/patronat/")
    answer_question_pages(
        page, {"organisation": str(office.pk), **CONTACTS, **CHILD, **SITUATION, **DETAILS}
    )
    draft = Application.objects.get(applicant=applicant)
    page.get_by_test_id("delete-draft").click()
    expect(page.get_by_test_id("delete-warning")).to_be_visible()
    assert Application.objects.filter(pk=draft.pk).exists()
    shot(page, f"steps-{language}-delete-confirmation")
    page.get_by_test_id("confirm-delete").click()
    expect(page.locator(".alert-success")).to_have_count(1)
    assert not Application.objects.filter(pk=draft.pk).exists()


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_cabinet_on_a_phone_says_what_to_do_first(
    page: Page,
    live_server,
    people,  # noqa: F811
    language,
):
    """Come and sign the contract: where, what to bring, by when (overdue here), above
    the applications; the notifications fold to the latest three."""
    from datetime import timedelta

    from django.utils import timezone

    from applications.actions import application_submit, attachment_add, missing_documents
    from applications.models import Notification
    from tests.files import pdf_upload
    from tests.patronat import draft_for
    from tests.services.patronat.test_workflow import advance_to

    office, clerk, applicant = people
    draft = draft_for(applicant, office, language=language)
    for item in missing_documents(draft):
        attachment_add(application=draft, item=item.code, upload=pdf_upload(), actor=applicant)
    application = advance_to(
        application_submit(application=draft, actor=applicant), "contract_signing", clerk
    )
    Application.objects.filter(pk=application.pk).update(
        stage_due_on=timezone.localdate() - timedelta(days=1)
    )
    for n in range(20):
        Notification.objects.create(
            recipient=applicant, application=application, message_kk=f"№{n}", message_ru=f"№{n}"
        )
    log_in(page, live_server.url, language, applicant)
    page.goto(f"{live_server.url}/{language}/cabinet/")
    task = page.get_by_test_id("task")
    expect(task).to_contain_text(office.address_kk if language == "kk" else office.address_ru)
    expect(task.get_by_test_id("task-overdue")).to_be_visible()
    expect(page.get_by_test_id("notifications").locator("li")).to_have_count(3)
    box = page.get_by_test_id("applications").bounding_box()
    assert box is not None and box["y"] < page.viewport_size["height"] * 1.5
    no_sideways_scroll(page)
    shot(page, f"steps-{language}-cabinet-task")
    page.get_by_test_id("all-notifications-link").click()
    total = Notification.objects.filter(recipient=applicant).count()  # the stages' too
    every = page.get_by_test_id("all-notifications")
    expect(every.locator("li")).to_have_count(min(total, 25))  # a page of them
    expect(every).to_contain_text("№19")
