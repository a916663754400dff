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
