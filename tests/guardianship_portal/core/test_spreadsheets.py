"""No text becomes a formula in the portal's XLSX files (core/spreadsheets.py)."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from guardianship_portal.core.spreadsheets import append_row


@pytest.mark.parametrize("write_only", [False, True])
def test_text_stays_text_and_numbers_stay_numbers(write_only):
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet() if write_only else book.active
    append_row(sheet, ["=1+1", "+7 701", "-", "@x", "Сейітова", -5, 2.5, None])
    out = io.BytesIO()
    book.save(out)
    (row,) = load_workbook(io.BytesIO(out.getvalue())).worksheets[-1].iter_rows()
    assert [(cell.value, cell.data_type) for cell in row[:7]] == [
        ("=1+1", "s"),
        ("+7 701", "s"),
        ("-", "s"),
        ("@x", "s"),
        ("Сейітова", "s"),
        (-5, "n"),
        (2.5, "n"),
    ]
