"""The approved register as files: XLSX (the lines), the bank file (CSV, one transfer
per recipient, in a layout that is data: ``BankFileLayout``, or ``DEFAULT_LAYOUT``) and
the signed-off PDF list (payments/documents.py). Every label is in the file's language;
codes never reach a file."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Sum
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications.registry import get_service
from guardianship_portal.core.spreadsheets import append_row

from .models import BankFileLayout, PaymentRegister, RegisterLine

if TYPE_CHECKING:
    from openpyxl.cell import WriteOnlyCell

# The bank file's fields a layout may name, with their column titles.
BANK_FIELDS = {
    "line": gettext_lazy("No."),
    "iin": gettext_lazy("IIN"),
    "name": gettext_lazy("Recipient"),
    "iban": gettext_lazy("Account number (IBAN)"),
    "bank": gettext_lazy("Bank"),
    "amount": gettext_lazy("Amount"),
    "currency": gettext_lazy("Currency"),
    "month": gettext_lazy("Month"),
    "children": gettext_lazy("Children"),
    "purpose": gettext_lazy("Purpose of payment"),
    "reference": gettext_lazy("Reference"),
}


@dataclass(frozen=True)
class Layout:
    columns: tuple[str, ...]
    delimiter: str = ";"
    encoding: str = "utf-8"
    header: bool = True
    decimal_separator: str = "."


# README, "Payments": the default bank file.
DEFAULT_LAYOUT = Layout(
    columns=("line", "iin", "name", "iban", "amount", "currency", "month", "purpose", "reference")
)


def layout_for(code: str | None = None) -> Layout:
    """The layout named ``code``, else the one marked default, else DEFAULT_LAYOUT."""
    rows = BankFileLayout.objects.all()
    row = rows.filter(code=code).first() if code else rows.filter(is_default=True).first()
    if row is None:
        return DEFAULT_LAYOUT
    return Layout(
        columns=tuple(row.columns),
        delimiter=row.delimiter,
        encoding=row.encoding,
        header=row.header,
        decimal_separator=row.decimal_separator,
    )


LINE_FIELDS = (
    "entitlement__service",
    "entitlement__recipient_name",
    "entitlement__recipient_iin",
    "entitlement__bank_account",
    "child__full_name",
    "kind",
    "for_month",
    "days_paid",
    "days_in_month",
    "rate",
    "amount",
    "reference_kk",
    "reference_ru",
)


def _lines(register: PaymentRegister):
    """The register's lines as plain values (no model instances: at 100,000
    entitlements the files are written from one query's rows)."""
    return (
        RegisterLine.objects.filter(register=register)
        .order_by(
            "entitlement__recipient_name", "entitlement_id", "child__birth_date", "for_month", "pk"
        )
        .values_list(*LINE_FIELDS)
        .iterator(chunk_size=5000)
    )


def register_rows(register: PaymentRegister, language: str) -> list[dict[str, Any]]:
    """One row per line, with its words in ``language``."""
    rows = []
    with translation.override(language):
        kinds = {k.value: str(k.label) for k in RegisterLine.Kind}
        services: dict[str, str] = {}
        for number, line in enumerate(_lines(register), start=1):
            values = dict(zip(LINE_FIELDS, line, strict=True))
            service = values["entitlement__service"]
            if service not in services:
                services[service] = str(get_service(service).title)
            rows.append(
                {
                    "line": number,
                    "recipient": values["entitlement__recipient_name"],
                    "iin": values["entitlement__recipient_iin"],
                    "iban": values["entitlement__bank_account"],
                    "child": values["child__full_name"],
                    "service": services[service],
                    "kind": kinds[values["kind"]],
                    "for_month": values["for_month"],
                    "days": f"{values['days_paid']}/{values['days_in_month']}",
                    "rate": values["rate"],
                    "amount": values["amount"],
                    "basis": values["reference_ru"] if language == "ru" else values["reference_kk"],
                }
            )
    return rows


MONEY_FORMAT = "#,##0.00"


def register_xlsx(register: PaymentRegister, language: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    rows = register_rows(register, language)
    with translation.override(language):
        book = Workbook(write_only=True)
        sheet = book.create_sheet(register.month.strftime("%Y-%m"))

        def money(value: Decimal) -> WriteOnlyCell:
            # Tenge with two decimals and grouped thousands, as the accountant reads them.
            cell = WriteOnlyCell(sheet, value=float(value))
            cell.number_format = MONEY_FORMAT
            return cell

        append_row(sheet, [register.organisation.name])
        append_row(
            sheet,
            [_("Payment register for %(month)s") % {"month": register.month.strftime("%m.%Y")}],
        )
        append_row(sheet, [])
        headers = [
            _("No."),
            _("Recipient"),
            _("IIN"),
            _("Account number (IBAN)"),
            _("Child"),
            _("Service"),
            _("Kind"),
            _("For the month"),
            _("Days paid"),
            _("Monthly amount per child"),
            _("Amount, tenge"),
            _("Basis of the amount"),
        ]
        append_row(sheet, headers)
        for row in rows:
            append_row(
                sheet,
                [
                    row["line"],
                    row["recipient"],
                    row["iin"],
                    row["iban"],
                    row["child"],
                    row["service"],
                    row["kind"],
                    row["for_month"].strftime("%m.%Y"),
                    row["days"],
                    money(row["rate"]),
                    money(row["amount"]),
                    row["basis"],
                ],
            )
        append_row(sheet, [])
        append_row(sheet, [_("Total, tenge"), money(register.total)])
        append_row(sheet, [_("Children paid"), register.children_paid])
        append_row(sheet, [_("Recipients"), register.recipients])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _per_entitlement(register: PaymentRegister):
    return (
        RegisterLine.objects.filter(register=register)
        .values(
            "entitlement_id",
            "entitlement__number",
            "entitlement__service",
            "entitlement__recipient_name",
            "entitlement__recipient_iin",
            "entitlement__bank_account",
            "entitlement__bank_name",
        )
        .annotate(total=Sum("amount"), children=Count("child", distinct=True))
        .order_by("entitlement__recipient_name", "entitlement_id")
    )


def transfers(register: PaymentRegister) -> list[dict[str, Any]]:
    """One transfer per entitlement: its lines summed, in SQL. An entitlement whose
    corrections exceed the month's payment gets no transfer: see ``recoveries``."""
    return list(_per_entitlement(register).filter(total__gt=0))


def recoveries(register: PaymentRegister) -> list[dict[str, Any]]:
    """The entitlements whose corrections exceed the month's payment: overpaid, so not
    in the bank file; the register and its list name them and the sum to recover
    (recovering it is not a bank transfer). The bank file's total is the register's
    total less these."""
    return list(_per_entitlement(register).filter(total__lt=0))


def to_transfer(register: PaymentRegister, overpaid: list[dict[str, Any]]) -> Decimal:
    """What the bank file transfers: the register's total less the overpaid entitlements'
    negative sums (``recoveries``), which are recovered, not transferred."""
    return register.total - sum((item["total"] for item in overpaid), Decimal(0))


def bank_csv(
    register: PaymentRegister, *, layout: Layout | None = None, language: str = "kk"
) -> bytes:
    layout = layout or layout_for()
    out = io.StringIO()
    writer = csv.writer(out, delimiter=layout.delimiter, lineterminator="\r\n")
    with translation.override(language):
        if layout.header:
            writer.writerow([str(BANK_FIELDS[c]) for c in layout.columns])
        month = register.month.strftime("%m.%Y")
        titles: dict[str, str] = {}
        for number, row in enumerate(transfers(register), start=1):
            service = row["entitlement__service"]
            if service not in titles:
                titles[service] = str(get_service(service).title)
            values = {
                "line": number,
                "iin": row["entitlement__recipient_iin"],
                "name": row["entitlement__recipient_name"],
                "iban": row["entitlement__bank_account"],
                "bank": row["entitlement__bank_name"],
                "amount": f"{row['total']:.2f}".replace(".", layout.decimal_separator),
                "currency": "KZT",
                "month": month,
                "children": row["children"],
                "purpose": _("%(service)s for %(month)s")
                % {"service": titles[service], "month": month},
                "reference": row["entitlement__number"],
            }
            writer.writerow([values[c] for c in layout.columns])
    return out.getvalue().encode(layout.encoding)
