"""How an application was signed before it was filed (issue #14, item 2).

A portal application is signed by its applicant, with a one-time code sent by SMS to the
phone of the account or with an EDS (a CMS signature made by NCALayer); a paper filing is
signed on paper, and the clerk records that it was. The signature holds the SHA-256 of
the application's canonical content (answers, children, the hashes of the current scans:
``applications/signing.py::canonical_content``), so any later change to what was signed
shows: the digest no longer matches."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .application import Application


class SigningCode(models.Model):
    """A one-time code sent by SMS, stored only as a keyed hash."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="signing_codes",
    )
    phone = models.CharField(_("phone"), max_length=16)
    code_hash = models.CharField(_("code hash"), max_length=64)
    # What the code was sent to sign: a code does not sign a changed application.
    content_sha256 = models.CharField(_("SHA-256 of the content"), max_length=64)
    sent_at = models.DateTimeField(_("sent at"))
    expires_at = models.DateTimeField(_("valid until"))
    attempts = models.PositiveSmallIntegerField(_("wrong attempts"), default=0)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    address = models.GenericIPAddressField(_("client address"), null=True, blank=True)

    class Meta:
        verbose_name = _("signing code")
        verbose_name_plural = _("signing codes")
        ordering = ["pk"]
        indexes = [models.Index(fields=["phone", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.phone} {self.sent_at:%Y-%m-%d %H:%M}"


class ApplicationSignature(models.Model):
    class Method(models.TextChoices):
        SMS_CODE = "sms_code", _("one-time code by SMS")
        EDS = "eds", _("electronic digital signature (EDS)")
        PAPER = "paper", _("signed on paper at the counter")

    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="signature",
    )
    method = models.CharField(_("how it was signed"), max_length=20, choices=Method.choices)
    content_sha256 = models.CharField(_("SHA-256 of the content"), max_length=64)
    signed_at = models.DateTimeField(_("signed at"))
    signer_iin = models.CharField(_("signer's IIN"), max_length=12)
    phone = models.CharField(_("phone"), max_length=16, blank=True)
    address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    # EDS: the CMS as sent by NCALayer (base64) and what the verifier said of the
    # certificate (subject, serial, validity, issuer).
    cms = models.TextField(_("CMS signature"), blank=True)
    certificate = models.JSONField(_("certificate"), default=dict, blank=True)
    # Checked by a local fake (development, demo), not by NCANode.
    verified_by_fake = models.BooleanField(_("checked by the local fake"), default=False)
    # Paper: the clerk who saw it signed.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("application signature")
        verbose_name_plural = _("application signatures")

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.signed_at:%Y-%m-%d %H:%M}"
