"""Issue #14, item 3: staff log in with a second factor (TOTP); applicants do not."""

from __future__ import annotations

import time
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from guardianship_portal.accounts.models import Role
from tests.factories import ClerkFactory, SupervisorFactory, UserFactory

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def enforced(settings):
    settings.STAFF_SECOND_FACTOR = True


def log_in(client, user, language="kk"):
    response = client.post(
        f"/{language}/accounts/login/", {"username": user.iin, "password": PASSWORD}
    )
    assert response.status_code == 302, response.content[:500]
    return response


def code_for(device: TOTPDevice, offset_steps: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time() + offset_steps * device.step
    return f"{totp.token():06d}"


def test_a_clerk_enrols_on_the_first_login_then_reaches_the_queue(client, db):
    clerk = ClerkFactory()
    log_in(client, clerk, "ru")
    response = client.get("/ru/office/")
    assert response.status_code == 302
    assert response["Location"].startswith("/ru/accounts/second-factor/?next=")

    page = client.get(response["Location"])
    text = page.content.decode()
    assert "Настройте второй шаг входа" in text
    assert 'data-testid="totp-secret"' in text and "data:image/svg+xml" in text
    device = TOTPDevice.objects.get(user=clerk)
    assert not device.confirmed
    secret = page.context["secret"].replace(" ", "")
    assert b32decode(secret + "=" * (-len(secret) % 8)) == device.bin_key
    # The same QR code on a reload (no second device).
    client.get(response["Location"])
    assert TOTPDevice.objects.filter(user=clerk).count() == 1

    wrong = client.post("/ru/accounts/second-factor/", {"code": "000000", "next": "/ru/office/"})
    assert "Код неверный" in wrong.content.decode()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    done = client.post(
        "/ru/accounts/second-factor/", {"code": code_for(device), "next": "/ru/office/"}
    )
    assert done.status_code == 302 and done["Location"] == "/ru/office/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/ru/office/").status_code == 200


def test_an_enrolled_supervisor_gives_a_code_at_every_login(client, db):
    supervisor = SupervisorFactory()
    device = TOTPDevice.objects.create(user=supervisor, name="portal", confirmed=True)
    log_in(client, supervisor)
    prompt = client.get("/kk/accounts/second-factor/")
    text = prompt.content.decode()
    assert "Аутентификатор қосымшасындағы код" in text
    assert 'data-testid="totp-secret"' not in text  # no secret shown once enrolled
    assert client.get("/kk/supervision/").status_code == 302
    assert client.post("/kk/accounts/second-factor/", {"code": "12"}).context["form"].errors
    client.post("/kk/accounts/second-factor/", {"code": code_for(device)})
    assert client.get("/kk/supervision/").status_code == 200

    # A new login needs a new code.
    client.post("/kk/accounts/logout/")
    log_in(client, supervisor)
    assert client.get("/kk/supervision/").status_code == 302


def test_wrong_codes_slow_down_even_the_right_one(client, db):
    clerk = ClerkFactory()
    device = TOTPDevice.objects.create(user=clerk, name="portal", confirmed=True)
    log_in(client, clerk)
    for _ in range(2):
        client.post("/kk/accounts/second-factor/", {"code": "000000"})
    response = client.post("/kk/accounts/second-factor/", {"code": code_for(device)})
    assert "Қате код тым көп" in response.content.decode()
    assert client.get("/kk/office/").status_code == 302


def test_the_admin_is_behind_the_second_factor_too(client, db):
    admin = UserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    log_in(client, admin)
    response = client.get("/kk/admin/")
    assert response.status_code == 302 and "/second-factor/" in response["Location"]


def test_applicants_log_in_with_iin_and_password_only(client, db):
    applicant = UserFactory()
    log_in(client, applicant)
    assert client.get("/kk/cabinet/").status_code == 200
    assert client.get("/kk/accounts/second-factor/").status_code == 302
    assert not TOTPDevice.objects.exists()


def test_demo_staff_are_enrolled_with_the_known_secret(client, db):
    from io import StringIO

    from django.core.management import call_command

    from guardianship_portal.accounts.second_factor import enrol_demo_staff

    clerk, applicant = ClerkFactory(), UserFactory()
    assert enrol_demo_staff([clerk, applicant]) == 1
    out = StringIO()
    call_command("demo_totp", stdout=out)
    iin, code, *_name = out.getvalue().split()
    assert iin == clerk.iin and len(code) == 6
    log_in(client, clerk)
    client.post("/kk/accounts/second-factor/", {"code": code})
    assert client.get("/kk/office/").status_code == 200
