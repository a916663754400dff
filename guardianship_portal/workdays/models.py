"""Exceptions to the statutory working-day calendar, set by yearly acts on days off."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarOverride(models.Model):
    """One day whose status differs from what weekends and the holidays law give.

    Each year an act (a Government Decree up to 2023, an order of the Minister of Labour
    and Social Protection since 2024) moves days off: a weekday becomes a day off and a
    Saturday or Sunday becomes a working day. The `holidays` package does not know about
    future acts, so they are kept here as data, each with its legal reference.
    """

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Day off")
        WORKING_DAY = "working_day", _("Working day")

    day = models.DateField(_("day"), unique=True, db_index=True)
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=Kind.choices,
        help_text=_(
            "Day off: a weekday moved off (or a holiday the calendar is missing). "
            "Working day: a Saturday or Sunday made a working day (or a wrongly "
            "estimated holiday)."
        ),
    )
    decree_reference = models.CharField(
        _("decree reference"),
        max_length=300,
        help_text=_(
            "The act that moves the day, e.g. “Government Decree No. … of dd.mm.yyyy” "
            "or “Order of the Minister of Labour and Social Protection No. … of dd.mm.yyyy”."
        ),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d.%m.%Y}: {self.get_kind_display()}"
