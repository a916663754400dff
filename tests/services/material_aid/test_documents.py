"""Material aid documents, each in both languages, read back with pypdf."""

from datetime import date

import pytest
from django.utils import timezone

from applications.result_documents import issue_document
from guardianship_portal.core.kzdates import long_date, long_date_nominative
from services.common_categories import academic_year
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
    ("record_board_decision", {"board_number": "4", "board_date": "2026-01-15"}),
    ("grant_aid", {"amount": "60000", "aid": "Мектеп формасы"}),
]


@pytest.mark.parametrize("language", LANGUAGES)
def test_aid_decision(language, school, school_clerk, school_applicant):
    application = walk(submitted("material_aid", school_applicant, school), school_clerk, PATH)
    text = pdf_text(issue_document(application=application, kind="aid_decision", language=language))
    assert_common(text, application, language)
    assert "60 000" in text
    assert "50 851" in text
    assert "Мектеп формасы" in text
    assert "№ 4" in text or "No. 4" in text
    assert long_date(date(2026, 1, 15), language) in text
    starts, ends = academic_year(timezone.localdate())
    assert long_date_nominative(starts, language) in text
    assert long_date_nominative(ends, language) in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_shared_documents(language, school, school_clerk, school_applicant):
    check_common_documents("material_aid", language, school_applicant, school, school_clerk)
