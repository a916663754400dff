"""Public application numbers: per organisation and year, no gaps, no duplicates.

The counter row is locked (SELECT … FOR UPDATE) while a number is taken, so two
submissions at the same moment on PostgreSQL get consecutive numbers, never the same.
"""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class NumberSequence(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE
    )
    year = models.PositiveSmallIntegerField(_("year"))
    last_value = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="one_sequence_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.year}: {self.last_value}"


def next_application_number(*, organisation, year: int) -> str:
    """Take the next number, e.g. ``KOK-EDU-2026-000042``. Call inside a transaction."""
    with transaction.atomic():
        NumberSequence.objects.get_or_create(organisation=organisation, year=year)
        sequence = NumberSequence.objects.select_for_update().get(
            organisation=organisation, year=year
        )
        sequence.last_value += 1
        sequence.save(update_fields=["last_value"])
    return f"{organisation.code}-{year}-{sequence.last_value:06d}"
