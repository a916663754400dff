"""What the state registries said about an application's people (issue #14, item 1).

One row per question asked (the applicant by IIN, each child's birth record, the
applicant's marriage record), kept with the application: the clerk sees what was
confirmed and by which request, and the checklist is decided from these rows, not from
the applicant's own declaration. A failed lookup is stored too: the clerk sees that the
registry did not answer, and the document is asked for instead."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .application import Application


class RegistryLookup(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", _("Persons database")
        BIRTH = "birth", _("Birth record")
        MARRIAGE = "marriage", _("Marriage record")

    class Status(models.TextChoices):
        FOUND = "found", _("Confirmed by the registry")
        NOT_FOUND = "not_found", _("No record in the registry")
        FAILED = "failed", _("The registry did not answer")

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="registry_lookups",
    )
    kind = models.CharField(_("registry"), max_length=20, choices=Kind.choices)
    subject_iin = models.CharField(_("IIN asked about"), max_length=12)
    status = models.CharField(_("result"), max_length=20, choices=Status.choices)
    request_id = models.CharField(_("request id"), max_length=100, blank=True)
    asked_at = models.DateTimeField(_("asked at"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # The record's fields as the registry gave them (dates as ISO text).
    record = models.JSONField(_("record"), default=dict, blank=True)
    # Only for the administrator's eyes (never shown on a page): why it failed.
    error = models.CharField(_("error"), max_length=300, blank=True)
    # Answered by a local fake (development, demo), not by the real gateway.
    from_fake = models.BooleanField(_("answered by the local fake"), default=False)
    # What the application said about this person before the record was adopted (the
    # record's name and birth date replace it): the applicant and the clerk are told
    # when the two differ, never silently.
    typed_name = models.CharField(_("name as typed"), max_length=300, blank=True)
    typed_birth_date = models.DateField(_("birth date as typed"), null=True, blank=True)

    class Meta:
        verbose_name = _("registry lookup")
        verbose_name_plural = _("registry lookups")
        ordering = ["pk"]
        indexes = [models.Index(fields=["application", "kind", "subject_iin"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.subject_iin}: {self.get_status_display()}"
