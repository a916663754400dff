"""The quarterly and annual quality reports: figures, XLSX and PDF read back in kk and
ru, and the scope rule.

Office A, first quarter of 2026 (tests/supervision/conftest.py; today 04.03.2026):
registered A1–A8, O1–O5 = 13; decided A1 A2 A3 A4 A5 A6 A8 = 7, on time 4 (57.1 %),
motivated refusals 1 (A5), refusals to accept 1 (A6), median working days 10.
Indicators: 1.1 = 4/7 = 57.1 %, 3.2 = 6/7 = 85.7 %, complaints (faked) 3
justified per 7 served = 42.9 %
and 2/3 = 66.7 %. Targets 2026 as in appendix 1 of seed 003: 85/55, 85/65, 4/8, 75/50.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from applications.registry import get_service
from supervision import reports
from supervision.filters import quarter_period, year_period
from supervision.indicators import Indicator
from supervision.scope import Scope
from tests.factories import OrganisationFactory, ProvidedServiceFactory, SupervisorFactory
from tests.supervision import test_indicators as shared
from tests.supervision.conftest import TODAY

# The fixtures of test_indicators (a fake complaints register, the 2026 targets).
complaints = shared.complaints
no_complaints_app = shared.no_complaints_app
targets_2026 = shared.targets_2026

pytestmark = pytest.mark.django_db
URL = "/{language}/supervision/reports/quality/"
Q1 = quarter_period(2026, 1)
PERIOD_LABELS = {"kk": "2026 ж. 1-тоқсан", "ru": "1 квартал 2026 г."}
PERIOD_LINES = {
    "kk": ("2026 жылғы 1 қаңтар", "2026 жылғы 31 наурыз"),
    "ru": ("1 января 2026 г.", "31 марта 2026 г."),
}


def tr(language: str, text) -> str:
    with translation.override(language):
        return str(translation.gettext(text)) if isinstance(text, str) else str(text)


@pytest.fixture
def report_today(monkeypatch):
    monkeypatch.setattr("supervision.report_views.today", lambda: TODAY)
    return TODAY


def download(client, language="kk", **params):
    """The report as a supervisor gets it. A PDF is rendered by a job: the first ask
    answers "being prepared"; the job is run (as a worker would) and the same link then
    downloads the file."""
    url = URL.format(language=language)
    response = client.get(url, params)
    if params.get("format") != "pdf" or not is_pending_page(response):
        return response
    run_report_jobs()
    return client.get(url, params)


def is_pending_page(response) -> bool:
    return response.status_code == 200 and "supervision/report_pending.html" in [
        t.name for t in response.templates
    ]


def run_report_jobs() -> int:
    from supervision.models import ReportFile
    from supervision.report_jobs import render_report

    waiting = list(ReportFile.objects.filter(file="").values_list("pk", flat=True))
    for pk in waiting:
        render_report.call(report_pk=pk)
    return len(waiting)


# ------------------------------------------------------------------ the figures


def test_report_figures_of_the_first_quarter(history, complaints, targets_2026):
    report = reports.build_report(
        scope=Scope.for_user(history.supervisor), period=Q1, organisation_id=None, today=TODAY
    )
    (patronat,) = report.services
    assert patronat.service == "patronat"
    assert (
        patronat.registered,
        patronat.decided,
        patronat.on_time,
        patronat.refused,
        patronat.refused_to_accept,
    ) == (13, 7, 4, 1, 1)
    assert patronat.on_time_share == Decimal("57.1")
    assert patronat.median_days == 10
    assert report.total.registered == 13 and report.total.decided == 7
    assert report.total.median_days == 10
    values = {row.indicator: row.current for row in report.indicators}
    assert values == {
        Indicator.ON_TIME: Decimal("57.1"),
        Indicator.ACCEPTED_FIRST_TIME: Decimal("85.7"),
        Indicator.JUSTIFIED_COMPLAINTS: Decimal("42.9"),
        Indicator.JUSTIFIED_IN_TIME: Decimal("66.7"),
    }
    assert not report.complete  # 31 March is still to come on 4 March


def test_per_service_rows_add_up_to_the_total(history, complaints):
    """A second service with its own figures: each row counts its own, the total both."""
    from tests.supervision.conftest import complete, paper

    office = history.office
    ProvidedServiceFactory(organisation=office, service="guardian_allowance")
    report = reports.build_report(
        scope=Scope.for_user(history.supervisor), period=Q1, organisation_id=None, today=TODAY
    )
    # In the order of the registry, whether they have figures or not.
    assert [row.service for row in report.services] == ["patronat", "guardian_allowance"]
    allowance = next(row for row in report.services if row.service == "guardian_allowance")
    assert (allowance.registered, allowance.decided, allowance.median_days) == (0, 0, None)
    assert allowance.on_time_share is None  # no data, not 0 %
    assert report.total.decided == sum(row.decided for row in report.services)
    # Another patronat decision in March moves the patronat row and the total alike.
    complete(paper(office, history.c1, date(2026, 3, 2)), history.c1, date(2026, 3, 3))
    report = reports.build_report(
        scope=Scope.for_user(history.supervisor), period=Q1, organisation_id=None, today=TODAY
    )
    patronat = next(row for row in report.services if row.service == "patronat")
    assert (patronat.decided, patronat.on_time) == (8, 5)
    assert report.total.decided == 8


def test_the_year_report_counts_the_whole_year(history, complaints):
    report = reports.build_report(
        scope=Scope.for_user(history.supervisor),
        period=year_period(2026),
        organisation_id=None,
        today=date(2027, 1, 10),
    )
    assert report.total.decided == 7
    assert report.complete
    assert not report.quarterly


@pytest.mark.parametrize(
    ("value", "key"),
    [("2026-q3", "2026-q3"), ("2026-Q1", "2026-q1"), ("2026", "2026"), (" 2025 ", "2025")],
)
def test_reporting_periods_are_quarters_and_years(value, key):
    assert reports.parse_report_period(value).key == key


@pytest.mark.parametrize("value", ["", "2026-03", "2026-q5", "1999", "custom", "q1", None])
def test_other_periods_are_not_reporting_periods(value):
    assert reports.parse_report_period(value) is None


# ------------------------------------------------------------------ XLSX


def read_xlsx(content: bytes) -> dict[str, list]:
    """{text of column A: the row's values} over the whole sheet."""
    sheet = load_workbook(io.BytesIO(content)).active
    return {
        str(row[0]): list(row) for row in sheet.iter_rows(values_only=True) if row[0] is not None
    }


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_xlsx_holds_the_numbers_and_labels(
    client, history, complaints, targets_2026, report_today, language
):
    client.force_login(history.supervisor)
    response = download(client, language, period="2026-q1", format="xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == reports.XLSX_TYPE
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="quality-report-2026-q1-scope-{language}.xlsx"'
    )
    rows = read_xlsx(response.content)
    title = tr(language, "Quarterly report on the quality indicators of state services")
    assert title in rows
    period = rows[tr(language, "Period")]
    assert PERIOD_LABELS[language] in period[1]
    assert " – ".join(PERIOD_LINES[language]) in period[1]
    with translation.override(language):
        assert rows[tr(language, "Organisation")][1] == history.office.name
        # Indicators: label | normative | target | current | counted | of
        on_time = rows[str(Indicator.ON_TIME.label)]
        first = rows[str(Indicator.ACCEPTED_FIRST_TIME.label)]
        justified = rows[str(Indicator.JUSTIFIED_COMPLAINTS.label)]
        in_time = rows[str(Indicator.JUSTIFIED_IN_TIME.label)]
        patronat = rows[str(get_service("patronat").title)]
    assert on_time[1:6] == [85, 55, 57.1, 4, 7]
    assert first[1:6] == [85, 65, 85.7, 6, 7]
    assert justified[1:6] == [4, 8, 42.9, 3, 7]
    assert in_time[1:6] == [75, 50, 66.7, 2, 3]
    assert on_time[6] == tr(language, "target reached")
    assert justified[6] == tr(language, "target not reached")  # 42.9 % > 8 %: lower is better
    # Service | registered | decided | on time | share | refusals | to accept | median
    assert patronat[1:8] == [13, 7, 4, 57.1, 1, 1, 10]
    assert rows[tr(language, "Total")][1:8] == [13, 7, 4, 57.1, 1, 1, 10]
    headings = rows[tr(language, "Quality indicator")]
    assert headings[1:4] == [
        tr(language, "Normative value, %"),
        tr(language, "Target value, %"),
        tr(language, "Current value, %"),
    ]
    assert tr(language, "Median working days to result") in rows[tr(language, "Service")]


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_xlsx_says_no_data_and_not_set(client, history, no_complaints_app, report_today, language):
    client.force_login(history.supervisor)
    response = download(client, language, period="2025-q2", format="xlsx")
    assert response.status_code == 200
    rows = read_xlsx(response.content)
    no_data, not_set = tr(language, "no data"), tr(language, "not set")
    with translation.override(language):
        for indicator in Indicator:
            row = rows[str(indicator.label)]
            assert row[1:4] == [not_set, not_set, no_data]
        patronat = rows[str(get_service("patronat").title)]
    assert patronat[1:8] == [0, 0, 0, no_data, 0, 0, no_data]


def test_xlsx_for_one_organisation_of_a_department_scope(client, history, complaints, report_today):
    """A department supervisor sees the schools of their district too; ``org`` narrows
    the report to one of them."""
    school = OrganisationFactory(
        kind="school",
        code="KOK-SCH-1",
        region=history.office.region,
        district_kk=history.office.district_kk,
    )
    client.force_login(history.supervisor)
    response = download(client, "ru", period="2026-q1", format="xlsx", org=school.pk)
    assert response.status_code == 200
    assert "quality-report-2026-q1-KOK-SCH-1-ru.xlsx" in response["Content-Disposition"]
    rows = read_xlsx(response.content)
    with translation.override("ru"):
        assert rows[tr("ru", "Organisation")][1] == school.name
        assert rows[str(Indicator.ON_TIME.label)][3] == tr("ru", "no data")
    assert rows[tr("ru", "Total")][1:3] == [0, 0]
    assert complaints.calls[-1]["organisations"] == [school]
    # The whole scope: the department and its school, in one district.
    response = download(client, "ru", period="2026-q1", format="xlsx")
    rows = read_xlsx(response.content)
    with translation.override("ru"):
        names = rows[tr("ru", "Organisations")][1]
        assert history.office.name in names and school.name in names
        assert rows[tr("ru", "City or district")][1] == history.office.district


# ------------------------------------------------------------------ PDF


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_pdf_holds_title_period_and_values(
    client, history, complaints, targets_2026, report_today, language
):
    client.force_login(history.supervisor)
    response = download(client, language, period="2026-q1", format="pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    title = tr(language, "Quarterly report on the quality indicators of state services")
    assert " ".join(title.split()) in text
    assert PERIOD_LABELS[language] in text
    assert " – ".join(PERIOD_LINES[language]) in text
    office_name = history.office.name_kk if language == "kk" else history.office.name_ru
    assert office_name in text
    assert "57,1" in text and "85,7" in text and "42,9" in text and "66,7" in text
    assert tr(language, "Quality indicators") in text
    compiled = "2026 жылғы 4 наурыз" if language == "kk" else "4 марта 2026 г."
    assert compiled in text


def test_annual_pdf_in_russian(client, history, complaints, report_today):
    client.force_login(history.supervisor)
    response = download(client, "ru", period="2026", format="pdf")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert (
        " ".join(tr("ru", "Annual report on the quality indicators of state services").split())
        in text
    )
    assert "2026 год" in text
    assert "1 января 2026 г." in text and "31 декабря 2026 г." in text


# ------------------------------------------------------------------ the rules


def test_a_supervisor_cannot_get_another_office_report(client, history, report_today):
    client.force_login(history.supervisor)
    response = download(client, period="2026-q1", format="xlsx", org=history.other.pk)
    assert response.status_code == 404
    client.force_login(history.other_supervisor)
    response = download(client, period="2026-q1", format="pdf", org=history.office.pk)
    assert response.status_code == 404


def test_each_supervisor_gets_only_their_own_figures(client, history, complaints, report_today):
    client.force_login(history.other_supervisor)
    response = download(client, "kk", period="2026-q1", format="xlsx")
    rows = read_xlsx(response.content)
    # B1 decided on time, B2 open: registered 2, decided 1, on time 1.
    assert rows[tr("kk", "Total")][1:4] == [2, 1, 1]
    assert complaints.calls[-1]["organisations"] == [history.other]


def test_a_superuser_may_report_on_any_organisation(
    client, admin_user, history, complaints, report_today
):
    client.force_login(admin_user)
    response = download(client, "ru", period="2026-q1", format="xlsx", org=history.other.pk)
    assert response.status_code == 200
    assert read_xlsx(response.content)[tr("ru", "Total")][1:4] == [2, 1, 1]
    response = download(client, "ru", period="2026-q1", format="xlsx")
    rows = read_xlsx(response.content)
    assert rows[tr("ru", "Total")][1:4] == [15, 8, 5]
    assert rows[tr("ru", "Scope")][1] == tr("ru", "All organisations")


@pytest.mark.parametrize(
    "params",
    [
        {"period": "2026-03", "format": "xlsx"},
        {"period": "custom", "format": "pdf"},
        {"period": "2026-q1", "format": "csv"},
        {"period": "2026-q1"},
        {"format": "pdf"},
        {"period": "2026-q1", "format": "xlsx", "org": "abc"},
    ],
)
def test_bad_parameters_are_not_found(client, history, report_today, params):
    client.force_login(history.supervisor)
    assert download(client, **params).status_code == 404


def test_only_supervisors_get_reports(client, history, report_today):
    assert download(client, period="2026-q1", format="xlsx").status_code == 302  # to login
    client.force_login(history.c1)
    assert download(client, period="2026-q1", format="xlsx").status_code == 403
    client.force_login(history.applicant)
    assert download(client, period="2026-q1", format="pdf").status_code == 403


def test_a_supervisor_without_an_organisation_gets_nothing(client, db, report_today):
    supervisor = SupervisorFactory(organisation=None)
    client.force_login(supervisor)
    assert download(client, period="2026-q1", format="xlsx").status_code == 404


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_regional_report_breaks_the_figures_down_by_organisation(
    client, history, complaints, report_today, language
):
    """The regional supervisor's report covers the region (offices A and B, the regional
    department itself provides nothing): A 13 registered / 7 decided / 4 on time, B 2 /
    1 / 1 (see the superuser's totals below), total 15 / 8 / 5."""
    regional = OrganisationFactory(
        kind="regional_department", code="AKM-EDU", region=history.office.region
    )
    client.force_login(SupervisorFactory(organisation=regional))
    response = download(client, language, period="2026-q1", format="xlsx")
    assert response.status_code == 200
    rows = read_xlsx(response.content)
    with translation.override(language):
        assert rows[tr(language, "Region")][1] == str(history.office.region)
        assert tr(language, "By organisation") in rows
        a = rows[history.office.name]
        b = rows[history.other.name]
        assert regional.name not in rows  # provides nothing, has no figures
    assert a[1:8] == [13, 7, 4, 57.1, 1, 1, 10]
    assert b[1:4] == [2, 1, 1]
    assert rows[tr(language, "Total")][1:4] == [15, 8, 5]
    assert {o.code for o in complaints.calls[-1]["organisations"]} == {
        history.office.code,
        history.other.code,
        regional.code,
    }

    pdf = download(client, language, period="2026-q1", format="pdf")
    text = pdf_text(pdf.content)
    assert tr(language, "By organisation") in text
    with translation.override(language):
        assert history.office.name in text and history.other.name in text


def test_a_one_organisation_report_has_no_organisation_table(client, history, report_today):
    client.force_login(history.supervisor)
    rows = read_xlsx(download(client, "kk", period="2026-q1", format="xlsx").content)
    assert tr("kk", "By organisation") not in rows


# ------------------------------------------------------------------ PDF by a job


@pytest.mark.parametrize(
    ("language", "words"),
    [("kk", "Есеп дайындалуда"), ("ru", "Отчёт готовится")],
)
def test_the_first_ask_says_being_prepared_and_refreshes(
    client, history, complaints, report_today, language, words
):
    """The PDF is not rendered in the request: the page says so in the user's
    language and refreshes itself; once the job ran, the same link downloads it."""
    from supervision.models import ReportFile

    client.force_login(history.supervisor)
    url = URL.format(language=language)
    params = {"period": "2026-q1", "format": "pdf"}
    response = client.get(url, params)
    assert response.status_code == 200
    assert is_pending_page(response)
    page = response.content.decode()
    assert 'http-equiv="refresh"' in page
    assert tr(language, "The report is being prepared") in page
    assert words in page
    assert "Traceback" not in page and "None" not in page
    assert ReportFile.objects.get().file.name == ""
    # Asking again before the job ran makes no second row and still waits.
    assert is_pending_page(client.get(url, params))
    assert ReportFile.objects.count() == 1
    assert run_report_jobs() == 1
    response = client.get(url, params)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f"quality-report-2026-q1-scope-{language}.pdf" in response["Content-Disposition"]


def test_a_closed_period_report_is_reused_and_a_running_one_is_per_day(
    client, history, complaints, monkeypatch
):
    """Q4 2025 is closed on 4 March 2026: a second supervisor with the same scope gets
    the stored file; the running quarter is compiled again the next day."""
    from supervision.models import ReportFile

    monkeypatch.setattr("supervision.report_views.today", lambda: TODAY)
    client.force_login(history.supervisor)
    download(client, period="2025-q4", format="pdf")
    colleague = SupervisorFactory(organisation=history.office)
    client.force_login(colleague)
    response = client.get(URL.format(language="kk"), {"period": "2025-q4", "format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert ReportFile.objects.filter(period="2025-q4").count() == 1

    download(client, period="2026-q1", format="pdf")
    monkeypatch.setattr("supervision.report_views.today", lambda: date(2026, 3, 5))
    response = client.get(URL.format(language="kk"), {"period": "2026-q1", "format": "pdf"})
    assert is_pending_page(response)  # a new day: the provisional figures are compiled again
    assert ReportFile.objects.filter(period="2026-q1").count() == 2


def test_a_job_that_gave_up_is_enqueued_again_by_the_next_ask(
    client, history, complaints, report_today, monkeypatch
):
    from supervision import report_jobs

    enqueued = []
    monkeypatch.setattr(report_jobs, "enqueue", lambda task, **ids: enqueued.append(ids))
    client.force_login(history.supervisor)
    params = {"period": "2026-q1", "format": "pdf"}
    assert is_pending_page(client.get(URL.format(language="kk"), params))
    assert is_pending_page(client.get(URL.format(language="kk"), params))
    # Nothing waits for it (the immediate backend keeps no queue): enqueued each time.
    assert len(enqueued) == 2 and enqueued[0] == enqueued[1]


def test_rendering_twice_stores_one_file(client, history, complaints, report_today):
    from supervision.models import ReportFile
    from supervision.report_jobs import render_report

    client.force_login(history.supervisor)
    client.get(URL.format(language="ru"), {"period": "2026-q1", "format": "pdf"})
    row = ReportFile.objects.get()
    first = render_report.call(report_pk=row.pk)
    assert render_report.call(report_pk=row.pk) == first
    row.refresh_from_db()
    assert row.file.name == first


def test_a_report_whose_stored_file_is_gone_is_rendered_again(
    client, history, complaints, report_today
):
    """The file went missing from the media storage (an older backup restored): the
    reader is told it is being prepared, not given an error, and gets it again."""
    from supervision.models import ReportFile

    client.force_login(history.supervisor)
    url = URL.format(language="kk")
    params = {"period": "2026-q1", "format": "pdf"}
    client.get(url, params)
    run_report_jobs()
    row = ReportFile.objects.get()
    row.file.storage.delete(row.file.name)
    response = client.get(url, params)
    assert response.status_code == 200 and is_pending_page(response)
    assert ReportFile.objects.get().file.name == ""
    assert run_report_jobs() == 1
    response = client.get(url, params)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
