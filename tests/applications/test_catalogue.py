"""The public catalogue: a page per service, in kk and ru, read from the definitions."""

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape

from applications.registry import all_services, get_service
from guardianship_portal.organisations.models import Organisation, ProvidedService, Region
from tests.factories import SERVICE_CODES

LANGUAGES = ["kk", "ru"]


def page(client, language: str, path: str = ""):
    return client.get(f"/{language}/services/{path}")


def rendered(text, language: str) -> str:
    """How a lazy string appears in the page: translated, then HTML-escaped."""
    with translation.override(language):
        return escape(str(text))


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", SERVICE_CODES)
def test_service_page_lists_the_checklist_in_the_language(client, language, code):
    response = page(client, language, f"{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    service = get_service(code)
    assert f'lang="{language}"' in html
    assert rendered(service.title, language) in html
    for item in service.checklist:
        assert rendered(item.title, language) in html, item.code
        if item.condition is not None:
            assert rendered(item.condition.description, language) in html, item.code
        for alternative in item.one_of:
            assert rendered(alternative, language) in html
    for stage in service.stages:
        assert rendered(stage.title, language) in html
    for document in service.result_documents:
        assert rendered(document.title, language) in html
    for category in service.categories:
        assert rendered(category.title, language) in html
        assert rendered(category.supporting_document, language) in html
    for ground in service.refusal_grounds:
        # The ground's words, never its code (nor the dataclass printed whole).
        assert rendered(ground.title, language) in html
        assert ground.code not in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_list_page_links_all_five_services(client, language):
    response = page(client, language)
    assert response.status_code == 200
    html = response.content.decode()
    services = all_services()
    assert len(services) == 5
    for service in services:
        assert f'href="/{language}/services/{service.code}/"' in html
        assert rendered(service.title, language) in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_unknown_service_is_404(client, language):
    assert page(client, language, "no-such-service/").status_code == 404


@pytest.mark.django_db
def test_stage_terms_and_office_only_marks(client):
    html = page(client, "ru", "guardian_allowance/").content.decode()
    assert 'data-testid="stages"' in html
    with translation.override("ru"):
        office_only = escape(str(translation.gettext("At the office only")))
    # The identity document is the one item not filed on the portal.
    item = html.split('data-item="identity_document"', 1)[1].split("</li>", 1)[0]
    assert office_only in item
    application = html.split('data-item="application"', 1)[1].split("</li>\n", 1)[0]
    assert office_only not in application


@pytest.fixture
def office(db):
    region = Region.objects.create(name_kk="Ақмола облысы", name_ru="Акмолинская область")
    organisation = Organisation.objects.create(
        kind=Organisation.Kind.CITY_DEPARTMENT,
        code="KOK-EDU-T",
        name_kk="Көкшетау қаласының білім бөлімі",
        name_ru="Отдел образования города Кокшетау",
        region=region,
        district_kk="Көкшетау қаласы",
        district_ru="город Кокшетау",
        address_kk="Абай көшесі, 89",
        address_ru="улица Абая, 89",
        phone="+77162501971",
        email="bilim@example.kz",
    )
    ProvidedService.objects.create(organisation=organisation, service="guardian_allowance")
    return organisation


@pytest.mark.parametrize("language", LANGUAGES)
def test_office_appears_on_the_page_of_its_service_only(client, office, language):
    provided = page(client, language, "guardian_allowance/").content.decode()
    other = page(client, language, "camp_voucher/").content.decode()
    name = office.name_kk if language == "kk" else office.name_ru
    address = office.address_kk if language == "kk" else office.address_ru
    assert name in provided
    assert address in provided
    assert office.phone in provided
    assert "09:00" in provided and "18:30" in provided and "13:00" in provided
    assert name not in other
    with translation.override(language):
        none_yet = escape(translation.gettext("No office provides this service yet."))
    assert none_yet in other
    assert none_yet not in provided


def test_inactive_office_is_not_listed(client, office):
    office.is_active = False
    office.save()
    html = page(client, "kk", "guardian_allowance/").content.decode()
    assert office.name_kk not in html


def edition_cards(html: str) -> dict[str, str]:
    """The HTML of each edition's card on the page, by edition code."""
    cards = {}
    for chunk in html.split('data-testid="edition" data-edition="')[1:]:
        code, rest = chunk.split('"', 1)
        cards[code] = rest.split("</article>", 1)[0]
    return cards


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", SERVICE_CODES)
def test_every_edition_is_shown_with_its_source_term_and_documents(client, language, code):
    html = page(client, language, f"{code}/").content.decode()
    service = get_service(code)
    cards = edition_cards(html)
    assert set(cards) == {edition.code for edition in service.editions}
    today = service.edition_on(timezone.localdate())
    with translation.override(language):
        in_force_now = escape(translation.gettext("In force now"))
        for edition in service.editions:
            card = cards[edition.code]
            assert date_format(edition.effective_from, "SHORT_DATE_FORMAT") in card
            assert escape(str(edition.source)) in card
            unit = "calendar day" if edition.term_unit == "calendar" else "working day"
            term = translation.ngettext(
                f"%(days)s {unit}", f"%(days)s {unit}s", edition.total_term
            ) % {"days": edition.total_term}
            assert term in card, edition.code
            for item in service.checklist_of(edition):
                assert escape(str(item.title)) in card, (edition.code, item.code)
            assert (in_force_now in card) == (edition.code == today.code)


@pytest.mark.django_db
def test_patronat_editions_carry_their_own_checklists(client):
    html = page(client, "ru", "patronat/").content.decode()
    cards = edition_cards(html)
    seed_001, seed_000 = cards["2020-30cd"], cards["2024-10wd"]
    assert 'data-item="education_information"' in seed_001
    assert 'data-item="dispensary_certificates"' in seed_001
    assert 'data-item="education_diploma"' not in seed_001
    assert 'data-item="education_diploma"' in seed_000
    assert 'data-item="carer_training"' in seed_000
    assert 'data-item="dispensary_certificates"' not in seed_000
    # The newest edition first.
    assert html.index('data-edition="2024-10wd"') < html.index('data-edition="2020-30cd"')
    # The list of documents at the top is the one in force today (seed 000).
    documents = html.split('data-testid="checklist"', 1)[1].split("</ol>", 1)[0]
    assert 'data-item="education_diploma"' in documents
    assert 'data-item="education_information"' not in documents


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_apply_online_takes_a_visitor_to_log_in_and_back(client, language):
    html = page(client, language, "patronat/").content.decode()
    assert f'href="/{language}/cabinet/apply/patronat/"' in html
    response = client.get(f"/{language}/cabinet/apply/patronat/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert "next=/" + language + "/cabinet/apply/patronat/" in response["Location"].replace(
        "%2F", "/"
    )


@pytest.mark.django_db
def test_office_staff_are_not_offered_to_apply(client):
    from tests.factories import ClerkFactory

    client.force_login(ClerkFactory())
    html = page(client, "kk", "patronat/").content.decode()
    assert 'data-testid="apply"' not in html
