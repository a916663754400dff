"""manage.py payment_register --office CODE --month YYYY-MM -o FILE [--lang kk|ru]
[--layout CODE]: an approved register to a file, as the page exports it; the format
follows the file's extension (.xlsx, .pdf, .csv: the bank file)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guardianship_portal.organisations.models import Organisation
from payments import exports
from payments.actions import register_record_export
from payments.documents import issue_payment_list
from payments.models import PaymentRegister

FORMATS = (".xlsx", ".pdf", ".csv")


class Command(BaseCommand):
    help = "Write an office's approved payment register of a month to a file (XLSX, PDF or the bank CSV)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--office", required=True, help="The office's code, e.g. KOK-EDU.")
        parser.add_argument("--month", required=True, help="The month paid, YYYY-MM.")
        parser.add_argument("-o", "--output", required=True, help="The file: .xlsx, .pdf or .csv.")
        parser.add_argument("--lang", default="kk", choices=["kk", "ru"])
        parser.add_argument(
            "--layout", default="", help="A bank file layout's code (the default one otherwise)."
        )

    def handle(
        self, *args, office: str, month: str, output: str, lang: str, layout: str, **options
    ):
        organisation = Organisation.objects.filter(code=office).first()
        if organisation is None:
            raise CommandError(f"No office with the code {office!r}.")
        try:
            year, number = (int(p) for p in month.split("-"))
            first = date(year, number, 1)
        except ValueError:
            raise CommandError("Give the month as YYYY-MM.") from None
        register = PaymentRegister.objects.filter(organisation=organisation, month=first).first()
        if register is None or not register.is_frozen:
            raise CommandError(f"The register of {office} for {month} is not approved.")
        path = Path(output)
        suffix = path.suffix.lower()
        if suffix not in FORMATS:
            raise CommandError("The file must end in .xlsx, .pdf or .csv.")
        if suffix == ".xlsx":
            data = exports.register_xlsx(register, lang)
        elif suffix == ".csv":
            data = exports.bank_csv(
                register, layout=exports.layout_for(layout or None), language=lang
            )
        else:
            with issue_payment_list(register=register, language=lang).file.open("rb") as handle:
                data = handle.read()
        path.write_bytes(data)
        register_record_export(register=register, actor=None, what=f"command {suffix[1:]}-{lang}")
        self.stdout.write(f"{path}: {register.recipients} recipients, {register.total} tenge")
