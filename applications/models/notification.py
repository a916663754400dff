"""In-app notifications (the cabinet's bell); e-mail and SMS go out alongside."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="notifications",
        null=True,
        blank=True,
    )
    event = models.ForeignKey(
        "applications.ApplicationEvent",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
    )
    message_kk = models.TextField(_("message in Kazakh"))
    message_ru = models.TextField(_("message in Russian"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]
        constraints = [
            # A side effect run twice never tells the same person the same event twice.
            models.UniqueConstraint(
                fields=["recipient", "event"], name="one_notification_per_event"
            ),
        ]

    def __str__(self) -> str:
        return self.message_kk[:60]
