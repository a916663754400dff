"""The audit trail: every state change, every view of a child's personal data, and every
refused attempt to open one. Append-only: rows are written, never changed or deleted,
except by the retention command (`apply_audit_retention`, AUDIT_RETENTION_DAYS)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk changes would bypass the per-row guard: refuse them too. Only the retention
    rule removes rows, through ``expire_before``."""

    def update(self, **kwargs):
        raise ValidationError(_("The audit log cannot be changed."))

    def delete(self):
        raise ValidationError(_("The audit log cannot be changed."))

    def expire_before(self, moment) -> int:
        """Remove the rows older than ``moment`` (the retention period): the one delete."""
        stale = self.filter(at__lt=moment)
        count = stale.count()
        stale._raw_delete(stale.db)
        return count


class AppendOnly(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not self._state.adding:
            raise ValidationError(_("The audit log cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("The audit log cannot be changed."))


class ApplicationEvent(AppendOnly):
    """One thing that happened to an application, written in the same transaction."""

    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=64)
    from_state = models.CharField(_("from state"), max_length=40, blank=True)
    to_state = models.CharField(_("to state"), max_length=40, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    # Where the request came from (None: a command or a job, not a person's request).
    address = models.GenericIPAddressField(_("from address"), null=True, blank=True)

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.action}"


class AccessLog(AppendOnly):
    """Who looked at a child's personal data (an application page, a scan, a document),
    and who tried to and was refused."""

    class Outcome(models.TextChoices):
        VIEWED = "viewed", _("Viewed")
        DENIED = "denied", _("Denied")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), on_delete=models.PROTECT, related_name="+"
    )
    # Empty for a refused attempt on a number that matches no application.
    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="access_log",
        null=True,
        blank=True,
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    what = models.CharField(_("what was opened"), max_length=200)
    outcome = models.CharField(
        _("outcome"), max_length=8, choices=Outcome.choices, default=Outcome.VIEWED
    )
    address = models.GenericIPAddressField(_("from address"), null=True, blank=True)

    class Meta:
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.application_id}: {self.what}"
