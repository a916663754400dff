"""The register of issued documents: immutable once issued, verifiable by a short code."""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# No 0/O, 1/I/L: the code is read aloud and typed from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_verification_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


class IssuedDocumentQuerySet(models.QuerySet):
    """Bulk changes would bypass the per-object guard below: refuse them too."""

    def update(self, **kwargs):
        raise ValidationError(_("An issued document cannot be changed."))

    def delete(self):
        raise ValidationError(_("An issued document cannot be deleted."))


class IssuedDocument(models.Model):
    # What the document is about (an application, a complaint): documents knows no model.
    owner_type = models.ForeignKey(
        ContentType, verbose_name=_("owner type"), on_delete=models.PROTECT
    )
    owner_id = models.PositiveBigIntegerField(_("owner id"))
    owner = GenericForeignKey("owner_type", "owner_id")

    kind = models.CharField(_("kind"), max_length=64)
    language = models.CharField(_("language"), max_length=2)
    number = models.CharField(_("number"), max_length=64, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    holder_masked = models.CharField(_("issued to"), max_length=200)
    issuer_name = models.CharField(_("issued by"), max_length=300)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by user"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/")
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    verification_code = models.CharField(
        _("verification code"), max_length=16, unique=True, default=new_verification_code
    )

    objects = IssuedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["issued_at", "pk"]
        constraints = [
            # Issuing the same document twice returns the first one.
            models.UniqueConstraint(
                fields=["owner_type", "owner_id", "kind", "language"],
                name="one_document_per_kind_language",
            ),
            # The kk and ru copies of a document share its number.
            models.UniqueConstraint(fields=["number", "language"], name="unique_document_number"),
        ]
        indexes = [models.Index(fields=["owner_type", "owner_id"], name="document_owner_idx")]

    def __str__(self) -> str:
        return f"{self.number} ({self.language})"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError(_("An issued document cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("An issued document cannot be deleted."))
