"""Issue the documents that transitions called for but that do not exist yet (a render
that failed, a template added later). Safe to run any time: issuing is idempotent."""

from django.core.management.base import BaseCommand

from applications.models import Application
from applications.result_documents import issue_pending_documents


class Command(BaseCommand):
    help = "Issue documents that applications' transitions called for and that are missing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--number", help="only this application")

    def handle(self, *args, number: str | None = None, **options) -> None:
        applications = Application.objects.exclude(state="draft").select_related("organisation")
        if number:
            applications = applications.filter(number=number)
        total = 0
        for application in applications.iterator():
            try:
                total += len(issue_pending_documents(application))
            except Exception as error:  # report and go on with the others
                self.stderr.write(f"{application.number}: {error}")
        self.stdout.write(f"{total} documents issued")
