import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from guardianship_portal.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's password


def login_url(language="kk"):
    with translation.override(language):
        return reverse("accounts:login")


def test_login_with_iin_and_password(client, applicant):
    response = client.post(login_url(), {"username": applicant.iin, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(applicant.pk)


def test_login_switches_to_the_remembered_language(client, applicant):
    User.objects.filter(pk=applicant.pk).update(preferred_language="ru")
    response = client.post(login_url("kk"), {"username": applicant.iin, "password": PASSWORD})
    assert response["Location"].startswith("/ru/")
    assert response.cookies["portal_language"].value == "ru"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_wrong_password_says_so_in_the_page_language(client, applicant, language):
    response = client.post(login_url(language), {"username": applicant.iin, "password": "wrong"})
    assert response.status_code == 200
    with translation.override(language):
        expected = translation.gettext(
            "The IIN or the password is wrong. Check the digits of the IIN; the password is case-sensitive."
        )
    assert expected in response.content.decode()


def test_malformed_iin_on_login_is_explained(client):
    response = client.post(login_url(), {"username": "12ab", "password": "x"})
    with translation.override("kk"):
        expected = translation.gettext("An IIN is exactly 12 digits.")
    assert expected in response.content.decode()


@override_settings(AXES_FAILURE_LIMIT=3)
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_repeated_failures_lock_the_login_with_a_clear_message(client, applicant, language):
    for _ in range(3):
        client.post(login_url(language), {"username": applicant.iin, "password": "wrong"})
    response = client.post(login_url(language), {"username": applicant.iin, "password": PASSWORD})
    assert response.status_code == 429
    with translation.override(language):
        expected = translation.ngettext(
            "Logging in with this IIN is blocked for %(minutes)s minute. Wait and try again, or reset your password.",
            "Logging in with this IIN is blocked for %(minutes)s minutes. Wait and try again, or reset your password.",
            15,
        ) % {"minutes": 15}
    assert expected in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link_that_sets_a_new_password(client, applicant):
    with translation.override("kk"):
        url = reverse("accounts:password_reset")
    response = client.post(url, {"email": applicant.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password-reset/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Another-strong-2026", "new_password2": "Another-strong-2026"}
    )
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.check_password("Another-strong-2026")
