"""Staff tool: write an application's issued document to a file, in kk or ru.

    python manage.py render_document KOK-EDU-2026-000042 patronat_contract --lang ru -o contract.pdf

A kind already issued in the other language is issued in this one too (same number).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from applications.models import Application
from applications.result_documents import application_documents, issue_document


class Command(BaseCommand):
    help = "Write an issued document of an application to a PDF file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("number", help="application number, e.g. KOK-EDU-2026-000042")
        parser.add_argument(
            "kind", help="document kind, e.g. acceptance_receipt, patronat_contract"
        )
        parser.add_argument("--lang", choices=["kk", "ru"], default="kk")
        parser.add_argument("-o", "--output", required=True, help="where to write the PDF")

    def handle(self, *args, number: str, kind: str, lang: str, output: str, **options) -> None:
        application = (
            Application.objects.select_related("organisation").filter(number=number).first()
        )
        if application is None:
            raise CommandError(f"no application numbered {number}")
        issued = application_documents(application).filter(kind=kind)
        if not issued.exists():
            kinds = sorted(set(application_documents(application).values_list("kind", flat=True)))
            raise CommandError(
                f"{number} has no {kind!r}; issued so far: {', '.join(kinds) or 'none'}"
            )
        document = issued.filter(language=lang).first() or issue_document(
            application=application, kind=kind, language=lang
        )
        with document.file.open("rb") as source:
            Path(output).write_bytes(source.read())
        self.stdout.write(f"{document.number} ({lang}) → {output}  sha256 {document.sha256}")
