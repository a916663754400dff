"""Patronat's documents, each in both languages: issued for a real application walked through
its workflow, rendered to PDF, and read back with pypdf."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext

from applications.actions import (
    application_create_draft,
    application_submit,
    application_transition,
    attachment_add,
    missing_documents,
)
from applications.models import Child
from applications.registry import Channel
from applications.result_documents import application_documents, issue_document
from guardianship_portal.core.kzdates import long_date_nominative
from services.patronat.models import PaymentNorm
from tests.applications.conftest import draft_for
from tests.files import pdf_upload
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db

APPLICANT = "Сейітова Айгүл Бауыржанқызы"
CHILD = "Серіков Нұрлан Асқарұлы"
BANK_ACCOUNT = "KZ86125KZT5004100100"
LANGUAGES = ["kk", "ru"]
# «2026 жылғы 21 қарашадағы»: the official long form, month in the locative-attributive case.
KK_LONG_DATE = re.compile(r"\d{4} жылғы \d{1,2} [а-яәғқңөұүһі]+(?:дағы|дегі|тағы|тегі)\b")
NORM_NOT_SET = (
    "The regional payment norm for the upkeep of a child in patronat upbringing is not set in "
    "the portal: the monthly amount is not stated in this decision."
)
RU_LONG_DATE = re.compile(
    r"\d{1,2} (?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря) \d{4} г\."
)

# The happy path for a child aged 10+ (the consent stage runs) and the state each kind is issued in.
PATH = [
    ("accept_documents", {}),
    (
        "record_inspection",
        {"findings": "Тұрғын үй жағдайлары баланы тәрбиелеуге сай.", "inspected_on": "2026-11-18"},
    ),
    ("record_child_consent", {}),
    ("issue_contract_notice", {}),
    ("sign_contract", {}),
    ("decide_payment", {}),
]
ISSUED_AFTER = {
    "acceptance_receipt": None,
    "inspection_act": "record_inspection",
    "contract_notice": "issue_contract_notice",
    "patronat_contract": "issue_contract_notice",
    "payment_decision": "decide_payment",
}


def normalised(text: str) -> str:
    """pypdf breaks lines where the PDF does: compare on single spaces."""
    return " ".join(text.split())


def submitted(applicant, office, **kwargs):
    draft = draft_for(applicant, office, **kwargs)
    for item in missing_documents(draft):
        attachment_add(application=draft, item=item.code, upload=pdf_upload(), actor=applicant)
    return application_submit(application=draft, actor=applicant)


def walk(application, clerk, until: str | None):
    """Run the happy path up to and including the action ``until`` (None: nothing)."""
    if until is None:
        return application
    for action, data in PATH:
        application = application_transition(
            application=application,
            action=action,
            actor=clerk,
            expected_state=application.state,
            data=data,
        )
        if action == until:
            return application
    raise AssertionError(until)


def refused_to_accept(applicant, office, clerk):
    application = submitted(applicant, office)
    return application_transition(
        application=application,
        action="refuse_to_accept",
        actor=clerk,
        expected_state="completeness_check",
        reason="Диплом көшірмесі оқылмайды",
        data={"missing": ["education_diploma", "carer_training"]},
    )


def refused(applicant, office, clerk):
    application = walk(submitted(applicant, office), clerk, "record_inspection")
    return application_transition(
        application=application,
        action="refuse",
        actor=clerk,
        expected_state=application.state,
        reason="Психиатриялық диспансерде есепте тұрады",
        data={"ground": "family_code_restriction"},
    )


def assert_common(text: str, application, language: str) -> None:
    assert APPLICANT in text
    assert CHILD in text
    assert application.number in text
    if language == "kk":
        assert KK_LONG_DATE.search(text), text[:400]
    else:
        assert RU_LONG_DATE.search(text), text[:400]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", list(ISSUED_AFTER))
def test_happy_path_documents(kind, language, patronat_applicant, patronat_office, patronat_clerk):
    application = walk(
        submitted(patronat_applicant, patronat_office), patronat_clerk, ISSUED_AFTER[kind]
    )
    document = issue_document(application=application, kind=kind, language=language)
    assert document.language == language
    assert document.number.startswith(application.number)
    assert_common(pdf_text(document), application, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_acceptance_receipt_says_who_accepted(
    language, patronat_applicant, patronat_office, patronat_clerk
):
    """On the portal nobody accepted by hand; a paper filing names the clerk who registered it."""
    portal = submitted(patronat_applicant, patronat_office)
    text = pdf_text(
        issue_document(application=portal, kind="acceptance_receipt", language=language)
    )
    with translation.override(language):
        assert normalised(gettext("Accepted electronically via the portal")) in text
    assert patronat_clerk.full_name not in text
    assert "+77015554433" in text

    paper = application_create_draft(
        service="patronat",
        organisation=patronat_office,
        applicant=None,
        channel=Channel.OFFICE,
        applicant_data={
            "applicant_iin": patronat_applicant.iin,
            "applicant_name": APPLICANT,
            "applicant_phone": "+77015554433",
            "applicant_address": "Көкшетау қ.",
        },
        children=[
            {
                "last_name": "Серіков",
                "first_name": "Нұрлан",
                "middle_name": "Асқарұлы",
                "birth_date": date(2012, 5, 17),
                "iin": "",
            }
        ],
        answers={"married": False},
        language=language,
    )
    paper = application_submit(application=paper, actor=patronat_clerk)
    text = pdf_text(issue_document(application=paper, kind="acceptance_receipt", language=language))
    assert_common(text, paper, language)
    assert patronat_clerk.full_name in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_refusal_receipt_lists_what_is_missing_and_who_refused(
    language, patronat_applicant, patronat_office, patronat_clerk
):
    application = refused_to_accept(patronat_applicant, patronat_office, patronat_clerk)
    text = pdf_text(
        issue_document(application=application, kind="refusal_receipt", language=language)
    )
    assert_common(text, application, language)
    with translation.override(language):
        assert normalised(gettext("Education diploma")) in text
        assert (
            normalised(gettext("Certificate of completed training for prospective carers")) in text
        )
    assert patronat_clerk.full_name in text
    assert "Диплом көшірмесі оқылмайды" in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_motivated_refusal_states_ground_reason_and_appeal(
    language, patronat_applicant, patronat_office, patronat_clerk
):
    application = refused(patronat_applicant, patronat_office, patronat_clerk)
    text = pdf_text(
        issue_document(application=application, kind="motivated_refusal", language=language)
    )
    assert_common(text, application, language)
    with translation.override(language):
        ground = gettext(
            "The Marriage and Family Code does not allow the applicant to take a child (illness from the approved list, criminal record, registration at a narcological or psychiatric dispensary)."
        )
    assert normalised(ground) in text
    assert "Психиатриялық диспансерде есепте тұрады" in text
    with translation.override(language):
        assert normalised(gettext("How to appeal")) in text
        assert (
            normalised(
                gettext(
                    "A complaint may be addressed to the authorised body for the assessment and control of the quality of state services. It is reviewed within 15 working days from its registration."
                )
            )
            in text
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_inspection_act_has_findings_address_and_inspector(
    language, patronat_applicant, patronat_office, patronat_clerk
):
    application = walk(
        submitted(patronat_applicant, patronat_office), patronat_clerk, "record_inspection"
    )
    text = pdf_text(
        issue_document(application=application, kind="inspection_act", language=language)
    )
    assert "Тұрғын үй жағдайлары баланы тәрбиелеуге сай." in text
    assert "Көкшетау қ., Абай к-сі, 10, 5-пәтер" in text
    assert patronat_clerk.full_name in text
    assert "18.11.2026" in text


CONTRACT_PHRASES = {
    "kk": [
        "Баланы (балаларды) патронатқа тәрбиелеуге берудің тұрпатты шарты",
        "патронат тәрбиеші (патронат отбасы)",
        "ай сайын алдыңғы айдың 15 кешіктірілмей",
        "Шарттың мерзімінен бұрын бұзылуы",
        "Шарт әрқайсысының бірдей заңды күші бар екі данада жасалған.",
        "2030 жылғы 17 мамырға дейін мерзімге жасалған",
    ],
    "ru": [
        "Типовой Договор о передаче ребенка (детей) на воспитание под патронат",
        "патронатный воспитатель (патронатная семья)",
        "не позднее 15 числа предыдущего месяца",
        "Досрочное расторжение договора",
        "Договор составлен в двух экземплярах, каждый из которых имеет одинаковую юридическую силу.",
        "сроком до 17 мая 2030 года",
    ],
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_contract_reproduces_the_typical_contract(
    language, patronat_applicant, patronat_office, patronat_clerk
):
    patronat_office.head_name = "Жұмабекова Гүлнар Серікқызы"
    patronat_office.save()
    application = walk(
        submitted(patronat_applicant, patronat_office), patronat_clerk, "issue_contract_notice"
    )
    text = pdf_text(
        issue_document(application=application, kind="patronat_contract", language=language)
    )
    assert_common(text, application, language)
    for phrase in CONTRACT_PHRASES[language]:
        assert phrase in text, phrase
    assert BANK_ACCOUNT in text
    assert "Halyk Bank" in text
    assert "Жұмабекова Гүлнар Серікқызы" in text
    assert (patronat_office.name_kk if language == "kk" else patronat_office.name_ru) in text
    assert "№ 045678912" in text
    # The 2008 Astana body and the repealed 1998 law are not in the issued contract.
    assert "Астана" not in text
    assert "1998" not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_contract_notice_gives_the_term_and_where_to_come(
    language, patronat_applicant, patronat_office, patronat_clerk
):
    application = walk(
        submitted(patronat_applicant, patronat_office), patronat_clerk, "issue_contract_notice"
    )
    text = pdf_text(
        issue_document(application=application, kind="contract_notice", language=language)
    )
    assert long_date_nominative(date(2030, 5, 17), language) in text
    assert long_date_nominative(application.stage_due_on, language) in text
    assert (
        normalised(patronat_office.address_kk if language == "kk" else patronat_office.address_ru)
        in text
    )


def _payment_application(applicant, office, clerk):
    application = submitted(applicant, office)
    Child.objects.create(
        application=application,
        last_name="Серікова",
        first_name="Аружан",
        birth_date=date(2016, 2, 29),
    )
    return walk(application, clerk, "decide_payment")


@pytest.mark.parametrize("language", LANGUAGES)
def test_payment_decision_prints_the_regional_norm(
    language, patronat_applicant, patronat_office, patronat_clerk
):
    PaymentNorm.objects.create(
        region=patronat_office.region,
        effective_from=date(2024, 1, 1),
        monthly_amount=Decimal("85000.00"),
        decision_reference_kk="Ақмола облысы әкімдігінің 2023 жылғы 20 желтоқсандағы № А-12/600 қаулысы",
    )
    application = _payment_application(patronat_applicant, patronat_office, patronat_clerk)
    text = pdf_text(
        issue_document(application=application, kind="payment_decision", language=language)
    )
    assert_common(text, application, language)
    assert "Серікова Аружан" in text
    assert "85 000" in text
    assert "170 000" in text
    assert "№ А-12/600" in text
    assert BANK_ACCOUNT in text
    with translation.override(language):
        assert normalised(gettext("%(amount)s tenge") % {"amount": "170 000"}) in text
        not_set = normalised(gettext(NORM_NOT_SET))
    assert not_set not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_payment_decision_says_when_the_norm_is_not_set(
    language, patronat_applicant, patronat_office, patronat_clerk
):
    application = _payment_application(patronat_applicant, patronat_office, patronat_clerk)
    # The decision itself needs a norm (see test_workflow); should the norm later be
    # withdrawn, the document says so plainly instead of printing a made-up amount.
    PaymentNorm.objects.filter(region=patronat_office.region).delete()
    text = pdf_text(
        issue_document(application=application, kind="payment_decision", language=language)
    )
    assert_common(text, application, language)
    with translation.override(language):
        not_set = normalised(gettext(NORM_NOT_SET))
    assert not_set in text
    assert "тенге" not in text and "теңге" not in text and "tenge" not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_transitions_issue_their_documents_after_commit(
    language,
    patronat_applicant,
    patronat_office,
    patronat_clerk,
    django_capture_on_commit_callbacks,
):
    """The workflow itself issues each document once, in the application's language."""
    with django_capture_on_commit_callbacks(execute=True):
        application = submitted(patronat_applicant, patronat_office, language=language)
    for action, data in PATH:
        with django_capture_on_commit_callbacks(execute=True):
            application = application_transition(
                application=application,
                action=action,
                actor=patronat_clerk,
                expected_state=application.state,
                data=data,
            )
    documents = list(application_documents(application))
    assert [d.kind for d in documents] == [
        "acceptance_receipt",
        "inspection_act",
        "contract_notice",
        "patronat_contract",
        "payment_decision",
    ]
    assert {d.language for d in documents} == {language}
    for document in documents:
        assert application.number in pdf_text(document)


# ------------------------------------------------ the typical contract, every blank filled

# The seed's drafting instructions and alternatives, which a signed contract never shows.
DRAFTING_WORDS = ["указать", "көрсетілсін", "(-ка)", "азамат/ша", "(Ф.И.О", "(Т.А.Ә"]


def with_bank_details(office):
    office.bin = "990240001234"
    office.bank_account = "KZ94070105KSN0000001"
    office.bank_bik = "KKMFKZ2A"
    office.bank_name_kk = "«ҚР Қаржы министрлігінің Қазынашылық комитеті» РММ"
    office.bank_name_ru = "РГУ «Комитет казначейства Министерства финансов РК»"
    office.save()
    return office


def contract_text(application, language):
    return pdf_text(
        issue_document(application=application, kind="patronat_contract", language=language)
    )


def contract_basis(application, language):
    from applications.registry import get_service

    edition = get_service("patronat").edition_by_code(application.edition)
    return edition.legal_references["contract_basis"].in_language(language)


CONDITIONS = {
    "kk": "Патронат тәрбиеші баланы тәрбиелеу міндеттерін орындамаған жағдайда шарт бұзылады.",
    "ru": "Договор расторгается при неисполнении патронатным воспитателем обязанностей по воспитанию ребенка.",
}
FILLED = {
    "kk": [
        "азаматша Сейітова Айгүл Бауыржанқызы",
        "ҚР ІІМ 12.03.2020 берген жеке куәлігі № 045678912",
        "Көкшетау қаласында туып-өскен",
        "туу туралы куәлігі № 0123456, берілген күні 25.05.2012",
        "БСН 990240001234",
        "ЖИК KZ94070105KSN0000001 («ҚР Қаржы министрлігінің Қазынашылық комитеті» РММ)",
        "ББК KKMFKZ2A",
        "Шартты бұзу жағдайлары: " + CONDITIONS["kk"],
    ],
    "ru": [
        "гражданка Сейітова Айгүл Бауыржанқызы",
        "удостоверение личности № 045678912, выдан ҚР ІІМ 12.03.2020",
        "уроженка Көкшетау қаласы, проживающая по адресу",
        "свидетельство о рождении № 0123456 от 25.05.2012",
        "БИН 990240001234",
        "ИИК KZ94070105KSN0000001 (РГУ «Комитет казначейства Министерства финансов РК»)",
        "БИК KKMFKZ2A",
        "Условия расторжения договора: " + CONDITIONS["ru"],
    ],
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_contract_fills_every_blank_the_portal_knows(
    language, patronat_applicant, patronat_office, patronat_clerk
):
    with_bank_details(patronat_office)
    patronat_office.provided_services.filter(service="patronat").update(
        contract_conditions_kk=CONDITIONS["kk"], contract_conditions_ru=CONDITIONS["ru"]
    )
    application = walk(
        submitted(patronat_applicant, patronat_office), patronat_clerk, "issue_contract_notice"
    )
    text = contract_text(application, language)
    for phrase in FILLED[language]:
        assert phrase in text, phrase
    # The other language's conditions are not printed.
    assert CONDITIONS["ru" if language == "kk" else "kk"] not in text
    assert normalised(contract_basis(application, language)) in text
    for word in DRAFTING_WORDS:
        assert word not in text, word
    # Clause 12 names conditions; no blank line is left for them.
    assert "жағдайлары: ____" not in text and "договора: ____" not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_contract_without_configured_conditions_leaves_a_blank_line(
    language, patronat_applicant, patronat_office, patronat_clerk
):
    application = walk(
        submitted(patronat_applicant, patronat_office), patronat_clerk, "issue_contract_notice"
    )
    text = contract_text(application, language)
    label = "Шартты бұзу жағдайлары:" if language == "kk" else "Условия расторжения договора:"
    assert re.search(re.escape(label) + r" _{20,}", text), text
    for word in DRAFTING_WORDS:
        assert word not in text, word
    # Without the organisation's bank details the body's lines stay blank to fill by hand.
    assert re.search(r"(?:БСН|БИН) _{10,}", text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_contract_basis_is_data_of_the_edition(
    language, monkeypatch, patronat_applicant, patronat_office, patronat_clerk
):
    """A lawyer corrects the law in the edition (definition.LEGAL_REFERENCES), not in the
    template: what the edition says is what the contract prints."""
    from applications.registry import LegalText
    from services.patronat.definition import LEGAL_REFERENCES

    monkeypatch.setitem(
        LEGAL_REFERENCES,
        "contract_basis",
        LegalText(
            kk="Тексеру заңының 99-бабы",
            ru="статьи 99 Проверочного закона",
        ),
    )
    application = walk(
        submitted(patronat_applicant, patronat_office), patronat_clerk, "issue_contract_notice"
    )
    text = contract_text(application, language)
    if language == "kk":
        assert "1. Тексеру заңының 99-бабы негізінде, қорғаншы және қамқоршы органы" in text
        assert "статьи 99" not in text
    else:
        assert "действующий на основании статьи 99 Проверочного закона, в лице" in text
        assert "Тексеру" not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_older_application_keeps_its_one_field_identity_document(
    language, patronat_applicant, patronat_office, patronat_clerk
):
    """Rows filed before the split have the identity document as one text and no birth
    certificate: the text is printed as before, the certificate is a blank to fill."""
    application = submitted(patronat_applicant, patronat_office)
    answers = {
        key: value
        for key, value in application.answers.items()
        if not key.startswith("identity_document_") and key != "place_of_birth"
    }
    answers["identity_document"] = "№ 045678912, ҚР ІІМ, 12.03.2020"
    type(application).objects.filter(pk=application.pk).update(answers=answers)
    application.children.update(birth_certificate_number="", birth_certificate_date=None)
    application.refresh_from_db()
    application = walk(application, patronat_clerk, "issue_contract_notice")
    text = contract_text(application, language)
    if language == "kk":
        assert "жеке куәлігі № 045678912, ҚР ІІМ, 12.03.2020" in text
        assert re.search(r"_{10,} қаласында туып-өскен", text)
        assert re.search(r"туу туралы куәлігі № _{10,}, берілген күні _{10,}", text)
    else:
        assert "удостоверение личности № 045678912, ҚР ІІМ, 12.03.2020" in text
        assert re.search(r"уроженка _{10,}", text)
        assert re.search(r"свидетельство о рождении № _{10,} от _{10,}", text)
    for word in DRAFTING_WORDS:
        assert word not in text, word


@pytest.mark.parametrize(
    "place, expected",
    [
        ("Көкшетау қаласы", "Көкшетау қаласында"),
        ("Көкшетау", "Көкшетауда"),
        ("Зеренді ауылы", "Зеренді ауылында"),
        (
            "Ақмола облысы, Зеренді ауданы, Зеренді а.",
            "Ақмола облысы, Зеренді ауданы, Зеренді ауылында",
        ),
        ("Шымкент", "Шымкентте"),
        ("Өскемен", "Өскеменде"),
        ("г. Кокшетау", "Кокшетау қаласында"),
        ("Astana", "Astana қаласында"),  # not Cyrillic: the seed's words
        ("", ""),
    ],
)
def test_kazakh_place_of_birth_takes_the_locative(place, expected):
    from services.patronat.documents import kk_locative_place

    assert kk_locative_place(place) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_payment_decision_names_the_contract_by_its_number_and_date(
    language, patronat_applicant, patronat_office, patronat_clerk
):
    from django.utils import timezone

    from applications.result_documents import document_event, document_number
    from guardianship_portal.core.kzdates import long_date

    application = _payment_application(patronat_applicant, patronat_office, patronat_clerk)
    text = pdf_text(
        issue_document(application=application, kind="payment_decision", language=language)
    )
    contract_on = timezone.localtime(document_event(application, "patronat_contract").at).date()
    # Compared without spaces: the PDF may break the number at its hyphen.
    squeezed = "".join(text.split())
    assert document_number(application, "patronat_contract") in squeezed
    assert "".join(long_date(contract_on, language).split()) in squeezed


@pytest.mark.parametrize(
    "language, words",
    [
        ("kk", ["мен азамат Сейітов Ерлан"]),
        ("ru", ["и гражданин Сейітов Ерлан", "уроженец Көкшетау қаласы, проживающий по адресу"]),
    ],
)
def test_contract_words_the_carer_by_the_sex_the_iin_gives(
    language, words, patronat_office, patronat_clerk
):
    from guardianship_portal.accounts.iin import make_iin
    from tests.factories import UserFactory

    man = UserFactory(
        iin=make_iin(date(1986, 2, 3), male=True, serial=3301),
        last_name="Сейітов",
        first_name="Ерлан",
        middle_name="",
    )
    application = walk(submitted(man, patronat_office), patronat_clerk, "issue_contract_notice")
    text = contract_text(application, language)
    for phrase in words:
        assert phrase in text, phrase
    assert "азаматша" not in text and "гражданка" not in text and "уроженка" not in text
