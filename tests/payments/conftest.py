"""A patronat and allowance office with its norms, MRPs, clerks and head, and
entitlements made from applications (without running each application's workflow;
tests/payments/test_opening.py runs one through the decision)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from applications.models import Application, Child
from payments.actions import entitlement_open
from payments.models import Entitlement
from tests.factories import (
    ClerkFactory,
    OrganisationFactory,
    ProvidedServiceFactory,
    SupervisorFactory,
    UserFactory,
)

NORM = Decimal("62000.00")
NEW_NORM = Decimal("70000.00")
MRP_2025 = Decimal("3932.00")
MRP_2026 = Decimal("4325.00")


@dataclass
class World:
    office: object
    clerk: object
    second_clerk: object
    head: object
    applicant: object
    other_office: object
    other_clerk: object


@pytest.fixture
def world(db) -> World:
    from services.guardian_allowance.models import MonthlyCalculationIndex
    from services.patronat.models import PaymentNorm

    office = OrganisationFactory(code="KOK-EDU", head_name="Ахметова Гүлнар")
    ProvidedServiceFactory(organisation=office, service="patronat")
    ProvidedServiceFactory(organisation=office, service="guardian_allowance")
    PaymentNorm.objects.create(
        region=office.region,
        effective_from=date(2020, 1, 1),
        monthly_amount=NORM,
        decision_reference_kk="Облыс әкімдігінің 2019 жылғы 20 желтоқсандағы № 500 қаулысы",
        decision_reference_ru="Постановление акимата области от 20 декабря 2019 года № 500",
    )
    for year, value in ((2025, MRP_2025), (2026, MRP_2026)):
        MonthlyCalculationIndex.objects.create(
            year=year,
            value=value,
            legal_reference=f"{year} жылғы бюджет туралы заң",
            legal_reference_ru=f"Закон о бюджете на {year} год",
        )
    other = OrganisationFactory(code="BUR-EDU")
    return World(
        office=office,
        clerk=ClerkFactory(organisation=office, last_name="Есепші"),
        second_clerk=ClerkFactory(organisation=office),
        head=SupervisorFactory(organisation=office, last_name="Басшы"),
        applicant=UserFactory(last_name="Сейітова", first_name="Айгүл"),
        other_office=other,
        other_clerk=ClerkFactory(organisation=other),
    )


_serial = iter(range(1, 100000))


def decided(
    world: World,
    *,
    service: str = "patronat",
    starts: date = date(2026, 1, 1),
    children: tuple[date, ...] = (date(2012, 5, 17),),
    language: str = "kk",
    office=None,
    applicant=None,
) -> Entitlement:
    """An application decided on ``starts`` and the entitlement it opens from then."""
    office = office or world.office
    applicant = applicant or world.applicant
    number = f"{office.code}-2026-{next(_serial):06d}"
    application = Application.objects.create(
        number=number,
        service=service,
        edition="x",
        organisation=office,
        applicant=applicant,
        applicant_iin=applicant.iin,
        applicant_name=applicant.full_name,
        applicant_phone="+77015554433",
        language=language,
        state="completed",
        answers={
            "bank_name": "Halyk Bank",
            "bank_account": "KZ86125KZT5004100100",
            "allowance": {"starts_on": starts.isoformat()},
        },
    )
    for index, born in enumerate(children):
        Child.objects.create(
            application=application,
            last_name="Серіков",
            first_name=f"Нұрлан{index}",
            birth_date=born,
        )
    return entitlement_open(application=application, decided_on=starts, actor=world.clerk)
