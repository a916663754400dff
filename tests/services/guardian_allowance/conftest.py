"""Guardian allowance fixtures: an office providing the service, its clerk, an applicant,
the MRP of the years a test may register in, a draft."""

import pytest
from django.utils import timezone

from tests.factories import ClerkFactory, OrganisationFactory, ProvidedServiceFactory, UserFactory
from tests.services.guardian_allowance.helpers import APPLICANT, MRP_2026, draft_for


@pytest.fixture
def mrp(db):
    """The MRP of this year and the next (a test run late on 31 December registers in the next)."""
    from services.guardian_allowance.models import MonthlyCalculationIndex

    this_year = timezone.localdate().year
    return [
        MonthlyCalculationIndex.objects.create(
            year=year,
            value=MRP_2026,
            legal_reference=f"{year} жылғы бюджет туралы заң",
            legal_reference_ru=f"Закон о бюджете на {year} год",
        )
        for year in sorted({2026, this_year, this_year + 1})
    ]


@pytest.fixture
def allowance_office(db, mrp):
    office = OrganisationFactory(
        code="KAR-EDU",
        name_kk="Қарағанды қаласының білім бөлімі",
        name_ru="Отдел образования города Караганды",
    )
    ProvidedServiceFactory(organisation=office, service="guardian_allowance")
    return office


@pytest.fixture
def allowance_clerk(allowance_office):
    return ClerkFactory(organisation=allowance_office)


@pytest.fixture
def allowance_applicant(db):
    last, first, middle = APPLICANT
    return UserFactory(last_name=last, first_name=first, middle_name=middle)


@pytest.fixture
def allowance_draft(allowance_applicant, allowance_office):
    return draft_for(allowance_applicant, allowance_office)
