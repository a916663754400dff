"""Public numbers of applications and complaints: per organisation, kind and year, no
gaps, no duplicates.

One counter table serves every kind of numbered record (``kind``: "application" here,
"complaint" in complaints/models.py; a new workflow takes a new kind, no migration). The counter row is locked
(SELECT … FOR UPDATE) while a number is taken, so two filings at the same moment on
PostgreSQL get consecutive numbers, never the same. Each owner keeps its own format.
"""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

APPLICATION = "application"


class NumberSequence(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE
    )
    kind = models.CharField(_("kind"), max_length=32)
    year = models.PositiveSmallIntegerField(_("year"))
    last_value = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "year"], name="one_sequence_per_kind_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.kind}/{self.year}: {self.last_value}"


def next_number(*, organisation, kind: str, year: int) -> int:
    """Take the next value of the organisation's counter of ``kind`` for ``year``.
    Call inside the transaction that stores the number (a rollback returns it)."""
    with transaction.atomic():
        NumberSequence.objects.get_or_create(organisation=organisation, kind=kind, year=year)
        sequence = NumberSequence.objects.select_for_update().get(
            organisation=organisation, kind=kind, year=year
        )
        sequence.last_value += 1
        sequence.save(update_fields=["last_value"])
    return sequence.last_value


def next_application_number(*, organisation, year: int) -> str:
    """Take the next number, e.g. ``KOK-EDU-2026-000042``. Call inside a transaction."""
    value = next_number(organisation=organisation, kind=APPLICATION, year=year)
    return f"{organisation.code}-{year}-{value:06d}"
