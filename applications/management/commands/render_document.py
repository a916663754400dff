"""Staff tool: write an application's issued document to a file, in kk or ru.

    python manage.py render_document KOK-EDU-2026-000042 patronat_contract --lang ru -o contract.pdf

A kind already issued in the other language is issued in this one too (same number).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from applications.models import Application
from applications.result_documents import (
    application_documents,
    document_is_due,
    document_rows,
    issue_document,
)


class Command(BaseCommand):
    help = "Write a document of an application to a PDF file (issuing it if it is due but not yet rendered)."

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
        if not document_is_due(application, kind):
            kinds = [row.kind for row in document_rows(application)]
            raise CommandError(
                f"{number} has no {kind!r}; its documents: {', '.join(kinds) or 'none'}"
            )
        document = application_documents(application).filter(kind=kind, language=lang).first()
        if document is None:  # due but not rendered yet (demo data, a failed render)
            document = issue_document(application=application, kind=kind, language=lang)
        with document.file.open("rb") as source:
            Path(output).write_bytes(source.read())
        self.stdout.write(f"{document.number} ({lang}) → {output}  sha256 {document.sha256}")
