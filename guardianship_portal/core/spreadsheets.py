"""Rows for the XLSX files the portal writes (reports, the audit, payment registers).

openpyxl writes a text that starts with "=" as a formula, and names, reasons and
addresses come from people: a surname typed as =HYPERLINK("http://…"&A2, "…") would run
in the accountant's or the auditor's spreadsheet. Every text goes in as text."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell import WriteOnlyCell


def append_row(sheet: Any, values: Iterable[Any]) -> None:
    """``sheet.append(values)``, with no value taken for a formula."""
    sheet.append([_as_text(sheet, value) for value in values])


def _as_text(sheet: Any, value: Any) -> Any:
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value
