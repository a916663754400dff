"""Patronat's demo data fills the typical contract, and the administrator keeps the
body's bank details and the contract conditions."""

import pytest
from django.urls import reverse

from applications.models import Application, Child
from applications.result_documents import issue_document
from guardianship_portal.organisations.admin import OrganisationAdminForm
from services.patronat import demo
from tests.factories import ClerkFactory, OrganisationFactory, ProvidedServiceFactory, UserFactory
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db

DRAFTING_WORDS = ["указать", "көрсетілсін", "(-ка)", "азамат/ша"]


@pytest.fixture
def demo_offices(db):
    offices = []
    for code in ("KOK-EDU", "BUR-EDU"):
        office = OrganisationFactory(code=code, bin="010240000118", bank_bik="KKMFKZ2A")
        ProvidedServiceFactory(organisation=office, service="patronat")
        ClerkFactory(organisation=office)
        offices.append(office)
    return offices


def test_demo_fills_what_the_contract_needs(demo_offices):
    assert demo.seed(demo_applicant=UserFactory()) > 0
    conditions = {
        office.code: office.provided_services.get(service="patronat").contract_conditions_kk
        for office in demo_offices
    }
    # One office shows configured clause-12 conditions, the other the blank line.
    assert conditions == {"KOK-EDU": demo.CONTRACT_CONDITIONS_KK, "BUR-EDU": ""}
    filed = Application.objects.filter(service="patronat").exclude(state="draft")
    for application in filed:
        answers = application.answers
        assert answers["place_of_birth"]
        assert answers["identity_document_number"].isdigit()
        assert answers["identity_document_issuer"]
        assert answers["identity_document_date"]
        assert "identity_document" not in answers
    assert not Child.objects.filter(application__in=filed, birth_certificate_number="").exists()
    assert not Child.objects.filter(application__in=filed, birth_certificate_date=None).exists()

    for office in demo_offices:
        application = filed.filter(organisation=office, state="completed").first()
        for language in ("kk", "ru"):
            text = pdf_text(
                issue_document(application=application, kind="patronat_contract", language=language)
            )
            for word in DRAFTING_WORDS:
                assert word not in text, (office.code, language, word)
            assert "БСН 010240000118" in text or "БИН 010240000118" in text
            configured = getattr(demo, f"CONTRACT_CONDITIONS_{language.upper()}")
            assert (configured[:40] in text) is (office.code == "KOK-EDU")


def test_the_administrator_sees_the_bank_details_and_the_conditions(client, patronat_office):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:organisations_organisation_change", args=[patronat_office.pk])
    html = client.get(url).content.decode()
    for name in ("bin", "bank_account", "bank_bik", "bank_name_kk", "bank_name_ru"):
        assert f'name="{name}"' in html, name
    assert 'name="provided_services-0-contract_conditions_kk"' in html
    assert 'name="provided_services-0-contract_conditions_ru"' in html


@pytest.mark.parametrize(
    "field, value, code",
    [
        ("bin", "12345", "bin_format"),
        ("bank_account", "KZ12", "iik_format"),
        ("bank_bik", "KKMF", "bik_format"),
    ],
)
def test_a_mistyped_bank_detail_is_refused(field, value, code):
    form = OrganisationAdminForm(data={"bin": "", "bank_account": "", "bank_bik": "", field: value})
    assert form.has_error(field, code)


def test_bank_details_are_kept_without_spaces():
    form = OrganisationAdminForm(
        data={
            "bin": "010240000118",
            "bank_account": "kz94 0701 05KS N000 0001",
            "bank_bik": "kkmfkz2a",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "bin": "010240000118",
        "bank_account": "KZ94070105KSN0000001",
        "bank_bik": "KKMFKZ2A",
    }
