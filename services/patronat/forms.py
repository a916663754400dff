"""Patronat's own questions on top of the shared application form."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.forms import ApplicationForm

from .models import CONSENT_AGE


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


class PatronatForm(ApplicationForm):
    extra_answer_fields = ("spouse_name", "bank_name", "bank_account", "identity_document")

    spouse_name = forms.CharField(
        label=_("Spouse's full name"),
        max_length=300,
        required=False,
        help_text=_("Only if you are married."),
    )
    identity_document = forms.CharField(
        label=_("Identity document: number, issued by, date"), max_length=200
    )
    bank_name = forms.CharField(
        label=_("Bank (second-tier bank) of the current account"), max_length=200
    )
    bank_account = forms.CharField(label=_("Current account number (IBAN)"), max_length=40)

    def clean_bank_account(self) -> str:
        return validate_kz_iban(self.cleaned_data["bank_account"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer_married") and not cleaned.get("spouse_name"):
            self.add_error(
                "spouse_name",
                ValidationError(
                    _("Give your spouse's full name: you said you are married."),
                    code="spouse_required",
                ),
            )
        return cleaned

    def derive_answers(self, answers: dict, children: list[dict]) -> dict:
        """The child's consent stage is skipped when every child is under 10."""
        today = timezone.localdate()
        ages = [
            today.year
            - c["birth_date"].year
            - ((today.month, today.day) < (c["birth_date"].month, c["birth_date"].day))
            for c in children
        ]
        return {**answers, "child_under_ten": all(age < CONSENT_AGE for age in ages)}
