"""Install the test-only service for the tests of this folder only: the app is added to
INSTALLED_APPS (its ready() registers it, its templates/ joins the loaders) and leaves
with it, so the rest of the suite sees the five shipped services."""

import pytest
from django.test import modify_settings


@pytest.fixture(autouse=True)
def sixth_service_installed():
    with modify_settings(INSTALLED_APPS={"append": "tests.sixth_service"}):
        yield
