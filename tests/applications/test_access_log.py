"""A page refused to someone's role is in the access log (applications/access_log.py)."""

import pytest

from applications.models import AccessLog
from tests.patronat import draft_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/ru/office/", "/kk/supervision/", "/kk/payments/registers/"])
def test_an_applicant_refused_a_staff_page_is_logged(client, patronat_applicant, path):
    client.force_login(patronat_applicant)
    assert client.get(path, REMOTE_ADDR="10.1.2.5").status_code == 403
    denied = AccessLog.objects.get(user=patronat_applicant, outcome="denied")
    assert (denied.application_id, denied.what, denied.address) == (None, path, "10.1.2.5")


def test_a_clerk_refused_the_dashboard_is_logged(client, patronat_clerk):
    client.force_login(patronat_clerk)
    assert client.get("/kk/supervision/").status_code == 403
    assert AccessLog.objects.filter(user=patronat_clerk, outcome="denied").count() == 1


def test_a_refused_application_page_is_logged_once_with_its_application(
    client, patronat_applicant, patronat_office
):
    application = draft_for(patronat_applicant, patronat_office)
    client.force_login(patronat_applicant)
    assert client.post(f"/kk/office/{application.pk}/act/").status_code == 403
    denied = AccessLog.objects.get(user=patronat_applicant, outcome="denied")
    assert denied.application_id == application.pk


def test_a_page_the_person_may_see_leaves_no_refusal(client, patronat_applicant):
    client.force_login(patronat_applicant)
    assert client.get("/kk/cabinet/").status_code == 200
    assert not AccessLog.objects.filter(outcome="denied").exists()
