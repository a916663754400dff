"""The approved register's files read back: XLSX, the signed-off PDF list and the
termination notice in kk and ru (no code, no English), the bank CSV in the default
layout and in one from the data, and the command."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from payments import exports
from payments.actions import entitlement_terminate, register_approve, register_prepare
from payments.documents import issue_entitlement_document, issue_payment_list
from payments.models import BankFileLayout, Entitlement, RegisterEvent

from .conftest import NORM, decided

pytestmark = pytest.mark.django_db

HEADERS = {"kk": "Алушы", "ru": "Получатель"}
KIND = {"kk": "Ай сайынғы төлем", "ru": "Ежемесячная выплата"}
CODES = ("regular", "adjustment", "patronat", "guardian_allowance", "adopted", "term_reached")


def approved(world):
    decided(world, children=(date(2012, 5, 17), date(2015, 1, 2)))
    decided(world, service="guardian_allowance", starts=date(2026, 1, 1))
    register = register_prepare(
        organisation=world.office, month=date(2026, 3, 1), actor=world.clerk
    )
    return register_approve(
        register=register, actor=world.head, version=register.version, expected_state="prepared"
    )


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_xlsx_reads_back(world, language):
    register = approved(world)
    sheet = load_workbook(io.BytesIO(exports.register_xlsx(register, language))).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = rows[3]
    assert HEADERS[language] in header
    body = [r for r in rows[4:] if r and isinstance(r[0], int)]
    assert len(body) == 3
    assert sum(Decimal(str(r[10])) for r in body) == register.total
    # Amounts are numbers shown as tenge with two decimals, not "General".
    assert sheet.cell(row=5, column=11).number_format == exports.MONEY_FORMAT
    flat = " ".join(str(c) for r in rows for c in r if c is not None)
    assert KIND[language] in flat
    assert not any(code in flat for code in CODES)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_signed_off_list_reads_back(world, language):
    register = approved(world)
    document = issue_payment_list(register=register, language=language)
    with document.file.open("rb") as handle:
        text = pdf_text(handle.read())
    assert document.number == "KOK-EDU-2026-03/PAY"
    # A patronat contract and an allowance of one carer: one recipient, two transfers.
    assert register.recipients == 1 and len(exports.transfers(register)) == 2
    assert world.applicant.last_name in text
    assert "KZ86125KZT5004100100" in text
    assert text.count("№ 500") == 1  # the norm's decision, cited once however many rows
    # The index's law in the list's language only.
    kk_law, ru_law = "2026 жылғы бюджет туралы заң", "Закон о бюджете на 2026 год"
    flat = " ".join(text.split())
    assert (kk_law, ru_law)[language == "ru"] in flat
    assert (kk_law, ru_law)[language == "kk"] not in flat
    assert world.head.last_name in text and world.clerk.last_name in text
    assert {"kk": "айына арналған төлем тізімі", "ru": "Платёжный список"}[language] in text
    assert not any(code in text for code in CODES)
    # Issued once: the second request returns the same document.
    assert issue_payment_list(register=register, language=language).pk == document.pk


def test_the_bank_file_in_the_default_layout(world):
    register = approved(world)
    rows = list(csv.reader(io.StringIO(exports.bank_csv(register).decode("utf-8")), delimiter=";"))
    assert rows[0][:5] == ["№", "ЖСН", "Алушы", "Шот нөмірі (IBAN)", "Сома"]
    body = rows[1:]
    assert len(body) == 2  # one transfer per recipient's entitlement
    assert sum(Decimal(r[4]) for r in body) == register.total
    assert body[0][3] == "KZ86125KZT5004100100" and body[0][5] == "KZT"


def test_the_bank_file_in_a_layout_from_the_data(world):
    register = approved(world)
    BankFileLayout.objects.create(
        code="halyk",
        name="Halyk",
        columns=["iban", "amount", "name"],
        delimiter=",",
        encoding="utf-8-sig",
        header=False,
        decimal_separator=",",
        is_default=True,
    )
    data = exports.bank_csv(register)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=","))
    assert len(rows) == 2 and rows[0][0] == "KZ86125KZT5004100100"
    assert rows[0][1] == f"{2 * NORM:.2f}".replace(".", ",")


@pytest.mark.parametrize("suffix", ["xlsx", "pdf", "csv"])
def test_the_command_writes_the_register(world, tmp_path, suffix):
    register = approved(world)
    target = tmp_path / f"register.{suffix}"
    call_command(
        "payment_register",
        "--office",
        "KOK-EDU",
        "--month",
        "2026-03",
        "-o",
        str(target),
        "--lang",
        "ru",
    )
    data = target.read_bytes()
    if suffix == "pdf":
        assert "Платёжный список" in pdf_text(data)
    elif suffix == "xlsx":
        assert load_workbook(io.BytesIO(data)).active.cell(4, 2).value == HEADERS["ru"]
    else:
        assert "KZ86125KZT5004100100" in data.decode("utf-8")
    assert RegisterEvent.objects.filter(register=register, action="exported").exists()


def test_the_command_refuses_a_register_not_approved(world, tmp_path):
    decided(world)
    register_prepare(organisation=world.office, month=date(2026, 3, 1), actor=world.clerk)
    with pytest.raises(CommandError):
        call_command(
            "payment_register",
            "--office",
            "KOK-EDU",
            "--month",
            "2026-03",
            "-o",
            str(tmp_path / "r.csv"),
        )
    with pytest.raises(CommandError):
        call_command(
            "payment_register",
            "--office",
            "NOPE",
            "--month",
            "2026-03",
            "-o",
            str(tmp_path / "r.csv"),
        )


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_notice_of_termination_reads_back(world, language):
    entitlement = decided(world, language=language)
    entitlement_terminate(
        entitlement=entitlement,
        actor=world.clerk,
        on=date(2026, 4, 1),
        ground="returned_to_parents",
        reason="Сот шешімі",
        expected_state="active",
    )
    entitlement = Entitlement.objects.get(pk=entitlement.pk)
    # The job the transition enqueued issues it after the commit; here it is issued directly.
    document = issue_entitlement_document(
        entitlement=entitlement, kind="termination_notice", language=language
    )
    with document.file.open("rb") as handle:
        text = pdf_text(handle.read())
    expected = {
        "kk": ("Мерзімінен бұрын тоқтату туралы хабарлама", "ата-анасына қайтарылды", "10-тармағы"),
        "ru": ("Уведомление о досрочном прекращении", "возвращён родителям", "Пункт 10"),
    }[language]
    # Signed by the head of the guardianship body; the clerk who ended it executed it.
    assert world.office.head_name in text
    executed = {"kk": "Орындаған", "ru": "Исполнитель"}[language]
    assert f"{executed}: {world.clerk.full_name}" in " ".join(text.split())
    for words in expected:
        assert words in text
    assert "Сот шешімі" in text
    assert entitlement.number in text
    assert not any(code in text for code in CODES)
