"""What the deadline reminders have already sent, so that nobody gets one twice.

``check_deadlines`` runs every few minutes; before it notifies anyone it inserts a row
here, and the unique constraint makes a second run (or two runs at once) skip it.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderSent(models.Model):
    class Kind(models.TextChoices):
        BEFORE = "before", _("The stage is due on the next working day")
        DUE = "due", _("The stage is due today")
        OVERDUE = "overdue", _("The stage is overdue")

    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind of reminder"), max_length=16, choices=Kind.choices)
    stage = models.CharField(_("stage"), max_length=40)
    due_on = models.DateField(_("stage due date"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    notification = models.ForeignKey(
        "applications.Notification",
        verbose_name=_("notification"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("deadline reminder sent")
        verbose_name_plural = _("deadline reminders sent")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "stage", "due_on", "recipient"],
                name="one_reminder_per_stage_deadline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.kind} {self.stage} {self.due_on} → {self.recipient_id}"


class QualityIndicatorTarget(models.Model):
    """The normative and target values of a quality indicator for one year (seed 003,
    appendix 1: "Значения показателей качества и доступности"). The values are approved
    every year by a working group (item 20 of the standard), so they are data, entered
    in the admin; the current value is computed from applications and complaints."""

    class Indicator(models.TextChoices):
        # Codes and numbering follow appendix 1 of the standard (seed 003).
        ON_TIME = "on_time", _("1.1. Share of services provided on time")
        ACCEPTED_FIRST_TIME = (
            "accepted_first_time",
            _("3.2. Share of applications accepted the first time"),
        )
        JUSTIFIED_COMPLAINTS = (
            "justified_complaints",
            _("4.1. Share of justified complaints of all applicants served"),
        )
        JUSTIFIED_IN_TIME = (
            "justified_complaints_in_time",
            _("4.2. Share of justified complaints resolved in time"),
        )

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    indicator = models.CharField(_("indicator"), max_length=40, choices=Indicator.choices)
    normative = models.DecimalField(
        _("normative value, %"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("As approved in the standard of the service (appendix 1); empty if none."),
    )
    target = models.DecimalField(
        _("target value, %"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Approved every year by the working group; empty if not approved."),
    )

    class Meta:
        verbose_name = _("quality indicator target")
        verbose_name_plural = _("quality indicator targets")
        ordering = ["-year", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "indicator"], name="one_quality_target_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.get_indicator_display()}"
