"""Send the deadline reminders that are due (applications/reminders.py). Idempotent:
run it every few minutes from cron or a systemd timer."""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date

from applications.reminders import check_deadlines
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
        today = None
        if date:
            today = parse_date(date)
            if today is None:
                raise CommandError(f"Not a date: {date!r} (expected YYYY-MM-DD).")
        sent = check_deadlines(today=today, dry_run=dry_run)
        verb = "would send" if dry_run else "sent"
        self.stdout.write(
            f"{verb}: {sent['before']} due next working day, {sent['due']} due today, {sent['overdue']} overdue"
        )
        day = today or timezone.localdate()
        if apps.is_installed("complaints") and is_working_day(day):
            from complaints.reminders import check_complaint_deadlines

            about = check_complaint_deadlines(today=day, dry_run=dry_run)
            self.stdout.write(
                f"complaints, {verb}: {about['before']} due next working day, "
                f"{about['due']} due today, {about['overdue']} overdue"
            )
