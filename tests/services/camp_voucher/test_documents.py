"""Camp voucher documents, each in both languages, read back with pypdf."""

import pytest

from applications.result_documents import application_documents, issue_document
from services.camp_voucher.models import Shift
from tests.services.camp_voucher.school import (
    assert_common,
    check_common_documents,
    pdf_text,
    submitted,
    walk,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["kk", "ru"]
PATH = [
    ("accept_documents", {}),
    ("confirm_category", {}),
    ("issue_voucher", lambda a: {"shift": Shift.objects.get().pk}),
]


@pytest.mark.parametrize("language", LANGUAGES)
def test_voucher_names_the_camp_and_the_shift(language, school, school_clerk, school_applicant):
    application = walk(submitted("camp_voucher", school_applicant, school), school_clerk, PATH)
    text = pdf_text(issue_document(application=application, kind="camp_voucher", language=language))
    assert_common(text, application, language)
    if language == "kk":
        assert "«Балдырған» сауықтыру лагері" in text
        assert "2027 жылғы 3 маусым" in text
        assert "2027 жылғы 23 маусым" in text
    else:
        assert "Оздоровительный лагерь «Балдырған»" in text
        assert "3 июня 2027 г." in text
        assert "23 июня 2027 г." in text
    assert "Бурабай ауданы, Щучье көлі" in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_shared_documents(language, school, school_clerk, school_applicant):
    check_common_documents("camp_voucher", language, school_applicant, school, school_clerk)


def test_the_workflow_issues_the_voucher_after_commit(
    school, school_clerk, school_applicant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = submitted("camp_voucher", school_applicant, school, language="ru")
    with django_capture_on_commit_callbacks(execute=True):
        application = walk(application, school_clerk, PATH)
    kinds = [(d.kind, d.language) for d in application_documents(application)]
    assert kinds == [("acceptance_receipt", "ru"), ("camp_voucher", "ru")]
