"""What the deadline reminders have already sent, so that nobody gets one twice.

``check_deadlines`` runs every few minutes; before it notifies anyone it inserts a row
here, and the unique constraint makes a second run (or two runs at once) skip it.
"""

from django.conf import settings
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
