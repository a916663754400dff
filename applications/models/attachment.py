"""Scans attached per checklist item. Re-uploading keeps the earlier version."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def attachment_path(instance: Attachment, filename: str) -> str:
    # A random name: the applicant's file name never reaches the file system.
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(
        instance.content_type, "bin"
    )
    return f"attachments/{instance.application_id}/{uuid.uuid4().hex}.{extension}"


class Attachment(models.Model):
    class Review(models.TextChoices):
        PENDING = "pending", _("Not checked yet")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    checklist_item = models.CharField(_("checklist item"), max_length=64)
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    pages = models.PositiveSmallIntegerField(_("pages"), default=1)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    is_current = models.BooleanField(_("current version"), default=True)
    review = models.CharField(
        _("check"), max_length=16, choices=Review.choices, default=Review.PENDING
    )
    review_reason = models.CharField(_("reason"), max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["checklist_item", "-uploaded_at"]
        indexes = [
            models.Index(
                fields=["application", "checklist_item", "is_current"],
                name="attachment_current_idx",
            )
        ]

    def __str__(self) -> str:
        return self.original_name
