"""The rows of the clerk queue and the drill-down lists (applications/table_rows.py):
every cell in the reader's language and date format, made without a query per row."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from applications import office_selectors
from applications.models import Application
from applications.table_rows import DUE_TODAY, OVERDUE, application_rows
from tests.factories import ClerkFactory
from tests.services.camp_voucher.school import submitted

pytestmark = pytest.mark.django_db

MEALS = {
    "kk": "Мектепте тегін және жеңілдетілген тамақтандыру",
    "ru": "Бесплатное и льготное питание в школе",
}


@pytest.fixture
def school_clerk(school):
    return ClerkFactory(organisation=school)


def queue_rows(clerk, today, *, language):
    applications = office_selectors.office_queue(
        clerk, office_selectors.QueueFilters(status=office_selectors.STATUS_ALL), today=today
    )
    with translation.override(language):
        return application_rows(applications, today=today)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_rows_are_in_the_readers_language_and_format(
    school, school_clerk, school_applicant, language
):
    application = submitted("free_meals", school_applicant, school)
    today = application.stage_due_on
    (row,) = queue_rows(school_clerk, today, language=language)
    assert row.number == application.number
    assert row.url == f"/{language}/office/{application.pk}/"
    assert row.stage_due == today.strftime("%d.%m.%Y")
    assert row.stage_flag == DUE_TODAY
    assert row.due == application.due_on.strftime("%d.%m.%Y")
    assert row.organisation == (
        "Көкшетау қаласының № 7 мектеп-гимназиясы"
        if language == "kk"
        else "Школа-гимназия № 7 города Кокшетау"
    )
    assert row.service_title == MEALS[language]
    # Nothing internal reaches a cell: no state or channel code.
    assert row.state_label and row.state_label != application.state
    assert row.channel == "Портал"
    assert row.clerk == "" and not row.final


def test_the_flag_says_overdue_after_the_stage_deadline(school, school_clerk, school_applicant):
    application = submitted("free_meals", school_applicant, school)
    (row,) = queue_rows(school_clerk, application.stage_due_on + timedelta(days=1), language="kk")
    assert row.stage_flag == OVERDUE
    (row,) = queue_rows(school_clerk, application.stage_due_on - timedelta(days=1), language="kk")
    assert row.stage_flag == ""


def test_a_row_the_reader_may_not_open_has_no_link(school, school_clerk, school_applicant):
    submitted("free_meals", school_applicant, school)
    rows = application_rows(
        Application.objects.exclude(state="draft").select_related("organisation", "assigned_clerk"),
        today=date(2026, 12, 1),
        may_open=lambda application: False,
    )
    assert [row.url for row in rows] == [""] and not rows[0].may_open


def test_a_page_of_rows_costs_the_same_queries(school, school_clerk, school_applicant):
    def queries() -> int:
        applications = office_selectors.office_queue(
            school_clerk,
            office_selectors.QueueFilters(status=office_selectors.STATUS_ALL),
            today=date(2026, 12, 1),
        )
        with CaptureQueriesContext(connection) as captured:
            application_rows(applications, today=date(2026, 12, 1))
        return len(captured)

    submitted("free_meals", school_applicant, school)
    one = queries()
    for _ in range(3):
        submitted("camp_voucher", school_applicant, school)
    assert queries() == one == 1
