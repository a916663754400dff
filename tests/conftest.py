"""Fixtures for the whole suite."""

import pytest

from tests.factories import ClerkFactory, OrganisationFactory, SupervisorFactory, UserFactory

pytest_plugins = ["tests.patronat"]


@pytest.fixture(autouse=True)
def fresh_calendar():
    """Calendar overrides are cached per year; a rolled-back test fires no signal."""
    from guardianship_portal.workdays.calendar import clear_calendar_cache

    clear_calendar_cache()
    yield
    clear_calendar_cache()


@pytest.fixture
def applicant(db):
    return UserFactory()


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def clerk(db, organisation):
    return ClerkFactory(organisation=organisation)


@pytest.fixture
def supervisor(db, organisation):
    return SupervisorFactory(organisation=organisation)


@pytest.fixture(autouse=True)
def force_login_gives_the_second_factor(monkeypatch):
    """Django's force_login stands for a whole login: for staff that is IIN, password
    and the second factor (issue #14), so the session is marked as having given it, as
    django_otp.login does. The second factor itself is tested through the real pages
    (tests/guardianship_portal/accounts/test_second_factor.py)."""
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from guardianship_portal.accounts.second_factor import needs_second_factor

        if not needs_second_factor(user):
            return
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="portal", confirmed=True)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login)
