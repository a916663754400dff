"""Individual identification number (ЖСН / ИИН) of Kazakhstan.

12 digits: YYMMDD birth date; the 7th digit gives century and sex (1/2: 1800s,
3/4: 1900s, 5/6: 2000s; odd male, even female); digits 8-11 a serial number; the
12th a check digit (weights 1..11 mod 11, then 3..11,1,2 when the first gives 10).
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_FIRST_WEIGHTS = tuple(range(1, 12))
_SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_CENTURY_BY_DIGIT = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}


@dataclass(frozen=True)
class IINInfo:
    birth_date: date
    is_male: bool


def iin_check_digit(first_eleven: str) -> int | None:
    """The check digit for 11 digits, or None when no digit can make them valid."""
    digits = [int(c) for c in first_eleven]
    for weights in (_FIRST_WEIGHTS, _SECOND_WEIGHTS):
        remainder = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if remainder != 10:
            return remainder
    return None


def parse_iin(value: str) -> IINInfo:
    """Return what the IIN encodes, or raise ValidationError saying what is wrong."""
    value = (value or "").strip()
    if len(value) != 12 or not value.isdigit():
        raise ValidationError(_("An IIN is exactly 12 digits."), code="iin_format")
    century = _CENTURY_BY_DIGIT.get(value[6])
    if century is None:
        raise ValidationError(
            _("The 7th digit of an IIN (century and sex) must be from 1 to 6."),
            code="iin_century",
        )
    try:
        birth_date = date(century + int(value[0:2]), int(value[2:4]), int(value[4:6]))
    except ValueError:
        raise ValidationError(
            _("The first six digits of an IIN must be a real birth date (YYMMDD)."),
            code="iin_date",
        ) from None
    if iin_check_digit(value[:11]) != int(value[11]):
        raise ValidationError(
            _("This IIN has a wrong check digit: please check each digit."), code="iin_checksum"
        )
    return IINInfo(birth_date=birth_date, is_male=int(value[6]) % 2 == 1)


def validate_iin(value: str) -> None:
    """Django validator wrapper around parse_iin."""
    parse_iin(value)


def make_iin(birth_date: date, *, male: bool, serial: int) -> str:
    """Build a valid IIN (demo data and tests); serial picks one of the 10,000 numbers.

    Serials whose check digit cannot exist are skipped to the next one.
    """
    century_digit = {1800: 1, 1900: 3, 2000: 5}[birth_date.year // 100 * 100]
    if not male:
        century_digit += 1
    for candidate in range(serial, serial + 10_000):
        first = f"{birth_date:%y%m%d}{century_digit}{candidate % 10_000:04d}"
        check = iin_check_digit(first)
        if check is not None:
            return f"{first}{check}"
    raise ValueError("no valid IIN for this date")  # unreachable: most serials are valid
