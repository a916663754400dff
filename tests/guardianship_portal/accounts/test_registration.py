import re
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from guardianship_portal.accounts.iin import make_iin
from guardianship_portal.accounts.models import User
from guardianship_portal.gateways.sms import FakeSmsGateway

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_throttle():
    """The registration throttle and the owner notices count in the cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


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


def register(client, language="kk", REMOTE_ADDR="127.0.0.1", **overrides):
    with translation.override(language):
        url = reverse("accounts:register")
    return client.post(url, form_data(**overrides), REMOTE_ADDR=REMOTE_ADDR)


def page_text(response) -> str:
    """The page without its CSRF tokens (new on every page)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def activation_link(message) -> str:
    return re.search(r"https?://\S+/activate/\S+/", message.body).group(0)


def test_valid_registration_creates_an_applicant_and_logs_in(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client)
    assert response.status_code == 302
    # The account opens with the link of the e-mail (the page tells nothing about the IIN).
    assert not User.objects.get(iin=VALID_IIN).is_active
    assert "_auth_user_id" not in client.session
    (message,) = mail.outbox
    assert message.to == ["dauren@example.kz"]
    path = urlsplit(activation_link(message)).path
    response = client.get(path)
    assert response.status_code == 302
    user = User.objects.get(iin=VALID_IIN)
    assert user.is_active
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


def test_a_known_iin_gets_the_same_answer_and_its_owner_is_told(
    client, applicant, django_capture_on_commit_callbacks
):
    """Issue #13: registration told anyone whether an IIN has an account."""
    FakeSmsGateway.sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        unknown = register(client, email="new@example.kz")
    with django_capture_on_commit_callbacks(execute=True):
        known = register(client, iin=applicant.iin, email="stranger@example.kz")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert page_text(client.get(known["Location"])) == page_text(client.get(unknown["Location"]))
    assert User.objects.filter(iin=applicant.iin).count() == 1
    assert User.objects.get(iin=applicant.iin).email == applicant.email  # nothing taken over
    # The new address gets an activation link; the owner, not the stranger, a notice.
    assert [m.to for m in mail.outbox] == [["new@example.kz"], [applicant.email]]
    assert "/activate/" not in mail.outbox[1].body
    with translation.override("kk"):
        assert translation.gettext("Log in:") in mail.outbox[1].body
    assert [phone for phone, _text in FakeSmsGateway.sent] == [applicant.phone]


def test_the_owner_is_told_once_per_cooloff_however_often_a_stranger_tries(
    client, applicant, django_capture_on_commit_callbacks
):
    FakeSmsGateway.sent.clear()
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            register(client, iin=applicant.iin)
    assert len(mail.outbox) == 1
    assert len(FakeSmsGateway.sent) == 1


def test_a_staff_iin_is_not_told_either(client, clerk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, iin=clerk.iin)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:register_sent")
    assert [m.to for m in mail.outbox] == [[clerk.email]]


def test_an_unopened_registration_gets_its_link_again(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(client)
    with django_capture_on_commit_callbacks(execute=True):
        register(client, email="other@example.kz")
    assert [m.to for m in mail.outbox] == [["dauren@example.kz"], ["dauren@example.kz"]]
    assert User.objects.get(iin=VALID_IIN).email == "dauren@example.kz"


def test_an_expired_unopened_registration_does_not_hold_the_iin(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(client)
    User.objects.filter(iin=VALID_IIN).update(date_joined=timezone.now() - timedelta(days=30))
    with django_capture_on_commit_callbacks(execute=True):
        register(client, email="other@example.kz")
    assert User.objects.filter(iin=VALID_IIN).count() == 1
    assert User.objects.get(iin=VALID_IIN).email == "other@example.kz"
    assert mail.outbox[-1].to == ["other@example.kz"]
    client.get(urlsplit(activation_link(mail.outbox[-1])).path)
    assert User.objects.get(iin=VALID_IIN).is_active


def test_an_activation_link_works_once(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(client)
    path = urlsplit(activation_link(mail.outbox[0])).path
    assert client.get(path).status_code == 302
    client.logout()
    response = client.get(path)
    assert response.status_code == 400
    assert 'data-testid="activation-invalid"' in response.content.decode()
    assert client.get(path.replace("/activate/", "/activate/x")).status_code == 400


@override_settings(REGISTRATION_LIMIT=3)
def test_registration_is_throttled_per_address(client):
    """Issue #13: 30 registration posts went through in half a second."""
    answers = [register(client, iin="12345").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    response = register(client, language="ru")
    assert response.status_code == 429
    with translation.override("ru"):
        assert translation.gettext("Too many registration attempts") in response.content.decode()
    assert not User.objects.filter(iin=VALID_IIN).exists()
    # Another address is not held back.
    assert register(client, REMOTE_ADDR="10.0.0.9").status_code == 302


def test_weak_password_is_refused(client):
    response = register(client, password1="12345678", password2="12345678")
    assert "password1" in response.context["form"].errors
    assert not User.objects.filter(iin=VALID_IIN).exists()


def test_spaces_in_iin_are_forgiven(client):
    spaced = f"{VALID_IIN[:6]} {VALID_IIN[6:]}"
    assert register(client, iin=spaced).status_code == 302
    assert User.objects.filter(iin=VALID_IIN).exists()
