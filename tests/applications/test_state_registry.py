"""Issue #14, item 1: the checklist follows the state registries (through the local
fake), not the applicant's own declaration; a registry that fails loses nothing."""

from __future__ import annotations

import re
from datetime import date

import pytest

from applications.actions import missing_documents
from applications.models import RegistryLookup
from applications.state_registry import confirm_from_registries, latest_lookups
from guardianship_portal.gateways.registry import FakeStateRegistry
from tests.drafts import change_draft
from tests.factories import UserFactory
from tests.services.camp_voucher.school import draft

DEMO_APPLICANT = "880412412011"
CHILD_IN_REGISTRY = ("Сейітов", "Нұрлан", "", date(2015, 3, 14), "150314512033")
CHILD_BORN_ABROAD = ("Сейітов", "Алихан", "Ерланұлы", date(2012, 6, 1), "120601512058")
CHILD_BEFORE_REGISTRY = ("Омарова", "Дана", "Асқарқызы", date(2006, 11, 5), "061105612067")
SLOW = "900101399908"

BIRTH = "birth_certificate"
MARRIAGE = "marriage_or_divorce_certificate"


@pytest.fixture(autouse=True)
def fresh_fake():
    FakeStateRegistry.reset()
    yield
    FakeStateRegistry.reset()


@pytest.fixture
def citizen(db):
    """The demo applicant the fake knows (her typed name differs from the registry's)."""
    return UserFactory(iin=DEMO_APPLICANT, last_name="Сеитова", first_name="Айгуль")


def missing(application) -> set[str]:
    return {item.code for item in missing_documents(application)}


def test_a_child_and_a_marriage_found_need_no_certificates(citizen, school):
    # She declared both missing; the registry has both: the registry decides, as soon
    # as the draft is made (application_create_draft asks the registries).
    application = draft(
        "free_meals",
        citizen,
        school,
        child=CHILD_IN_REGISTRY,
        child_birth_not_in_registry=True,
        marriage_record_not_in_registry=True,
    )
    assert BIRTH not in missing(application) and MARRIAGE not in missing(application)
    # The people as the registry knows them, not as typed.
    assert application.applicant_name == "Сейітова Айгүл Бауыржанқызы"
    child = application.children.get()
    assert child.middle_name == "Ерланұлы"
    statuses = {(x.kind, x.status) for x in latest_lookups(application).values()}
    assert statuses == {("person", "found"), ("birth", "found"), ("marriage", "found")}
    lookup = application.registry_lookups.get(kind="birth")
    assert lookup.request_id.startswith("FAKE-") and lookup.from_fake
    assert lookup.record["record_number"] == "1503140021"
    check = confirm_from_registries(application)  # asked again: the same answers
    assert not check.unavailable and check.births_confirmed


def test_a_child_born_abroad_needs_the_certificate(citizen, school):
    # She declared the birth in the registry; the registry has no record: scan needed.
    application = draft("free_meals", citizen, school, child=CHILD_BORN_ABROAD)
    assert BIRTH in missing(application)
    assert application.registry_lookups.get(kind="birth").status == "not_found"


@pytest.mark.parametrize("declared", [False, True])
def test_without_a_child_to_ask_about_the_answer_stands(citizen, school, declared):
    # No IIN given, or born before the electronic registry (13.08.2007): not asked.
    for child in (
        ("Сейітова", "Аружан", "", date(2019, 9, 2), ""),
        CHILD_BEFORE_REGISTRY,
    ):
        application = draft(
            "free_meals", citizen, school, child=child, child_birth_not_in_registry=declared
        )
        assert not application.registry_lookups.filter(kind="birth").exists()
        assert (BIRTH in missing(application)) is declared


def test_no_marriage_record_leaves_the_applicants_answer(school, school_applicant):
    # Not married (the fake has no marriage for this IIN), she said nothing is missing.
    application = draft("free_meals", school_applicant, school, child=CHILD_IN_REGISTRY)
    confirm_from_registries(application)
    assert MARRIAGE not in missing(application)
    # Married abroad, she said the record is missing: still asked for.
    abroad = draft(
        "free_meals",
        school_applicant,
        school,
        child=CHILD_IN_REGISTRY,
        marriage_record_not_in_registry=True,
    )
    confirm_from_registries(abroad)
    assert MARRIAGE in missing(abroad)


def test_a_slow_registry_fails_every_lookup_and_keeps_the_documents(school):
    slow_applicant = UserFactory(iin=SLOW)
    FakeStateRegistry.data.behaviours[CHILD_IN_REGISTRY[4]] = "timeout"
    application = draft("free_meals", slow_applicant, school, child=CHILD_IN_REGISTRY)

    assert set(application.registry_lookups.values_list("status", flat=True)) == {"failed"}
    assert BIRTH in missing(application)
    failed = application.registry_lookups.first()
    assert failed.request_id == "" and "no answer within" in failed.error
    # Nothing of the application was lost or changed.
    assert application.applicant_name == slow_applicant.full_name
    assert confirm_from_registries(application).unavailable


def test_lookups_are_kept_and_the_latest_counts(citizen, school):
    application = draft("free_meals", citizen, school, child=CHILD_IN_REGISTRY)
    confirm_from_registries(application)
    assert RegistryLookup.objects.filter(application=application).count() == 6
    assert len(latest_lookups(application)) == 3


# ------------------------------------------------------------------ a paper filing


def counter_filing(school, *, child, brought, **answers):
    """Free meals brought to the school's counter (office channel) by the demo applicant;
    ``brought`` lists what she handed over."""
    from django.utils import timezone

    from applications.actions import application_register_paper
    from tests.factories import ClerkFactory

    last, first, middle, born, iin = child
    return application_register_paper(
        service="free_meals",
        organisation=school,
        clerk=ClerkFactory(organisation=school),
        applicant=None,
        applicant_data={
            "applicant_iin": DEMO_APPLICANT,
            "applicant_name": "Сеитова Айгуль",
            "applicant_phone": "+77015554433",
            "applicant_address": "Көкшетау қ., Абай к-сі, 10, 5-пәтер",
        },
        children=[
            {
                "last_name": last,
                "first_name": first,
                "middle_name": middle,
                "birth_date": born,
                "iin": iin,
            }
        ],
        answers={
            "category": "low_income",
            "child_birth_not_in_registry": False,
            "marriage_record_not_in_registry": False,
            **answers,
        },
        language="kk",
        channel="office",
        accepted_at=timezone.now(),
        brought=brought,
    )


def everything_but(*codes: str) -> list[str]:
    from applications.registry import get_service

    return [
        item.code
        for item in get_service("free_meals").all_checklist_items()
        if item.code not in codes
    ]


def test_the_counter_does_not_ask_for_what_the_registry_holds(school):
    # She said both records are missing and brought neither certificate: the registry
    # has both, so the set is complete and the filing is registered, not refused.
    application = counter_filing(
        school,
        child=CHILD_IN_REGISTRY,
        brought=everything_but(BIRTH, MARRIAGE),
        child_birth_not_in_registry=True,
        marriage_record_not_in_registry=True,
    )
    assert application.state != "refused_to_accept" and application.number
    assert application.answers["child_birth_not_in_registry"] is False
    assert application.answers["marriage_record_not_in_registry"] is False
    # Asked once, before the set was judged; the answers are kept with the application.
    assert application.registry_lookups.count() == 3


def test_the_counter_asks_for_a_birth_the_registry_does_not_hold(school):
    from applications.errors import IncompletePaperSet
    from applications.models import Application

    # Born abroad, though she said the record is there: the certificate is required.
    with pytest.raises(IncompletePaperSet):
        counter_filing(school, child=CHILD_BORN_ABROAD, brought=everything_but(BIRTH))
    assert not Application.objects.exists()
    assert not RegistryLookup.objects.exists()


def test_a_registry_that_fails_at_the_counter_keeps_the_applicants_answer(school):
    # The registry does not answer: she is not refused for a certificate the office
    # could not check; her answer (the record is there) stands, and the lookups show
    # the failure on the clerk's page.
    FakeStateRegistry.data.behaviours[CHILD_IN_REGISTRY[4]] = "timeout"
    application = counter_filing(school, child=CHILD_IN_REGISTRY, brought=everything_but(BIRTH))
    assert application.state != "refused_to_accept" and application.number
    assert application.answers["child_birth_not_in_registry"] is False
    assert application.registry_lookups.filter(kind="birth", status="failed").exists()


def test_the_clerk_sees_the_applicants_answer_beside_the_registrys(citizen, school):
    from applications.office_views import answered_questions
    from applications.registry import get_service

    # She said the birth record is missing; the registry holds it.
    application = draft(
        "free_meals", citizen, school, child=CHILD_IN_REGISTRY, child_birth_not_in_registry=True
    )
    rows = {
        row.question: row
        for row in answered_questions(get_service("free_meals"), application.answers)
    }
    from services.common_categories import CHILD_BIRTH_NOT_IN_REGISTRY

    birth = rows[CHILD_BIRTH_NOT_IN_REGISTRY.question]
    assert birth.answer is False and birth.declared is True
    # Where the registry agrees (or could not judge), nothing is added.
    assert all(row.declared is None for row in rows.values() if row is not birth)


def test_a_draft_change_records_what_the_applicant_changed(citizen, school):
    from applications.models import ApplicationEvent

    application = draft(
        "free_meals", citizen, school, child=CHILD_IN_REGISTRY, child_birth_not_in_registry=True
    )
    answers = {
        key: value
        for key, value in application.answers.items()
        if key != "declared_before_registry"
    }
    answers["child_birth_not_in_registry"] = True  # as she answered: unchanged
    change_draft(application, citizen, answers=answers, address="Көкшетау қ., Ақан сері к-сі, 3")
    event = ApplicationEvent.objects.get(application=application, action="draft_changed")
    assert event.data["answers_changed"] == ["applicant_address"]


@pytest.mark.parametrize(
    ("typed", "flagged"),
    [
        ("Сейітов Ерлан Маратұлы", False),
        ("сейитов ерлан", False),  # case, the Kazakh letters typed as Russian, no patronymic
        ("Ахметов Болат", True),
        ("", False),
    ],
)
def test_a_spouse_other_than_the_registrys_is_flagged_for_the_clerk(
    citizen, school, typed, flagged
):
    from applications.state_registry import registry_rows, same_person_named

    application = draft("free_meals", citizen, school, spouse_name=typed)
    (marriage,) = [
        row
        for row in registry_rows(application)
        if row.status and row.iin == DEMO_APPLICANT and "Сейітов Ерлан" in row.subject
    ]
    assert marriage.typed_otherwise == (typed if flagged else "")
    assert same_person_named("Сейітов Ерлан", "Сейітов Ерлан Маратұлы")
    assert not same_person_named("Ерлан", "Сейітов Ерлан Маратұлы")


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("kk", "тіркеудегі неке жазбасында басқа адам"),
        ("ru", "в записи о браке в реестре указан другой человек"),
    ],
)
def test_the_clerk_is_told_in_their_language_that_the_spouse_differs(
    citizen, school, language, words
):
    from django.template.loader import render_to_string
    from django.utils import translation

    from applications.state_registry import registry_rows

    application = draft("free_meals", citizen, school, spouse_name="Ахметов Болат")
    with translation.override(language):
        html = render_to_string(
            "office/_registry_and_signature.html",
            {"registry_rows": registry_rows(application)},
        )
    assert words in html and "Ахметов Болат" in html
    # The marriage row names the spouse as the spouse (found by the applicant's IIN).
    spouse = {"kk": "жұбайы Сейітов Ерлан Маратұлы", "ru": "супруг(а) Сейітов Ерлан Маратұлы"}
    assert spouse[language] in html


# The child as typed with a misspelt last name and another day of birth.
CHILD_MISTYPED = ("Сейтов", "Нұрлан", "", date(2015, 3, 15), "150314512033")


def test_what_the_registry_corrected_is_kept_beside_the_record(citizen, school):
    from applications.state_registry import registry_corrections, registry_rows

    application = draft("free_meals", citizen, school, child=CHILD_MISTYPED)
    child = application.children.get()
    assert (child.last_name, child.birth_date) == ("Сейітов", date(2015, 3, 14))
    corrections = {c.kind: c for c in registry_corrections(application)}
    # Her name typed with Russian letters and without the й is told as corrected too.
    assert corrections["person"].typed_name == "Сеитова Айгуль"
    correction = corrections["birth"]
    assert correction.typed_name == "Сейтов Нұрлан"
    assert correction.recorded_name == "Сейітов Нұрлан Ерланұлы"
    assert (correction.typed_birth_date, correction.recorded_birth_date) == (
        date(2015, 3, 15),
        date(2015, 3, 14),
    )
    renamed = {row.typed_before for row in registry_rows(application) if row.typed_before}
    assert renamed == {"Сейтов Нұрлан", "Сеитова Айгуль"}


def test_a_name_typed_without_the_patronymic_is_no_correction(school):
    from applications.state_registry import registry_corrections, registry_rows

    # Both typed without the patronymic, the child's in lower case and Russian letters.
    applicant = UserFactory(iin=DEMO_APPLICANT, last_name="Сейітова", first_name="Айгүл")
    child = ("сейитов", "нурлан", "", date(2015, 3, 14), "150314512033")
    application = draft("free_meals", applicant, school, child=child)
    assert registry_corrections(application) == []
    assert not any(row.typed_before for row in registry_rows(application))


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("kk", "Мемлекеттік тізілімдер сіз тергенді түзетті"),
        ("ru", "Государственные реестры исправили введённые вами данные"),
    ],
)
def test_the_applicant_is_told_what_the_registry_corrected(
    client, citizen, school, language, words
):
    application = draft("free_meals", citizen, school, child=CHILD_MISTYPED)
    client.force_login(citizen)
    for page in (
        f"/{language}/cabinet/{application.pk}/",
        f"/{language}/cabinet/{application.pk}/check/",
    ):
        html = client.get(page).content.decode()
        assert 'data-testid="registry-corrections"' in html, page
        assert words in html and "Сейтов Нұрлан" in html and "15.03.2015" in html, page


def change_the_address(application, applicant, school, child_fields=None):
    """The applicant's Change link for the address: everything else as the draft holds
    it (the children as the registry's record named them)."""
    change_draft(
        application, applicant, address="Көкшетау қ., Ақан сері к-сі, 3", child_fields=child_fields
    )


def test_a_correction_is_still_told_after_another_answer_changes(citizen, school):
    from applications.state_registry import registry_corrections, registry_rows

    application = draft("free_meals", citizen, school, child=CHILD_MISTYPED)
    change_the_address(application, citizen, school)
    corrections = {c.kind: c for c in registry_corrections(application)}
    assert corrections["birth"].typed_name == "Сейтов Нұрлан"
    assert corrections["birth"].typed_birth_date == date(2015, 3, 15)
    assert "Сейтов Нұрлан" in {row.typed_before for row in registry_rows(application)}


def test_a_name_typed_anew_replaces_the_earlier_one(citizen, school):
    from applications.state_registry import registry_corrections

    application = draft("free_meals", citizen, school, child=CHILD_MISTYPED)
    change_the_address(application, citizen, school, {"last_name": "Сейтқали"})
    corrections = {c.kind: c for c in registry_corrections(application)}
    assert corrections["birth"].typed_name == "Сейтқали Нұрлан Ерланұлы"


@pytest.mark.parametrize(
    ("language", "words"),
    [("kk", "Мемлекеттік тізілім жауап бермеді"), ("ru", "Государственный реестр не ответил")],
)
def test_the_applicant_is_told_a_registry_did_not_answer(client, school, language, words):
    from applications.state_registry import registry_failures

    slow_applicant = UserFactory(iin=SLOW)
    FakeStateRegistry.data.behaviours[CHILD_IN_REGISTRY[4]] = "timeout"
    application = draft("free_meals", slow_applicant, school, child=CHILD_IN_REGISTRY)
    assert len(registry_failures(application)) == 3  # persons, birth and marriage records
    client.force_login(slow_applicant)
    for page in (
        f"/{language}/cabinet/{application.pk}/",
        f"/{language}/cabinet/{application.pk}/check/",
    ):
        html = client.get(page).content.decode()
        assert 'data-testid="registry-failed"' in html and words in html, page


def test_no_failure_is_told_when_the_registries_answered(citizen, school):
    from applications.state_registry import registry_failures

    application = draft("free_meals", citizen, school, child=CHILD_IN_REGISTRY)
    assert registry_failures(application) == []


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("kk", "Сіз «Иә» деп жауап бердіңіз"),
        ("ru", "Вы ответили «Да»"),
    ],
)
def test_the_applicant_sees_where_the_registry_overruled_an_answer(
    client, citizen, school, language, words
):
    """She said the birth record is missing; the registry holds it. The check page
    shows the registry's answer, the one the application goes by, and what she said."""
    application = draft(
        "free_meals", citizen, school, child=CHILD_IN_REGISTRY, child_birth_not_in_registry=True
    )
    client.force_login(citizen)
    html = client.get(f"/{language}/cabinet/{application.pk}/check/").content.decode()
    (note,) = re.findall(r'data-testid="registry-settled">([^<]*)<', html)
    assert words in note


def test_no_overruled_answer_is_told_where_the_registry_agreed(client, citizen, school):
    application = draft("free_meals", citizen, school, child=CHILD_IN_REGISTRY)
    client.force_login(citizen)
    html = client.get(f"/kk/cabinet/{application.pk}/check/").content.decode()
    assert 'data-testid="registry-settled"' not in html
