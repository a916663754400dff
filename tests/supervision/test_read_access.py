"""A department supervisor opens the applications of its district's schools read-only."""

import pytest

from applications.actions import application_create_draft, application_submit
from guardianship_portal.organisations.models import Organisation
from tests.factories import (
    ClerkFactory,
    OrganisationFactory,
    ProvidedServiceFactory,
    SupervisorFactory,
)

pytestmark = pytest.mark.django_db


def school_application(school):
    clerk = ClerkFactory(organisation=school)
    draft = application_create_draft(
        service="patronat",
        organisation=school,
        applicant=None,
        channel="office",
        applicant_data={
            "applicant_iin": "880412401202",
            "applicant_name": "Сейітова Айгүл",
            "applicant_phone": "+77015554433",
        },
        children=[],
        answers={},
        language="kk",
    )
    return application_submit(application=draft, actor=clerk)


def test_department_supervisor_reads_a_school_application_without_actions(client):
    department = OrganisationFactory(kind=Organisation.Kind.CITY_DEPARTMENT)
    school = OrganisationFactory(
        kind=Organisation.Kind.SCHOOL, region=department.region, district_kk=department.district_kk
    )
    ProvidedServiceFactory(organisation=school, service="patronat")
    application = school_application(school)
    client.force_login(SupervisorFactory(organisation=department))
    response = client.get(f"/kk/office/{application.pk}/")
    assert response.status_code == 200
    assert 'data-testid="no-actions"' in response.content.decode()
    response = client.post(
        f"/kk/office/{application.pk}/act/",
        {"action": "accept_documents", "expected_state": "completeness_check"},
    )
    application.refresh_from_db()
    assert application.state == "completeness_check"


def test_supervisor_of_another_district_gets_404(client):
    department = OrganisationFactory(
        kind=Organisation.Kind.CITY_DEPARTMENT, district_kk="Басқа аудан"
    )
    school = OrganisationFactory(kind=Organisation.Kind.SCHOOL)
    ProvidedServiceFactory(organisation=school, service="patronat")
    application = school_application(school)
    client.force_login(SupervisorFactory(organisation=department))
    assert client.get(f"/kk/office/{application.pk}/").status_code == 404
