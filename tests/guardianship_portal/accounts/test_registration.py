from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from guardianship_portal.accounts.iin import make_iin
from guardianship_portal.accounts.models import User

pytestmark = pytest.mark.django_db

VALID_IIN = make_iin(date(1990, 1, 1), male=True, serial=77)


def form_data(**overrides):
    data = {
        "iin": VALID_IIN,
        "last_name": "Сейітов",
        "first_name": "Дәурен",
        "middle_name": "",
        "phone": "8 701 555 44 33",
        "email": "dauren@example.kz",
        "password1": "Qazaqstan-2026-portal",
        "password2": "Qazaqstan-2026-portal",
    }
    data.update(overrides)
    return data


def register(client, language="kk", **overrides):
    with translation.override(language):
        url = reverse("accounts:register")
    return client.post(url, form_data(**overrides))


def test_valid_registration_creates_an_applicant_and_logs_in(client):
    response = register(client)
    assert response.status_code == 302
    user = User.objects.get(iin=VALID_IIN)
    assert user.role == "applicant"
    assert user.phone == "+77015554433"
    assert user.has_perm("accounts.file_application")
    assert not user.has_perm("accounts.work_queue")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_registration_remembers_the_page_language(client):
    register(client, language="ru")
    assert User.objects.get(iin=VALID_IIN).preferred_language == "ru"


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize(
    ("overrides", "field", "msgid"),
    [
        (
            {"iin": VALID_IIN[:11] + str((int(VALID_IIN[11]) + 1) % 10)},
            "iin",
            "This IIN has a wrong check digit: please check each digit.",
        ),
        ({"iin": "12345"}, "iin", "An IIN is exactly 12 digits."),
        (
            {"iin": "901301300770"},
            "iin",
            "The first six digits of an IIN must be a real birth date (YYMMDD).",
        ),
        ({"phone": "12345"}, "phone", "Enter the phone as +7 and ten digits, e.g. +77011234567."),
        ({"password2": "something-else-2026"}, "password2", "The two passwords differ."),
    ],
    ids=["check-digit", "length", "birth-date", "phone", "password-mismatch"],
)
def test_bad_input_is_explained_in_the_page_language_and_nothing_is_saved(
    client, language, overrides, field, msgid
):
    response = register(client, language=language, **overrides)
    assert response.status_code == 200
    with translation.override(language):
        expected = translation.gettext(msgid)
    assert expected in response.context["form"].errors[field]
    assert expected in response.content.decode()
    assert not User.objects.filter(email="dauren@example.kz").exists()


def test_duplicate_iin_gets_a_clear_message(client, applicant):
    response = register(client, iin=applicant.iin)
    with translation.override("kk"):
        expected = translation.gettext(
            "An account with this IIN already exists. Log in or reset your password."
        )
    assert response.context["form"].errors["iin"] == [expected]
    assert User.objects.filter(iin=applicant.iin).count() == 1


def test_weak_password_is_refused(client):
    response = register(client, password1="12345678", password2="12345678")
    assert "password1" in response.context["form"].errors
    assert not User.objects.filter(iin=VALID_IIN).exists()


def test_spaces_in_iin_are_forgiven(client):
    spaced = f"{VALID_IIN[:6]} {VALID_IIN[6:]}"
    assert register(client, iin=spaced).status_code == 302
    assert User.objects.filter(iin=VALID_IIN).exists()
