"""A supervisor opens the dashboard in Kazakh and in Russian, reads the quality
indicators and downloads the quarterly report (PDF and XLSX) from its form.

The data is the hand-computed history of tests/supervision/conftest.py (today is
4 March 2026; first quarter: 7 decided, 4 on time → 57,1 %; 6 of 7 accepted the first
time → 85,7 %)."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
from django.utils import translation
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from supervision import indicators
from supervision.indicators import Indicator
from tests.browser.conftest import shot
from tests.browser.helpers import log_in, tr
from tests.supervision.conftest import TODAY, history  # noqa: F401 (fixture)

PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's
PERIOD_LABELS = {"kk": "2026 ж. 1-тоқсан", "ru": "1 квартал 2026 г."}


class NoComplaints:
    """The complaints register as an empty one (same signature as
    complaints.indicators.complaint_figures)."""

    def __call__(self, *, organisations, start, end, service=None):
        return SimpleNamespace(total=0, justified=0, justified_resolved_in_time=0)


@pytest.fixture
def setting(transactional_db, history, monkeypatch):  # noqa: F811
    monkeypatch.setattr("supervision.views.today", lambda: TODAY)
    monkeypatch.setattr("supervision.report_views.today", lambda: TODAY)
    monkeypatch.setattr(indicators, "complaint_source", lambda: NoComplaints())
    return history


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_supervisor_downloads_the_quarterly_report(
    page: Page, live_server, setting, language
) -> None:
    base = live_server.url
    log_in(page, base, language, setting.supervisor, password=PASSWORD)
    page.goto(f"{base}/{language}/supervision/?period=2026-q1")
    section = page.get_by_test_id("quality-indicators")
    expect(section).to_be_visible()
    on_time = section.locator(f"[data-indicator='{Indicator.ON_TIME}'] [data-testid=current]")
    expect(on_time).to_have_text("57,1 %")
    first = section.locator(
        f"[data-indicator='{Indicator.ACCEPTED_FIRST_TIME}'] [data-testid=current]"
    )
    expect(first).to_have_text("85,7 %")
    # No complaints: none justified of the 7 applicants served, and nothing to resolve.
    complaints = section.locator(
        f"[data-indicator='{Indicator.JUSTIFIED_COMPLAINTS}'] [data-testid=current]"
    )
    expect(complaints).to_have_text("0,0 %")
    in_time = section.locator(
        f"[data-indicator='{Indicator.JUSTIFIED_IN_TIME}'] [data-testid=current]"
    )
    expect(in_time).to_have_text(tr(language, "no data"))
    form = page.get_by_test_id("report-form")
    expect(form.locator("select[name=period]")).to_have_value("2026-q1")
    form.scroll_into_view_if_needed()
    shot(page, f"supervision-reports-{language}-dashboard")

    with page.expect_download() as download_info:
        form.get_by_test_id("report-pdf").click()
    download = download_info.value
    assert download.suggested_filename == f"quality-report-2026-q1-scope-{language}.pdf"
    reader = PdfReader(download.path())
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    title = tr(language, "Quarterly report on the quality indicators of state services")
    assert " ".join(title.split()) in text
    assert PERIOD_LABELS[language] in text
    assert "57,1" in text and "85,7" in text

    # Chromium blocks a second download from the same page ("multiple automatic
    # downloads"): open the dashboard again, as a person would after the first file.
    page.goto(f"{base}/{language}/supervision/?period=2026-q1")
    with page.expect_download() as download_info:
        form.get_by_test_id("report-xlsx").click()
    download = download_info.value
    assert download.suggested_filename == f"quality-report-2026-q1-scope-{language}.xlsx"
    with open(download.path(), "rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read())).active
    rows = {str(r[0]): r for r in sheet.iter_rows(values_only=True) if r[0] is not None}
    with translation.override(language):
        assert rows[str(Indicator.ON_TIME.label)][3] == 57.1
    assert rows[tr(language, "Total")][1:4] == (13, 7, 4)
