"""Validators every form shares (the portal's, the engine's and the services'): one
place, at the ground, so that no service borrows another service's form module."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def normalise_phone(raw: str) -> str:
    """Accept the ways people type a Kazakh mobile number; return +7XXXXXXXXXX."""
    digits = re.sub(r"\D", "", raw or "")
    if len(digits) == 11 and digits[0] in "78":
        digits = digits[1:]
    if len(digits) != 10:
        raise ValidationError(
            _("Enter the phone as +7 and ten digits, e.g. +77011234567."), code="phone"
        )
    return f"+7{digits}"


def validate_kz_iban(value: str) -> str:
    """A Kazakh IBAN: KZ, two check digits, 16 characters (ISO 13616 mod-97 check)."""
    iban = re.sub(r"\s", "", value).upper()
    if not re.fullmatch(r"KZ\d{2}[0-9A-Z]{16}", iban):
        raise ValidationError(
            _(
                "A Kazakh account number (IBAN) is KZ and 18 more characters, e.g. KZ86125KZT5004100100."
            ),
            code="iban_format",
        )
    rearranged = iban[4:] + iban[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    if int(digits) % 97 != 1:
        raise ValidationError(
            _("This account number (IBAN) has a wrong check: please check each character."),
            code="iban_checksum",
        )
    return iban


def make_kz_iban(serial: int, *, bank: str = "125KZT") -> str:
    """A well-formed Kazakh IBAN for the account ``serial`` of a bank (demo and test
    data: each recipient gets their own account, as a bank file expects)."""
    bban = f"{bank}{serial:010d}"
    digits = "".join(str(int(ch, 36)) for ch in bban + "KZ00")
    return f"KZ{98 - int(digits) % 97:02d}{bban}"
