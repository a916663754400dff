import pytest
from django.urls import reverse
from django.utils import translation

from guardianship_portal.accounts.models import User

pytestmark = pytest.mark.django_db


def test_root_opens_in_kazakh_whatever_the_browser_prefers(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ru,en;q=0.8")
    assert response.status_code == 302
    assert response["Location"] == "/kk/"


def test_root_uses_the_language_cookie(client):
    client.cookies["portal_language"] = "ru"
    assert client.get("/")["Location"] == "/ru/"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_home_renders_in_each_language(client, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    with translation.override(language):
        assert translation.gettext("State services for children, online") in html


@pytest.mark.parametrize(
    "page",
    ["/kk/accounts/login/", "/kk/accounts/register/", "/kk/services/patronat/", "/kk/"],
)
def test_switching_language_stays_on_the_same_page(client, page):
    response = client.post(reverse("set_language"), {"language": "ru", "next": page})
    assert response.status_code == 302
    assert response["Location"] == "/ru/" + page[len("/kk/") :]
    assert response.cookies["portal_language"].value == "ru"


def test_switching_language_keeps_the_query_string(client):
    response = client.post(reverse("set_language"), {"language": "ru", "next": "/kk/services/?q=1"})
    assert response["Location"] == "/ru/services/?q=1"


def test_switching_language_refuses_foreign_redirects(client):
    response = client.post(
        reverse("set_language"), {"language": "ru", "next": "https://evil.example/"}
    )
    assert response["Location"].startswith("/")


def test_choice_is_remembered_for_a_logged_in_user(client, applicant):
    client.force_login(applicant)
    client.post(reverse("set_language"), {"language": "ru", "next": "/kk/"})
    applicant.refresh_from_db()
    assert applicant.preferred_language == "ru"
    assert client.get("/")["Location"] == "/ru/"


def test_unknown_language_is_ignored(client, applicant):
    client.force_login(applicant)
    client.post(reverse("set_language"), {"language": "de", "next": "/kk/"})
    applicant.refresh_from_db()
    assert applicant.preferred_language == "kk"
    assert User.objects.filter(preferred_language="de").count() == 0


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_form_without_csrf_token_gets_a_translated_page(language, applicant):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"/{language}/accounts/login/", {"username": applicant.iin, "password": "x"}
    )
    assert response.status_code == 403
    with translation.override(language):
        assert translation.gettext("The form has expired") in response.content.decode()


def test_the_switcher_returns_to_a_page_that_takes_get(rf):
    """A page drawn in answer to a form sent (a refused action) is at an address that
    only takes POST: the switcher goes back to the page the form was on instead."""
    from guardianship_portal.core.context_processors import language_next

    assert language_next(rf.get("/kk/office/?page=2")) == "/kk/office/?page=2"
    sent = rf.post(
        "/kk/payments/registers/2026-03/approve/",
        HTTP_REFERER="http://testserver/kk/payments/registers/2026-03/?page=2",
    )
    assert language_next(sent) == "/kk/payments/registers/2026-03/?page=2"
    elsewhere = rf.post("/kk/office/1/act/", HTTP_REFERER="https://evil.example/kk/")
    assert language_next(elsewhere) == "/"
