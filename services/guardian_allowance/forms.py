"""The guardian allowance's own questions on top of the shared application form: what
the decision needs (the appointing decision, the personal account) and the identity
document."""

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.forms import ApplicationForm
from guardianship_portal.core.validators import validate_kz_iban

from .definition import derive_answers


class GuardianAllowanceForm(ApplicationForm):
    extra_answer_fields = ("identity_document", "guardian_appointment", "bank_name", "bank_account")
    CLERK_WORDING = {
        **ApplicationForm.CLERK_WORDING,
        "guardian_appointment": (
            _("Decision appointing the applicant guardian or trustee: number, date, body"),
            None,
        ),
        "bank_name": (
            _("Bank or organisation where the applicant's personal account is opened"),
            None,
        ),
    }

    identity_document = forms.CharField(
        label=_("Identity document: number, issued by, date"), max_length=200
    )
    guardian_appointment = forms.CharField(
        label=_("Decision appointing you guardian or trustee: number, date, body"),
        max_length=300,
        help_text=_("As written on the decision of the local executive body."),
    )
    bank_name = forms.CharField(
        label=_("Bank or organisation where your personal account is opened"), max_length=200
    )
    bank_account = forms.CharField(label=_("Personal account number (IBAN)"), max_length=40)

    def clean_bank_account(self) -> str:
        return validate_kz_iban(self.cleaned_data["bank_account"])

    def derive_answers(self, answers: dict, children: list[dict]) -> dict:
        """Whether a child was born before the civil registry was kept electronically
        (13.08.2007): with "born abroad" it decides the birth certificate."""
        return derive_answers(answers, children)
