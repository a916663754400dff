"""The receipt (on filing) and the answer (on answering), issued after the commit in
the complaint's language, read back with pypdf."""

from datetime import date

import pytest
from django.utils import translation
from django.utils.translation import gettext

from complaints.actions import complaint_answer, complaint_take
from complaints.documents import ANSWER, RECEIPT, complaint_documents

from .conftest import at, file, pdf_text

pytestmark = pytest.mark.django_db

APPLICANT = "Сейітова Айгүл Бауыржанқызы"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_receipt_and_answer(world, language, django_capture_on_commit_callbacks):
    assert world.applicant.full_name == APPLICANT
    with django_capture_on_commit_callbacks(execute=True):
        complaint = file(world, language=language, when=at(date(2026, 3, 20), 19))
    (receipt,) = complaint_documents(complaint)
    assert (receipt.kind, receipt.language) == (RECEIPT, language)
    assert receipt.number == f"{complaint.number}/R"
    text = pdf_text(receipt)
    assert complaint.number in text
    assert APPLICANT in text
    assert world.application.number in text
    with translation.override(language):
        assert " ".join(gettext("Receipt of registration of a complaint").split()) in text
    assert "2026" in text and "02.04.2026" not in text  # long dates, not numeric
    assert receipt.verification_code in text

    with django_capture_on_commit_callbacks(execute=True):
        complaint_take(complaint=complaint, actor=world.head, at=at(date(2026, 3, 26)))
    with django_capture_on_commit_callbacks(execute=True):
        complaint_answer(
            complaint=complaint,
            actor=world.head,
            justified=True,
            answer="Тексеру 2 жұмыс күні ішінде өткізіледі.",
            expected_state="under_review",
            at=at(date(2026, 3, 27)),
        )
    answer = complaint_documents(complaint).get(kind=ANSWER)
    assert answer.language == language
    text = pdf_text(answer)
    assert complaint.number in text
    assert APPLICANT in text
    assert "Тексеру 2 жұмыс күні ішінде өткізіледі." in text
    with translation.override(language):
        assert " ".join(gettext("The complaint is found justified.").split()) in text


def test_documents_are_issued_once(world, django_capture_on_commit_callbacks):
    from complaints.documents import issue_complaint_document

    with django_capture_on_commit_callbacks(execute=True):
        complaint = file(world)
    first = complaint_documents(complaint).get()
    again = issue_complaint_document(complaint=complaint, kind=RECEIPT, language="kk")
    assert again.pk == first.pk
    assert complaint_documents(complaint).count() == 1
