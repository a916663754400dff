"""Provider organisations: education departments of cities/districts, and schools."""

from datetime import time

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from guardianship_portal.core.service_codes import service_title, validate_service_code


class Region(models.Model):
    """An oblast or a city of republican significance."""

    name_kk = models.CharField(_("name in Kazakh"), max_length=200)
    name_ru = models.CharField(_("name in Russian"), max_length=200)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name_kk"]

    def __str__(self) -> str:
        return localized(self, "name")


class Organisation(models.Model):
    class Kind(models.TextChoices):
        CITY_DEPARTMENT = "city_department", _("City education department")
        DISTRICT_DEPARTMENT = "district_department", _("District education department")
        SCHOOL = "school", _("School")
        # Not providers: a regional department supervises every provider of its region;
        # the quality-control body reviews the complaints forwarded to it (services.md,
        # "Common rules"). Neither has a queue of applications of its own.
        REGIONAL_DEPARTMENT = "regional_department", _("Regional education department")
        QUALITY_CONTROL_BODY = (
            "quality_control_body",
            _("Authorised body for quality control of state services"),
        )
        # A service centre of the State Corporation "Government for Citizens": it accepts
        # filings for the providers of its region and hands out their results (seed 002
        # lines 44-45). Its own hours decide which day a late filing belongs to.
        STATE_CORPORATION = (
            "state_corporation",
            _("Service centre of the State Corporation “Government for Citizens”"),
        )

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    code = models.SlugField(
        _("code"),
        max_length=32,
        unique=True,
        help_text=_("Short Latin code used in application numbers, e.g. KOK-EDU."),
    )
    name_kk = models.CharField(_("name in Kazakh"), max_length=300)
    name_ru = models.CharField(_("name in Russian"), max_length=300)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="organisations"
    )
    district_kk = models.CharField(_("city or district in Kazakh"), max_length=200)
    district_ru = models.CharField(_("city or district in Russian"), max_length=200)
    address_kk = models.CharField(_("address in Kazakh"), max_length=300)
    address_ru = models.CharField(_("address in Russian"), max_length=300)
    phone = models.CharField(_("phone"), max_length=32)
    email = models.EmailField(_("email"), blank=True)
    head_name = models.CharField(
        _("head of the organisation"),
        max_length=200,
        blank=True,
        help_text=_("Complaints to the provider are addressed to the head."),
    )
    # Office hours (seed 004): Mon-Fri 9:00-18:30 with lunch 13:00-14:30 by default.
    # Filings outside these hours are registered on the next working day.
    opens_at = models.TimeField(_("opens at"), default=time(9, 0))
    closes_at = models.TimeField(_("closes at"), default=time(18, 30))
    lunch_starts_at = models.TimeField(
        _("lunch starts at"), default=time(13, 0), null=True, blank=True
    )
    lunch_ends_at = models.TimeField(
        _("lunch ends at"), default=time(14, 30), null=True, blank=True
    )
    # The body's bank details, printed in the contracts it signs (seed 003 appendix 3:
    # "Банковские реквизиты"): BIN, the treasury or bank account (IIK) and the BIK.
    bin = models.CharField(
        _("BIN"), max_length=12, blank=True, help_text=_("Business identification number.")
    )
    bank_account = models.CharField(
        _("account (IIK)"), max_length=34, blank=True, help_text=_("IBAN, e.g. KZ…")
    )
    bank_bik = models.CharField(_("BIK"), max_length=11, blank=True)
    bank_name_kk = models.CharField(_("bank in Kazakh"), max_length=200, blank=True)
    bank_name_ru = models.CharField(_("bank in Russian"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("provider organisation")
        verbose_name_plural = _("provider organisations")
        ordering = ["region__name_kk", "name_kk"]

    def __str__(self) -> str:
        return localized(self, "name")

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.opens_at >= self.closes_at:
            raise ValidationError({"closes_at": _("The office must close after it opens.")})
        if bool(self.lunch_starts_at) != bool(self.lunch_ends_at):
            raise ValidationError(
                {"lunch_ends_at": _("Give both the start and the end of lunch, or neither.")}
            )
        if (
            self.lunch_starts_at
            and self.lunch_ends_at
            and not (self.opens_at <= self.lunch_starts_at < self.lunch_ends_at <= self.closes_at)
        ):
            raise ValidationError({"lunch_starts_at": _("Lunch must lie within office hours.")})

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def address(self) -> str:
        return localized(self, "address")

    @property
    def district(self) -> str:
        return localized(self, "district")

    @property
    def bank_name(self) -> str:
        return localized(self, "bank_name")


class ProvidedService(models.Model):
    """One state service that an organisation delivers."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="provided_services",
    )
    # No choices: adding a service app writes no migration here; the admin builds the
    # choices from the installed services at runtime.
    service = models.CharField(_("service"), max_length=32, validators=[validate_service_code])
    # Conditions the provider adds to the service's contract, in each language (the
    # patronat contract's clause 12: "other conditions"). Empty: a blank line to fill
    # by hand is printed.
    contract_conditions_kk = models.TextField(
        _("additional contract conditions in Kazakh"), blank=True
    )
    contract_conditions_ru = models.TextField(
        _("additional contract conditions in Russian"), blank=True
    )

    class Meta:
        verbose_name = _("provided service")
        verbose_name_plural = _("provided services")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "service"], name="unique_provided_service"
            )
        ]

    def __str__(self) -> str:
        return str(self.service_title)

    @property
    def service_title(self):
        return service_title(self.service)


def localized(obj: object, field: str) -> str:
    """The kk or ru variant of a bilingual field, for the active language."""
    language = (get_language() or "kk")[:2]
    suffix = "ru" if language == "ru" else "kk"
    return getattr(obj, f"{field}_{suffix}") or getattr(obj, f"{field}_kk")
