"""Patronat fixtures for the whole suite (loaded by tests/conftest.py as a plugin):
an office providing patronat, its clerk, an applicant, drafts."""

from datetime import date

import pytest

from applications.actions import application_create_draft
from guardianship_portal.accounts.iin import make_iin
from tests.factories import ClerkFactory, OrganisationFactory, ProvidedServiceFactory, UserFactory
from tests.files import pdf_upload  # noqa: F401 (re-exported for tests)


@pytest.fixture
def patronat_office(db):
    from services.patronat.models import PaymentNorm

    office = OrganisationFactory(code="KOK-EDU")
    ProvidedServiceFactory(organisation=office, service="patronat")
    PaymentNorm.objects.create(
        region=office.region,
        effective_from=date(2020, 1, 1),
        monthly_amount=62_000,
        decision_reference_kk="Облыс әкімдігінің қаулысы",
        decision_reference_ru="Постановление акимата области",
    )
    return office


@pytest.fixture
def patronat_clerk(patronat_office):
    return ClerkFactory(organisation=patronat_office)


@pytest.fixture
def patronat_applicant(db):
    # A woman's IIN: the contract words her "гражданка", "уроженка", "азаматша".
    return UserFactory(
        iin=make_iin(date(1988, 4, 12), male=False, serial=1201),
        last_name="Сейітова",
        first_name="Айгүл",
        middle_name="Бауыржанқызы",
    )


# What the patronat form asks for the typical contract (seed 003 appendix 3).
PLACE_OF_BIRTH = "Көкшетау қаласы"
IDENTITY_NUMBER = "045678912"
IDENTITY_ISSUER = "ҚР ІІМ"
IDENTITY_DATE = date(2020, 3, 12)
CHILD_BIRTH_CERTIFICATE = "0123456"
CHILD_BIRTH_CERTIFICATE_DATE = date(2012, 5, 25)


def draft_for(
    applicant, office, *, child_born=date(2012, 5, 17), married=False, language="kk", **answers
):
    return application_create_draft(
        service="patronat",
        organisation=office,
        applicant=applicant,
        applicant_data={
            "applicant_iin": applicant.iin,
            "applicant_name": applicant.full_name,
            "applicant_phone": "+77015554433",
            "applicant_email": applicant.email,
            "applicant_address": "Көкшетау қ., Абай к-сі, 10, 5-пәтер",
        },
        children=[
            {
                "last_name": "Серіков",
                "first_name": "Нұрлан",
                "middle_name": "Асқарұлы",
                "birth_date": child_born,
                "iin": "",
                "birth_certificate_number": CHILD_BIRTH_CERTIFICATE,
                "birth_certificate_date": CHILD_BIRTH_CERTIFICATE_DATE,
            }
        ],
        answers={
            "married": married,
            "home_owner": True,
            "close_relative": False,
            "relative_or_step_parent": False,
            "marriage_not_in_registry": False,
            "child_under_ten": False,
            "bank_name": "Halyk Bank",
            "bank_account": "KZ86125KZT5004100100",
            "place_of_birth": PLACE_OF_BIRTH,
            "identity_document_number": IDENTITY_NUMBER,
            "identity_document_issuer": IDENTITY_ISSUER,
            "identity_document_date": IDENTITY_DATE.isoformat(),
            **answers,
        },
        language=language,
    )


@pytest.fixture
def patronat_draft(patronat_applicant, patronat_office):
    return draft_for(patronat_applicant, patronat_office)


def attach_every_scan(draft, applicant):
    """A scan for every item the draft's checklist asks for: ready to sign and file."""
    from applications.actions import attachment_add
    from applications.registry import get_service

    for item in get_service("patronat").checklist_for(draft.answers, draft.channel):
        attachment_add(
            application=draft,
            item=item.code,
            upload=pdf_upload(f"{item.code}.pdf"),
            actor=applicant,
        )
    return draft
