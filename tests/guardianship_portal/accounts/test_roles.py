import pytest
from django.core.exceptions import ValidationError

from guardianship_portal.accounts.models import Role, User
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("page", "allowed_role"),
    [("/kk/cabinet/", "applicant"), ("/kk/office/", "clerk"), ("/kk/supervision/", "supervisor")],
)
def test_each_landing_page_is_for_its_role_only(
    client, applicant, clerk, supervisor, page, allowed_role
):
    users = {"applicant": applicant, "clerk": clerk, "supervisor": supervisor}
    for role, user in users.items():
        client.force_login(user)
        expected = (
            200
            if role == allowed_role or (allowed_role == "clerk" and role == "supervisor")
            else 403
        )
        assert client.get(page).status_code == expected, role


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get("/kk/office/")
    assert response.status_code == 403 or response["Location"].startswith("/kk/accounts/login/")


def test_dashboard_sends_each_role_home(client, applicant, clerk, supervisor):
    for user, target in [
        (applicant, "/kk/cabinet/"),
        (clerk, "/kk/office/"),
        (supervisor, "/kk/supervision/"),
    ]:
        client.force_login(user)
        assert client.get("/kk/me/")["Location"] == target


def test_changing_role_changes_permissions(applicant):
    assert applicant.has_perm("accounts.file_application")
    applicant.role = Role.SUPERVISOR
    applicant.organisation = OrganisationFactory()
    applicant.save()
    fresh = User.objects.get(pk=applicant.pk)
    assert fresh.has_perm("accounts.view_dashboard")
    assert not fresh.has_perm("accounts.file_application")


def test_staff_must_belong_to_an_organisation():
    user = UserFactory.build(role=Role.CLERK, organisation=None)
    with pytest.raises(ValidationError) as raised:
        user.full_clean()
    assert "organisation" in raised.value.message_dict


def test_permission_denied_page_is_translated(client, applicant):
    client.force_login(applicant)
    response = client.get("/ru/office/")
    assert response.status_code == 403
    from django.utils import translation

    with translation.override("ru"):
        assert (
            translation.gettext("Your account may not open this page.") in response.content.decode()
        )
