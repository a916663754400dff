"""Payments in the quarterly report (issue #15, item 4): what the approved registers of
the quarter paid per month and service, per service and office for the quarter, and
the registers approved late or not at all, in the XLSX and the PDF, in kk and ru."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from django.utils import timezone, translation
from openpyxl import load_workbook
from pypdf import PdfReader

from applications.registry import get_service
from payments.actions import register_approve, register_prepare
from payments.models import PaymentRegister
from supervision import reports
from supervision.filters import quarter_period
from supervision.scope import Scope
from tests.payments.conftest import MRP_2026, NORM, decided, world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
APRIL = date(2026, 4, 10)


def approved(office_world, month: date, approved_on: date) -> PaymentRegister:
    register = register_prepare(
        organisation=office_world.office, month=month, actor=office_world.clerk
    )
    register = register_approve(
        register=register,
        actor=office_world.head,
        version=register.version,
        expected_state=register.state,
    )
    moment = timezone.make_aware(datetime.combine(approved_on, datetime.min.time()))
    PaymentRegister.objects.filter(pk=register.pk).update(approved_at=moment)
    return register


@pytest.fixture
def paid_quarter(world):  # noqa: F811 (the fixture above)
    """A carer of two children and a guardian of one, paid from January; January's
    register approved in time, February's late, March's never prepared."""
    decided(world, children=(date(2012, 5, 17), date(2015, 1, 2)))
    decided(world, service="guardian_allowance", children=(date(2013, 3, 3),))
    approved(world, date(2026, 1, 1), approved_on=date(2025, 12, 10))
    approved(world, date(2026, 2, 1), approved_on=date(2026, 1, 20))
    return world


def build(office_world, today=APRIL):
    return reports.build_report(
        scope=Scope.for_user(office_world.head),
        period=quarter_period(2026, 1),
        organisation_id=None,
        today=today,
    )


def test_the_report_counts_what_approved_registers_paid(paid_quarter):
    payments = build(paid_quarter).payments
    allowance = MRP_2026 * 10
    assert [
        (m.month, m.total.service, m.total.amount, m.total.children) for m in payments.months
    ] == [
        (date(2026, 1, 1), "guardian_allowance", allowance, 1),
        (date(2026, 1, 1), "patronat", 2 * NORM, 2),
        (date(2026, 2, 1), "guardian_allowance", allowance, 1),
        (date(2026, 2, 1), "patronat", 2 * NORM, 2),
    ]
    # A child paid in two months is one child of the quarter.
    assert [(s.service, s.amount, s.children, s.recipients) for s in payments.by_service] == [
        ("guardian_allowance", 2 * allowance, 1, 1),
        ("patronat", 4 * NORM, 2, 1),
    ]
    assert payments.total.amount == 2 * allowance + 4 * NORM
    assert payments.total.children == 3
    assert [(o.code, total.amount) for o, total in payments.by_organisation] == [
        ("KOK-EDU", 2 * allowance + 4 * NORM)
    ]
    # February approved after 15 January; March due 15 February and not approved.
    assert [(o.code, month) for o, month in payments.late] == [
        ("KOK-EDU", date(2026, 2, 1)),
        ("KOK-EDU", date(2026, 3, 1)),
    ]


def test_a_prepared_register_is_not_counted_as_paid(paid_quarter):
    register_prepare(
        organisation=paid_quarter.office, month=date(2026, 3, 1), actor=paid_quarter.clerk
    )
    payments = build(paid_quarter).payments
    assert {m.month for m in payments.months} == {date(2026, 1, 1), date(2026, 2, 1)}
    assert (paid_quarter.office.code, date(2026, 3, 1)) in [(o.code, m) for o, m in payments.late]


def test_an_office_without_entitlements_has_no_payment_section(world):  # noqa: F811
    assert build(world).payments is None


def tr(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_xlsx_holds_the_payments(paid_quarter, language):
    content = reports.report_xlsx(build(paid_quarter), language)
    sheet = load_workbook(io.BytesIO(content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    heading = tr(language, "Payments to carers and guardians (approved registers)")
    start = next(i for i, row in enumerate(rows) if row[0] == heading)
    assert rows[start + 1][:5] == [
        tr(language, "Month"),
        tr(language, "Service"),
        tr(language, "Total, tenge"),
        tr(language, "Children paid"),
        tr(language, "Recipients"),
    ]
    with translation.override(language):
        patronat = str(get_service("patronat").title)
        office = str(paid_quarter.office)
    assert rows[start + 3][:5] == ["01.2026", patronat, float(2 * NORM), 2, 1]
    whole = tr(language, "The whole period")
    total = float(2 * MRP_2026 * 10 + 4 * NORM)
    assert [whole, patronat, float(4 * NORM), 2, 1] in [row[:5] for row in rows]
    # One office: no per-office row beside the total.
    assert [whole, office, total, 3, 2] not in [row[:5] for row in rows]
    assert [whole, tr(language, "All services"), total, 3, 2] in [row[:5] for row in rows]
    sentence = tr(
        language,
        "Registers not approved by the 15th of the month before (the transfer was late): %(list)s.",
    ).split("%(list)s")[0]
    (late,) = [str(row[0]) for row in rows if str(row[0]).startswith(sentence)]
    assert f"{office} — 02.2026; {office} — 03.2026." in late


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_pdf_holds_the_payments(paid_quarter, language):
    content = reports.report_pdf(build(paid_quarter), language)
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    flat = text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    heading = tr(language, "Payments to carers and guardians (approved registers)")
    assert " ".join(heading.split()) in text
    # 2 × 62 000 + 4 × 62 000... as the document's language writes amounts: 124 000,00.
    assert "124000,00" in flat
    grand = 2 * MRP_2026 * 10 + 4 * NORM
    assert f"{grand:.2f}".replace(".", ",") in flat
    assert "02.2026" in text and "03.2026" in text
    late = tr(
        language,
        "Registers not approved by the 15th of the month before (the transfer was late): %(list)s.",
    )
    assert " ".join(late.split("%(list)s")[0].split()) in text


def test_the_payments_of_a_period_are_read_in_four_queries(paid_quarter, django_assert_num_queries):
    from payments.selectors import period_payments

    with django_assert_num_queries(5):
        period_payments([paid_quarter.office], date(2026, 1, 1), date(2026, 3, 31), APRIL)
