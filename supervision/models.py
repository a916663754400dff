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


class FigureBucket(models.Model):
    """The period figures of one organisation and service over one calendar month or
    one ISO week (supervision.aggregates explains the keys and keeps the rows)."""

    class Kind(models.TextChoices):
        MONTH = "month", _("month")
        WEEK = "week", _("week")

    kind = models.CharField(_("kind of period"), max_length=5, choices=Kind.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("provider organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    service = models.CharField(_("service"), max_length=40)
    start = models.DateField(_("first day"))
    registered = models.PositiveIntegerField(default=0)
    decided = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)
    late = models.PositiveIntegerField(default=0)
    granted = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)
    refused_to_accept = models.PositiveIntegerField(default=0)
    withdrawn = models.PositiveIntegerField(default=0)
    # Decided applications with a known duration: {working days to result: how many}.
    days = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("pre-aggregated figures")
        verbose_name_plural = _("pre-aggregated figures")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "organisation", "start", "service"], name="one_figure_bucket"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.start} {self.organisation_id} {self.service}"


class ReportFile(models.Model):
    """A quality report rendered by a job (supervision.report_jobs), kept as a private
    file: downloaded through the report view only (the supervisor's scope), reused for
    a closed period, compiled again each day for a running one."""

    key = models.CharField(_("report key"), max_length=200, unique=True)
    period = models.CharField(_("period"), max_length=10)
    language = models.CharField(_("language"), max_length=2)
    file_format = models.CharField(_("format"), max_length=4)
    # Whose figures: the organisations of the scope (or one of them), or everything.
    organisation_ids = models.JSONField(_("organisations"), default=list)
    organisation_id = models.IntegerField(_("organisation"), null=True, blank=True)
    everything = models.BooleanField(_("all organisations"), default=False)
    compiled_on = models.DateField(_("compiled on"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to="reports/%Y/%m/", blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("quality report file")
        verbose_name_plural = _("quality report files")

    def __str__(self) -> str:
        return self.key
