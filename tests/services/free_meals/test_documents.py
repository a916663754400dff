"""Free meals documents, each in both languages, read back with pypdf."""

from datetime import date

import pytest
from django.utils import translation
from django.utils.translation import gettext

from applications.result_documents import issue_document
from guardianship_portal.core.kzdates import long_date_nominative
from services.free_meals.documents import school_year_for
from tests.services.camp_voucher.school import (
    assert_common,
    check_common_documents,
    normalised,
    pdf_text,
    submitted,
    walk,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["kk", "ru"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("meals", ["free", "reduced"])
def test_meals_notice(meals, language, school, school_clerk, school_applicant):
    path = [("accept_documents", {}), ("confirm_category", {}), ("grant_meals", {"meals": meals})]
    application = walk(submitted("free_meals", school_applicant, school), school_clerk, path)
    text = pdf_text(issue_document(application=application, kind="meals_notice", language=language))
    assert_common(text, application, language)
    with translation.override(language):
        chosen = gettext("Free meals" if meals == "free" else "Reduced-price meals")
        other = gettext("Reduced-price meals" if meals == "free" else "Free meals")
    assert normalised(chosen) in text
    assert normalised(other) not in text
    starts, ends = school_year_for(date.today())
    assert long_date_nominative(starts, language) in text
    assert long_date_nominative(ends, language) in text


@pytest.mark.parametrize(
    ("day", "starts"),
    [
        (date(2026, 9, 1), date(2026, 9, 1)),
        (date(2027, 2, 10), date(2026, 9, 1)),
        (date(2027, 5, 31), date(2026, 9, 1)),
        (date(2027, 6, 1), date(2027, 9, 1)),
        (date(2027, 8, 31), date(2027, 9, 1)),
    ],
)
def test_school_year_of_the_notice(day, starts):
    assert school_year_for(day) == (starts, date(starts.year + 1, 8, 31))


@pytest.mark.parametrize("language", LANGUAGES)
def test_shared_documents(language, school, school_clerk, school_applicant):
    check_common_documents("free_meals", language, school_applicant, school, school_clerk)
