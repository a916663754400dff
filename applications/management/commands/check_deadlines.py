"""Send the deadline reminders that are due: every provider the apps registered
(applications/reminders.py). Idempotent: run it every few minutes from cron or a
systemd timer."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date

from applications.reminders import reminder_providers
from guardianship_portal.workdays.calendar import is_working_day


class Command(BaseCommand):
    help = (
        "Remind clerks of stages due on the next working day and today, and supervisors of "
        "overdue stages; remind the heads and the quality-control body of complaints due. "
        "Nobody gets the same reminder twice."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="act as if today were this date (YYYY-MM-DD)")
        parser.add_argument(
            "--dry-run", action="store_true", help="count what would be sent, send nothing"
        )

    def handle(self, *args, date: str | None = None, dry_run: bool = False, **options) -> None:
        today = timezone.localdate()
        if date:
            parsed = parse_date(date)
            if parsed is None:
                raise CommandError(f"Not a date: {date!r} (expected YYYY-MM-DD).")
            today = parsed
        verb = "would send" if dry_run else "sent"
        if not is_working_day(today):
            # Nothing is sent on a day off: one line of zeros, as the log always showed.
            self.stdout.write(f"{verb}: {self.counts({})}")
            return
        for provider in reminder_providers():
            sent = provider.check(today=today, dry_run=dry_run)
            heading = f"{provider.label}, " if provider.label else ""
            self.stdout.write(f"{heading}{verb}: {self.counts(sent)}")

    @staticmethod
    def counts(sent) -> str:
        return (
            f"{sent.get('before', 0)} due next working day, {sent.get('due', 0)} due today, "
            f"{sent.get('overdue', 0)} overdue"
        )
