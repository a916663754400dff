"""The service definitions: consistent in themselves, and their checklists follow the
conditions of the source texts (seeds 000–004)."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.utils import translation

from applications.registry import Channel, all_services, get_service
from services.common_categories import CATEGORIES, CATEGORY_CODES
from services.guardian_allowance.definition import derive_answers as allowance_answers
from tests.factories import SERVICE_CODES

SERVICES = all_services()
IDS = [service.code for service in SERVICES]


def codes(items) -> set[str]:
    return {item.code for item in items}


def test_every_service_is_registered():
    assert [service.code for service in SERVICES] == SERVICE_CODES


@pytest.mark.parametrize("service", SERVICES, ids=IDS)
def test_definition_is_consistent(service):
    assert service.checklist, "empty checklist"
    assert service.editions, "no edition"
    for edition in service.editions:
        checklist_codes = [item.code for item in service.checklist_of(edition)]
        assert checklist_codes, edition.code
        assert len(checklist_codes) == len(set(checklist_codes)), "duplicate checklist codes"
    stage_codes = [stage.code for stage in service.stages]
    assert stage_codes, "no stages"
    assert len(stage_codes) == len(set(stage_codes)), "duplicate stage codes"
    edition_codes = [edition.code for edition in service.editions]
    assert len(edition_codes) == len(set(edition_codes)), "duplicate edition codes"
    for edition in service.editions:
        assert set(edition.stage_terms) == set(stage_codes), edition.code
        assert all(days > 0 for days in edition.stage_terms.values()), edition.code
        assert edition.total_term > 0
        assert str(edition.source)
    kinds = [document.kind for document in service.result_documents]
    assert len(kinds) == len(set(kinds))
    assert {"acceptance_receipt", "refusal_receipt", "motivated_refusal"} <= set(kinds)
    assert service.refusal_grounds and service.who_may_apply and service.legal_basis
    assert set(service.provider_kinds) <= {"city_department", "district_department", "school"}
    assert service.provider_kinds
    assert Channel.PORTAL in service.channels


@pytest.mark.parametrize("service", SERVICES, ids=IDS)
def test_every_item_applies_to_a_channel_of_the_service(service):
    for item in service.all_checklist_items():
        assert set(item.channels) & set(service.channels), item.code


@pytest.mark.parametrize("service", SERVICES, ids=IDS)
def test_strings_render_in_both_languages(service):
    """Every user-visible string is a lazy translation that renders (no format errors)."""
    for language in ("kk", "ru"):
        with translation.override(language):
            texts = [
                service.title,
                service.document_title,
                service.summary,
                service.provider,
                *service.who_may_apply,
                *service.refusal_grounds,
                *service.notes,
                *service.legal_basis,
            ]
            texts += [edition.source for edition in service.editions]
            for item in service.all_checklist_items():
                texts += [item.title, *item.one_of]
                if item.note:
                    texts.append(item.note)
                if item.condition:
                    texts += [item.condition.question, item.condition.description]
            for category in service.categories:
                texts += [category.title, category.supporting_document]
            texts += [stage.title for stage in service.stages]
            texts += [document.title for document in service.result_documents]
            assert all(str(text).strip() for text in texts)


# ----------------------------------------------------------------------------- official names

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
# Where each service's official Kazakh name is written (seeds 000, 002, 004).
OFFICIAL_NAME_SEED = {
    "patronat": "000_*.txt",
    "guardian_allowance": "002_*.txt",
    "camp_voucher": "004_*.txt",
    "free_meals": "004_*.txt",
    "material_aid": "004_*.txt",
}


def normalised(text: str) -> str:
    """Spacing and dashes as typed vary between seeds: "асырап – бағуға" = "асырап-бағуға"."""
    text = re.sub(r"\s*[–—-]\s*", "-", text)
    return " ".join(text.split()).lower()


@pytest.mark.parametrize("service", SERVICES, ids=IDS)
def test_documents_use_the_official_name(service):
    assert service.official_title is not None
    assert service.document_title is service.official_title
    with translation.override("en"):
        assert str(service.official_title) != str(service.title)


@pytest.mark.parametrize("service", SERVICES, ids=IDS)
def test_the_official_name_is_translated_in_both_languages(service):
    """Needs the compiled catalogue (the lead merges the translations)."""
    with translation.override("en"):
        english = str(service.official_title)
    for language in ("kk", "ru"):
        with translation.override(language):
            assert str(service.official_title) != english, language


@pytest.mark.parametrize("service", SERVICES, ids=IDS)
def test_the_kazakh_official_name_is_the_seeds(service):
    """Needs the compiled catalogue; skipped where the seeds are not checked out."""
    matches = sorted(SEEDS.glob(OFFICIAL_NAME_SEED[service.code])) if SEEDS.is_dir() else []
    if not matches:
        pytest.skip("seeds not available")
    with translation.override("kk"):
        name = str(service.official_title)
    assert normalised(name) in normalised(matches[0].read_text(encoding="utf-8"))


# ----------------------------------------------------------------------------- patronat


def test_patronat_spouse_consent_only_if_married():
    patronat = get_service("patronat")
    married = codes(patronat.checklist_for({"married": True}, Channel.PORTAL))
    single = codes(patronat.checklist_for({"married": False}, Channel.PORTAL))
    assert "spouse_consent" in married
    assert "spouse_consent" not in single
    assert "marriage_certificate" not in single


def test_patronat_marriage_certificate_only_when_not_in_registry():
    patronat = get_service("patronat")
    in_registry = {"married": True, "marriage_not_in_registry": False}
    not_in_registry = {"married": True, "marriage_not_in_registry": True}
    assert "marriage_certificate" not in codes(patronat.checklist_for(in_registry, Channel.PORTAL))
    assert "marriage_certificate" in codes(patronat.checklist_for(not_in_registry, Channel.PORTAL))


def test_patronat_identity_document_only_at_the_counter():
    patronat = get_service("patronat")
    for edition in patronat.editions:
        assert "identity_document" in codes(patronat.checklist_for({}, Channel.OFFICE, edition))
        assert "identity_document" not in codes(patronat.checklist_for({}, Channel.PORTAL, edition))
    assert codes(patronat.office_only_items("2024-10wd")) == {"identity_document"}
    assert codes(patronat.office_only_items("2020-30cd")) == {
        "identity_document",
        "inspection_request",
        "spouse_consent",
    }


# Seed 000 (portal description, 10 working days): nine documents, all channels.
SEED_000 = [
    "application",
    "spouse_consent",
    "marriage_certificate",
    "dwelling_right",
    "health_certificate",
    "education_diploma",
    "carer_training",
    "bank_account_contract",
    "kinship_documents",
]
EVERYTHING = {
    "married": True,
    "marriage_not_in_registry": True,
    "home_owner": False,
    "close_relative": False,
    "relative_or_step_parent": True,
}


def test_patronat_seed_000_edition_has_the_nine_portal_documents():
    patronat = get_service("patronat")
    edition = patronat.edition_by_code("2024-10wd")
    required = [i.code for i in patronat.checklist_for(EVERYTHING, Channel.PORTAL, edition)]
    # The first, the signed application, is the portal's electronic form itself: the
    # other eight are the scans asked for.
    application, *_others = patronat.checklist_of(edition)
    assert application.code == SEED_000[0] and application.is_the_application
    assert required == SEED_000[1:]
    # Seed 000 asks for no dispensary certificates and no inspection request.
    assert not {"dispensary_certificates", "inspection_request"} & codes(
        patronat.checklist_of(edition)
    )


def test_patronat_seed_001_edition_has_its_office_and_portal_lists():
    patronat = get_service("patronat")
    edition = patronat.edition_by_code("2020-30cd")
    office = [i.code for i in patronat.checklist_for(EVERYTHING, Channel.OFFICE, edition)]
    # Seed 001, at the office: application, identity document, inspection request,
    # spouse's consent, health and dispensary certificates, information on education.
    assert office == [
        "application",
        "identity_document",
        "inspection_request",
        "spouse_consent",
        "health_certificate",
        "dispensary_certificates",
        "education_information",
    ]
    # On the portal: the signed request (the electronic form itself, no scan), the
    # certificates, information on education.
    portal = [i.code for i in patronat.checklist_for(EVERYTHING, Channel.PORTAL, edition)]
    assert portal == [
        "health_certificate",
        "dispensary_certificates",
        "education_information",
    ]
    # Nothing conditional on the dwelling, training or kinship in that edition.
    assert patronat.checklist_for({}, Channel.OFFICE, edition) == [
        i
        for i in patronat.checklist_for(EVERYTHING, Channel.OFFICE, edition)
        if i.code != "spouse_consent"
    ]


def test_the_edition_in_force_decides_the_checklist():
    patronat = get_service("patronat")
    assert patronat.edition_on(date(2023, 12, 31)).code == "2020-30cd"
    assert patronat.edition_on(date(2024, 1, 1)).code == "2024-10wd"
    # None: the edition in force today; an unknown code falls back to it too.
    today = patronat.edition_on(date.today())
    assert patronat.checklist_of(None) == patronat.checklist_of(today)
    assert patronat.checklist_of("no-such-edition") == patronat.checklist_of(today)
    assert "education_information" in codes(patronat.checklist_of("2020-30cd"))
    assert "education_information" not in codes(patronat.checklist_of("2024-10wd"))


def test_item_titles_know_every_edition():
    patronat = get_service("patronat")
    with translation.override("en"):
        # A code of the other edition still reads as words, never as the code.
        assert str(patronat.item_title("education_information", "2024-10wd")) == (
            "Information on education"
        )
        assert str(patronat.item_title("education_diploma", "2020-30cd")) == "Education diploma"
        # Each edition words its own items.
        assert str(patronat.item_title("application", "2020-30cd")).startswith(
            "Application expressing the wish"
        )
        assert str(patronat.item_title("application", "2024-10wd")) == (
            "Application (signed by the applicant)"
        )
    assert patronat.item_title("no_such_item") == "no_such_item"


def test_conditions_cover_every_edition():
    patronat = get_service("patronat")
    asked = {c.code for c in patronat.conditions}
    for edition in patronat.editions:
        for item in patronat.checklist_of(edition):
            if item.condition is not None:
                assert item.condition.code in asked


def test_patronat_stage_terms_follow_seed_000():
    patronat = get_service("patronat")
    edition = patronat.edition_by_code("2024-10wd")
    assert edition.total_term == 10
    # Seed 000 gives 1 + 2 + 2 + 1 + 1 + 2 = 9 working days of stages within a 10-day term.
    assert list(edition.stage_terms.values()) == [1, 2, 2, 1, 1, 2]
    assert patronat.edition_by_code("2020-30cd").term_unit == "calendar"


# ----------------------------------------------------------------------------- guardian allowance


def allowance_checklist(born: date, *, abroad: bool = False, channel: str = Channel.PORTAL):
    service = get_service("guardian_allowance")
    answers = allowance_answers({"child_born_abroad": abroad}, [{"birth_date": born}])
    return codes(service.checklist_for(answers, channel))


def test_allowance_birth_certificate_not_needed_for_a_child_born_in_kazakhstan_after_2007():
    assert "birth_certificate" not in allowance_checklist(date(2010, 3, 1))
    assert "birth_certificate" not in allowance_checklist(date(2007, 8, 13))


def test_allowance_birth_certificate_needed_for_a_child_born_before_13_08_2007():
    assert "birth_certificate" in allowance_checklist(date(2005, 6, 1))
    assert "birth_certificate" in allowance_checklist(date(2007, 8, 12))


def test_allowance_birth_certificate_needed_for_a_child_born_abroad():
    assert "birth_certificate" in allowance_checklist(date(2012, 1, 1), abroad=True)


def test_allowance_parental_care_documents_are_one_of_a_list():
    service = get_service("guardian_allowance")
    item = next(i for i in service.checklist if i.code == "no_parental_care_documents")
    assert item.condition is None
    assert len(item.one_of) == 9


def test_allowance_identity_document_not_on_the_portal():
    assert "identity_document" not in allowance_checklist(date(2012, 1, 1))
    office = allowance_checklist(date(2012, 1, 1), channel=Channel.STATE_CORPORATION)
    assert "identity_document" in office


def test_allowance_channels_and_term():
    service = get_service("guardian_allowance")
    assert set(service.channels) == {Channel.PORTAL, Channel.OFFICE, Channel.STATE_CORPORATION}
    edition = service.edition_on(date(2026, 1, 15))
    assert (edition.total_term, edition.term_unit) == (10, "working")
    assert sum(edition.stage_terms.values()) == 10
    assert "allowance_decision" in {d.kind for d in service.result_documents}


# ----------------------------------------------------------------------------- services 3–5

CATEGORY_SERVICES = ["camp_voucher", "free_meals", "material_aid"]


@pytest.mark.parametrize("code", CATEGORY_SERVICES)
def test_the_five_categories(code):
    service = get_service(code)
    assert tuple(c.code for c in service.categories) == CATEGORY_CODES
    for category in service.categories:
        assert f"category_document_{category.code}" in codes(service.checklist)


@pytest.mark.parametrize("code", CATEGORY_SERVICES)
@pytest.mark.parametrize("category", CATEGORY_CODES)
def test_only_the_chosen_categorys_document_is_asked_for(code, category):
    service = get_service(code)
    asked = {
        c
        for c in codes(service.checklist_for({"category": category}, Channel.PORTAL))
        if c.startswith("category_document_")
    }
    assert asked == {f"category_document_{category}"}


@pytest.mark.parametrize("code", CATEGORY_SERVICES)
def test_no_category_document_without_a_category(code):
    service = get_service(code)
    assert not {
        c
        for c in codes(service.checklist_for({}, Channel.PORTAL))
        if c.startswith("category_document_")
    }


def test_camp_targeted_assistance_asks_for_that_document_only():
    service = get_service("camp_voucher")
    required = service.checklist_for({"category": "targeted_assistance"}, Channel.PORTAL)
    titles = [str(item.title) for item in required]
    assert str(CATEGORIES[0].supporting_document) in titles
    for other in CATEGORIES[1:]:
        if other.supporting_document != CATEGORIES[0].supporting_document:
            assert str(other.supporting_document) not in titles


def test_category_conditions_are_not_asked_as_yes_no():
    service = get_service("camp_voucher")
    asked = {c.code for c in service.conditions if c.asked}
    assert asked == {"child_birth_not_in_registry", "marriage_record_not_in_registry"}


@pytest.mark.parametrize("code", ["camp_voucher", "free_meals"])
def test_identity_document_only_at_the_office(code):
    service = get_service(code)
    answers = {"category": "low_income"}
    assert "identity_document" not in codes(service.checklist_for(answers, Channel.PORTAL))
    assert "identity_document" in codes(service.checklist_for(answers, Channel.OFFICE))


@pytest.mark.parametrize("code", ["camp_voucher", "free_meals"])
def test_civil_registry_documents_only_when_the_registry_lacks_them(code):
    service = get_service(code)
    in_registry = codes(service.checklist_for({}, Channel.PORTAL))
    assert not {"birth_certificate", "marriage_or_divorce_certificate"} & in_registry
    missing = codes(
        service.checklist_for(
            {"child_birth_not_in_registry": True, "marriage_record_not_in_registry": True},
            Channel.PORTAL,
        )
    )
    assert {"birth_certificate", "marriage_or_divorce_certificate"} <= missing


def test_camp_medical_certificate_always_needed():
    service = get_service("camp_voucher")
    assert "medical_certificate" in codes(service.checklist_for({}, Channel.PORTAL))


def test_meals_third_category_document_covers_foster_families():
    meals = get_service("free_meals")
    camp = get_service("camp_voucher")
    with translation.override("en"):
        meals_doc = str(meals.categories[2].supporting_document)
        camp_doc = str(camp.categories[2].supporting_document)
    assert "foster family" in meals_doc
    assert meals_doc != camp_doc


@pytest.mark.parametrize(
    ("code", "term", "result"),
    [
        ("camp_voucher", 5, "camp_voucher"),
        ("free_meals", 5, "meals_notice"),
        ("material_aid", 10, "aid_decision"),
    ],
)
def test_terms_and_results_of_services_3_to_5(code, term, result):
    service = get_service(code)
    edition = service.edition_on(date(2026, 1, 15))
    assert edition.total_term == term
    assert sum(edition.stage_terms.values()) == term
    with translation.override("en"):
        assert "verify" in str(edition.source)
    assert result in {d.kind for d in service.result_documents}


def test_material_aid_is_provided_by_schools():
    assert get_service("material_aid").provider_kinds == ("school",)
