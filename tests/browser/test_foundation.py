"""First browser flows: language, registration, login, the service catalogue.

Every expected text is computed with Django's own translation machinery under
``translation.override(<page language>)``, so the assertions hold whether or not
the catalogues are translated yet.
"""

import re
from datetime import date
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation
from playwright.sync_api import Page, expect

from applications.registry import get_service
from guardianship_portal.accounts.forms import IINAuthenticationForm, RegistrationForm
from guardianship_portal.accounts.iin import make_iin, parse_iin
from guardianship_portal.accounts.models import User
from guardianship_portal.core.management.commands.seed_demo import DEMO_PASSWORD
from tests.browser.conftest import shot
from tests.browser.helpers import give_second_factor, tr
from tests.factories import SERVICE_CODES

pytestmark = pytest.mark.browser

NEW_IIN = make_iin(date(1990, 1, 1), male=True, serial=77)
# Same first eleven digits, another last digit: only the check digit is wrong.
BAD_IIN = NEW_IIN[:11] + str((int(NEW_IIN[11]) + 1) % 10)
STRONG_PASSWORD = "Kokshetau-Steppe-Wind-2026!"
PORTAL_NAVBAR_BLUE = "rgb(8, 66, 152)"  # static/css/portal.css: white on it is 9.4:1


# ----------------------------------------------------------------------------- helpers


def iin_error(language: str, value: str) -> str:
    """The message parse_iin gives for ``value``, as rendered in ``language``."""
    with translation.override(language):
        try:
            parse_iin(value)
        except ValidationError as error:
            return error.messages[0]
    raise AssertionError(f"{value} is a valid IIN")


def field_label(form_class, name: str, language: str) -> re.Pattern:
    """The accessible name of a form field's input: its label (crispy adds "*" when required)."""
    with translation.override(language):
        label = str(form_class()[name].label)
    return re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$")


def html_lang(page: Page):
    return page.locator("html")


def open_menu(page: Page) -> None:
    """On a phone the navbar is folded: unfold it as a person would (the toggler)."""
    page.wait_for_load_state("load")  # Bootstrap's JS is deferred: let it attach first.
    language = page.locator("html").get_attribute("lang") or "kk"
    toggler = page.get_by_role("navigation").get_by_role("button", name=tr(language, "Menu"))
    if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
        toggler.click()
        expect(toggler).to_have_attribute("aria-expanded", "true")


def switch_language(page: Page, button_text: str) -> None:
    """Click a language button; the switcher stays visible on a phone (menu folded)."""
    switcher = page.get_by_test_id("language-switcher")
    expect(switcher).to_be_visible()
    switcher.get_by_role("button", name=button_text).click()


def fill_registration(page: Page, language: str, *, iin: str, password: str | None) -> None:
    def field(name):
        return page.get_by_label(field_label(RegistrationForm, name, language))

    field("iin").fill(iin)
    field("last_name").fill("Серікбаев")
    field("first_name").fill("Нұржан")
    field("middle_name").fill("Әлібекұлы")
    field("phone").fill("+7 701 555 44 33")
    field("email").fill("nurzhan.serikbayev@example.kz")
    if password is not None:
        field("password1").fill(password)
        field("password2").fill(password)


def submit_main_form(page: Page, language: str, button_text) -> None:
    page.locator("main").get_by_role("button", name=tr(language, button_text), exact=True).click()


def expect_iin_error(page: Page, language: str, message: str) -> None:
    iin_input = page.get_by_label(field_label(RegistrationForm, "iin", language))
    expect(iin_input).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(page.locator("main").get_by_text(message, exact=True)).to_be_visible()


# ----------------------------------------------------------------------------- a. language


def test_root_opens_in_kazakh_and_switcher_keeps_the_page(page: Page, live_server):
    page.goto(live_server.url + "/")
    expect(page).to_have_url(f"{live_server.url}/kk/")
    expect(html_lang(page)).to_have_attribute("lang", "kk")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        tr("kk", "State services for children, online")
    )
    # The portal's CSS is served: the navbar wears its dark blue.
    expect(page.get_by_role("navigation").first).to_have_css("background-color", PORTAL_NAVBAR_BLUE)
    shot(page, "a1-home-kk")

    switch_language(page, "Русский")
    expect(page).to_have_url(f"{live_server.url}/ru/")
    expect(html_lang(page)).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        tr("ru", "State services for children, online")
    )
    shot(page, "a2-home-ru")

    # A page other than home: the switch keeps the person on the same page.
    page.goto(live_server.url + "/kk/accounts/login/")
    expect(html_lang(page)).to_have_attribute("lang", "kk")
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("kk", "Log in"))
    shot(page, "a3-login-kk")

    switch_language(page, "Русский")
    expect(page).to_have_url(f"{live_server.url}/ru/accounts/login/")
    expect(html_lang(page)).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("ru", "Log in"))
    # The current language's button is marked as current.
    switcher = page.get_by_test_id("language-switcher")
    expect(switcher.get_by_role("button", name="Русский")).to_have_attribute("aria-current", "true")
    shot(page, "a4-login-ru")

    # And back.
    switch_language(page, "Қазақша")
    expect(page).to_have_url(f"{live_server.url}/kk/accounts/login/")
    expect(html_lang(page)).to_have_attribute("lang", "kk")


# ----------------------------------------------------------------------------- b/d. registration


def test_register_refuses_a_wrong_iin_then_accepts_a_valid_one(page: Page, live_server):
    users_before = User.objects.count()
    page.goto(live_server.url + "/kk/accounts/register/")
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("kk", "Registration"))

    fill_registration(page, "kk", iin=BAD_IIN, password=STRONG_PASSWORD)
    submit_main_form(page, "kk", "Create account")
    expect(page).to_have_url(f"{live_server.url}/kk/accounts/register/")
    expect_iin_error(page, "kk", iin_error("kk", BAD_IIN))
    shot(page, "b1-register-bad-iin-kk")
    assert User.objects.count() == users_before
    assert not User.objects.filter(iin=BAD_IIN).exists()

    # The form keeps what was typed, except the passwords; fix the IIN and retype them.
    fill_registration(page, "kk", iin=NEW_IIN, password=STRONG_PASSWORD)
    submit_main_form(page, "kk", "Create account")

    # The same page for every IIN (issue #13); the account opens with the e-mailed link.
    expect(page.get_by_test_id("register-sent")).to_be_visible()
    (message,) = mail.outbox
    link = re.search(r"https?://\S+/activate/\S+/", message.body).group(0)
    page.goto(live_server.url + urlsplit(link).path)

    expect(page.get_by_role("alert")).to_contain_text(tr("kk", "Your account is created. Welcome!"))
    expect(page).not_to_have_url(re.compile(r"/accounts/register/"))
    open_menu(page)
    expect(page.get_by_test_id("current-user")).to_be_visible()
    expect(page.get_by_test_id("current-user")).to_have_text("Серікбаев Нұржан Әлібекұлы")
    shot(page, "b2-registered-kk")

    user = User.objects.get(iin=NEW_IIN)
    assert User.objects.count() == users_before + 1
    assert user.phone == "+77015554433"
    assert user.email == "nurzhan.serikbayev@example.kz"
    assert user.role == "applicant"
    assert user.preferred_language == "kk"
    assert user.check_password(STRONG_PASSWORD)


def test_register_in_russian_shows_the_iin_error_in_russian(page: Page, live_server):
    users_before = User.objects.count()
    page.goto(live_server.url + "/ru/accounts/register/")
    expect(html_lang(page)).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("ru", "Registration"))

    fill_registration(page, "ru", iin=BAD_IIN, password=STRONG_PASSWORD)
    submit_main_form(page, "ru", "Create account")
    expect(page).to_have_url(f"{live_server.url}/ru/accounts/register/")
    expect(html_lang(page)).to_have_attribute("lang", "ru")
    expect_iin_error(page, "ru", iin_error("ru", BAD_IIN))
    shot(page, "d1-register-bad-iin-ru")
    assert User.objects.count() == users_before


# ----------------------------------------------------------------------------- c. login


def test_clerk_logs_in_to_the_office_queue(page: Page, live_server, demo_clerk):
    def field(name):
        return page.get_by_label(field_label(IINAuthenticationForm, name, "kk"))

    login_url = f"{live_server.url}/kk/accounts/login/"
    page.goto(login_url)

    # A wrong password: the error, and still the login page.
    field("username").fill(demo_clerk.iin)
    field("password").fill("not-the-password")
    submit_main_form(page, "kk", "Log in")
    expect(page).to_have_url(login_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("kk", "Log in"))
    expect(
        page.locator("main").get_by_text(
            tr("kk", IINAuthenticationForm.error_messages["invalid_login"]), exact=True
        )
    ).to_be_visible()
    shot(page, "c1-login-wrong-password")

    # The right password: the clerk's own office queue.
    field("username").fill(demo_clerk.iin)
    field("password").fill(DEMO_PASSWORD)
    submit_main_form(page, "kk", "Log in")
    # Staff give their second factor (issue #14): the demo clerk is enrolled.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        tr("kk", "Code from the authenticator app")
    )
    shot(page, "c1-login-second-factor")
    give_second_factor(page, demo_clerk)
    expect(page).to_have_url(f"{live_server.url}/kk/office/")
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("kk", "Office queue"))
    expect(
        page.locator("main").get_by_text(demo_clerk.organisation.name_kk, exact=True)
    ).to_be_visible()
    expect(page.get_by_test_id("queue-count")).to_be_visible()
    open_menu(page)
    expect(page.get_by_test_id("current-user")).to_be_visible()
    expect(page.get_by_test_id("current-user")).to_have_text(demo_clerk.full_name)
    shot(page, "c2-office-queue")


# ----------------------------------------------------------------------------- e. catalogue


@pytest.mark.parametrize("code", SERVICE_CODES)
def test_catalogue_page_of_each_service(page: Page, live_server, code):
    response = page.goto(f"{live_server.url}/kk/services/{code}/")
    assert response is not None
    assert response.status == 200, f"/kk/services/{code}/ answered {response.status}"
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_count(1)
    expect(heading).to_be_visible()
    expect(heading).to_contain_text(tr("kk", get_service(code).title))
    shot(page, f"e-catalogue-{code}")
