"""Staff tool: when is a filing registered and when is it due?

python manage.py workdays --registered "2026-03-20 19:05" --add 10
python manage.py workdays --registered 2026-03-20 --add 30 --calendar-days --office KOK-EDU
python manage.py workdays --between 2026-03-01 2026-03-31
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from guardianship_portal.organisations.models import Organisation
from guardianship_portal.workdays.calendar import (
    OfficeHours,
    TermUnit,
    due_date,
    registration_date,
    weekday_name,
    working_days_between,
)

DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")
MOMENT_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M")


class Command(BaseCommand):
    help = "Show the registration date and the due date of a filing, or count working days."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--registered",
            metavar="MOMENT",
            help='When the filing was made: "2026-03-20 19:05" or a plain date (local time).',
        )
        parser.add_argument(
            "--add",
            type=int,
            metavar="N",
            help="Term length: working days, unless --calendar-days.",
        )
        parser.add_argument(
            "--calendar-days", action="store_true", help="Count --add in calendar days."
        )
        parser.add_argument(
            "--office", metavar="CODE", help="Use the office hours of this organisation."
        )
        parser.add_argument(
            "--between",
            nargs=2,
            metavar=("START", "END"),
            help="Count the working days after START up to and including END.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["registered"] and not options["between"]:
            raise CommandError(_("Give --registered or --between."))
        if options["add"] is not None and not options["registered"]:
            raise CommandError(_("--add needs --registered."))
        if options["add"] is not None and options["add"] < 0:
            raise CommandError(_("--add must not be negative."))
        if options["registered"]:
            self.show_registration(
                parse_moment(options["registered"]),
                hours=office_hours(options["office"]),
                term=options["add"],
                unit=TermUnit.CALENDAR_DAYS if options["calendar_days"] else TermUnit.WORKING_DAYS,
            )
        if options["between"]:
            start, end = (parse_date(value) for value in options["between"])
            self.stdout.write(
                _("Working days after %(start)s up to %(end)s: %(count)d")
                % {
                    "start": describe_date(start),
                    "end": describe_date(end),
                    "count": working_days_between(start, end),
                }
            )

    def show_registration(
        self, filed_at: datetime | date, *, hours: OfficeHours, term: int | None, unit: TermUnit
    ) -> None:
        if isinstance(filed_at, datetime):
            moment = filed_at
            filed_text = f"{filed_at:%d.%m.%Y %H:%M} ({weekday_name(filed_at.date())})"
        else:
            moment = datetime.combine(filed_at, hours.opens_at)
            filed_text = describe_date(filed_at)
        registered_on = registration_date(moment, hours)
        self.stdout.write(_("Filed: %(moment)s") % {"moment": filed_text})
        self.stdout.write(_("Registered on: %(day)s") % {"day": describe_date(registered_on)})
        if term is None:
            return
        self.stdout.write(
            _("Due on: %(day)s (term: %(term)d, %(unit)s)")
            % {
                "term": term,
                "unit": unit.label,
                "day": describe_date(due_date(registered_on, term, unit)),
            }
        )


def office_hours(code: str | None) -> OfficeHours:
    if code is None:
        return OfficeHours()
    organisation = Organisation.objects.filter(code=code).first()
    if organisation is None:
        raise CommandError(_("No organisation has the code “%(code)s”.") % {"code": code})
    return OfficeHours.for_organisation(organisation)


def parse_moment(text: str) -> datetime | date:
    """A date and time of day, or a plain date when no time is given."""
    text = text.strip()
    for fmt in MOMENT_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return parse_date(text)


def parse_date(text: str) -> date:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise CommandError(
        _("Cannot read “%(value)s”: use yyyy-mm-dd or dd.mm.yyyy, optionally with hh:mm.")
        % {"value": text}
    )


def describe_date(day: date) -> str:
    return f"{day:%d.%m.%Y} ({weekday_name(day)})"
