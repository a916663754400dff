"""The guardian allowance's documents in both languages: issued for an application walked
through its workflow, rendered to PDF and read back with pypdf."""

import re
from datetime import date

import pytest
from django.utils import translation
from django.utils.translation import gettext

from applications.actions import application_transition
from applications.result_documents import application_documents, issue_document
from guardianship_portal.core.kzdates import long_date_nominative
from tests.pdf import pdf_text
from tests.services.guardian_allowance.helpers import child, submitted

pytestmark = pytest.mark.django_db

LANGUAGES = ["kk", "ru"]
APPLICANT = "Сейітова Айгүл Бауыржанқызы"
CHILD = "Серіков Нұрлан Асқарұлы"
SECOND_CHILD = "Серікова Аружан"
BANK_ACCOUNT = "KZ86125KZT5004100100"
KK_LONG_DATE = re.compile(r"\d{4} жылғы \d{1,2} [а-яәғқңөұүһі]+(?:дағы|дегі|тағы|тегі)\b")
RU_LONG_DATE = re.compile(
    r"\d{1,2} (?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря) \d{4} г\."
)
FORWARD = ["accept_documents", "complete_review", "decide_allowance"]


def normalised(text: str) -> str:
    return " ".join(text.split())


def decided(applicant, office, clerk, **kwargs):
    application = submitted(
        applicant,
        office,
        children=[child(), child(date(2015, 3, 1), first_name="Аружан", last_name="Серікова")],
        **kwargs,
    )
    for action in FORWARD:
        application = application_transition(
            application=application, action=action, actor=clerk, expected_state=application.state
        )
    return application


def assert_common(text: str, application, language: str) -> None:
    assert APPLICANT in text
    assert CHILD in text
    assert application.number in text
    pattern = KK_LONG_DATE if language == "kk" else RU_LONG_DATE
    assert pattern.search(text), text[:400]


@pytest.mark.parametrize("language", LANGUAGES)
def test_decision_states_amount_children_and_start(
    language, allowance_applicant, allowance_office, allowance_clerk
):
    allowance_office.head_name = "Исабаев Ерлан Маратұлы"
    allowance_office.save()
    application = decided(allowance_applicant, allowance_office, allowance_clerk)
    document = issue_document(application=application, kind="allowance_decision", language=language)
    assert document.language == language
    assert document.number == f"{application.number}/AD"
    text = pdf_text(document)
    assert_common(text, application, language)
    assert SECOND_CHILD in text
    with translation.override(language):
        title = normalised(
            gettext(
                "Decision on assigning the allowance to the guardian or trustee for the upkeep "
                "of an orphan or a child left without parental care"
            )
        )
        per_child = normalised(gettext("%(amount)s tenge") % {"amount": "43 250"})
        total = normalised(gettext("%(amount)s tenge") % {"amount": "86 500"})
        mrp = normalised(gettext("%(amount)s tenge") % {"amount": "4 325"})
    assert title in text
    for amount in (per_child, total, mrp):
        assert amount in text, amount
    starts_on = application.registered_on.replace(day=1)
    assert long_date_nominative(starts_on, language) in text
    assert BANK_ACCOUNT in text and "Halyk Bank" in text
    assert "№ 14/05" in text  # the decision appointing the guardian
    assert "Исабаев Ерлан Маратұлы" in text
    name = allowance_office.name_kk if language == "kk" else allowance_office.name_ru
    assert name in text
    # The law that sets the MRP, cited in the document's language only.
    year = application.answers["allowance"]["mrp_year"]
    kk_law, ru_law = f"{year} жылғы бюджет туралы заң", f"Закон о бюджете на {year} год"
    assert (kk_law, ru_law)[language == "ru"] in text
    assert (kk_law, ru_law)[language == "kk"] not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_refusal_receipt_lists_what_is_missing(
    language, allowance_applicant, allowance_office, allowance_clerk
):
    application = submitted(allowance_applicant, allowance_office)
    application = application_transition(
        application=application,
        action="refuse_to_accept",
        actor=allowance_clerk,
        expected_state="completeness_check",
        reason="Шарттың көшірмесі оқылмайды",
        data={"missing": ["bank_account_contract", "child_income_documents"]},
    )
    text = pdf_text(
        issue_document(application=application, kind="refusal_receipt", language=language)
    )
    assert_common(text, application, language)
    with translation.override(language):
        expected = [
            normalised(gettext("Receipt of refusal to accept the documents")),
            normalised(
                gettext(
                    "Documents on the child's income (state social benefits and other social "
                    "payments, alimony, income from the child's property)"
                )
            ),
        ]
    for phrase in expected:
        assert phrase in text, phrase
    assert "Шарттың көшірмесі оқылмайды" in text
    assert allowance_clerk.full_name in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_motivated_refusal_states_the_ground(
    language, allowance_applicant, allowance_office, allowance_clerk
):
    application = submitted(allowance_applicant, allowance_office)
    application = application_transition(
        application=application, action="accept_documents", actor=allowance_clerk
    )
    with translation.override(language):
        ground = gettext("False documents or data, or documents with substituted data.")
    # The clerk's page is in the other language: the ground is a code all the same.
    other = "ru" if language == "kk" else "kk"
    with translation.override(other):
        application = application_transition(
            application=application,
            action="refuse",
            actor=allowance_clerk,
            expected_state="review",
            reason="Қамқоршы тағайындау туралы шешімнің күші жойылған",
            data={"ground": "false_documents"},
        )
    text = pdf_text(
        issue_document(application=application, kind="motivated_refusal", language=language)
    )
    assert_common(text, application, language)
    assert normalised(ground) in text
    assert "Қамқоршы тағайындау туралы шешімнің күші жойылған" in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_workflow_issues_its_documents_after_commit(
    language,
    allowance_applicant,
    allowance_office,
    allowance_clerk,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        application = submitted(allowance_applicant, allowance_office, language=language)
    for action in FORWARD:
        with django_capture_on_commit_callbacks(execute=True):
            application = application_transition(
                application=application,
                action=action,
                actor=allowance_clerk,
                expected_state=application.state,
            )
    documents = list(application_documents(application))
    assert [d.kind for d in documents] == ["acceptance_receipt", "allowance_decision"]
    assert {d.language for d in documents} == {language}
    for document in documents:
        assert application.number in pdf_text(document)
