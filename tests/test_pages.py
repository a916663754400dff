"""Every page reachable so far renders for every role in both languages: no 500."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import SERVICE_CODES, UserFactory

pytestmark = pytest.mark.django_db

PUBLIC = [
    "core:home",
    "catalogue:list",
    "accounts:login",
    "accounts:register",
    "accounts:password_reset",
]
PUBLIC += [("catalogue:detail", code) for code in SERVICE_CODES]
BY_ROLE = {
    "applicant": ["cabinet:list"],
    "clerk": ["office:queue"],
    "supervisor": ["supervision:dashboard", "office:queue", "supervision:audit"],
    "administrator": [
        "admin:index",
        "admin:accounts_user_changelist",
        "admin:organisations_organisation_changelist",
        "admin:workdays_calendaroverride_changelist",
        "admin:accounts_user_add",
        "admin:organisations_organisation_add",
        "admin:workdays_calendaroverride_add",
        "supervision:audit",
        "admin:applications_accesslog_changelist",
        "admin:applications_applicationevent_changelist",
    ],
}


def url(name):
    if isinstance(name, tuple):
        return reverse(name[0], args=name[1:])
    return reverse(name)


@pytest.fixture
def administrator(db):
    return UserFactory(role="administrator", is_staff=True, is_superuser=True)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_public_pages(client, language):
    with translation.override(language):
        for name in PUBLIC:
            response = client.get(url(name))
            assert response.status_code == 200, name
            assert f'lang="{language}"' in response.content.decode(), name


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("role", list(BY_ROLE))
def test_role_pages(client, language, role, applicant, clerk, supervisor, administrator):
    users = {
        "applicant": applicant,
        "clerk": clerk,
        "supervisor": supervisor,
        "administrator": administrator,
    }
    client.force_login(users[role])
    with translation.override(language):
        for name in BY_ROLE[role]:
            response = client.get(url(name))
            assert response.status_code == 200, name


def test_unknown_page_is_a_translated_404(client):
    response = client.get("/ru/no-such-page/")
    assert response.status_code == 404
    with translation.override("ru"):
        assert translation.gettext("Page not found") in response.content.decode()
