"""manage.py end_entitlements [--date YYYY-MM-DD]: end every entitlement whose planned
end has come (the job runs it daily: JOBS_SCHEDULE["end_entitlements"])."""

from datetime import date

from django.core.management.base import BaseCommand

from payments.actions import entitlements_end_due


class Command(BaseCommand):
    help = "End the entitlements whose planned end (18th birthday, term) has come."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", default="", help="As if today were this day (YYYY-MM-DD).")

    def handle(self, *args, **options) -> None:
        today = date.fromisoformat(options["date"]) if options["date"] else None
        ended = entitlements_end_due(today=today)
        self.stdout.write(f"{len(ended)} ended")
