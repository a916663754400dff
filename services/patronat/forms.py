"""Patronat's own questions on top of the shared application form."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.forms import ApplicationForm, clean_document_number
from applications.transition_forms import SharedNamesForm
from guardianship_portal.accounts.iin import parse_iin
from guardianship_portal.core.validators import validate_kz_iban

from .models import CONSENT_AGE


class PatronatForm(ApplicationForm):
    # The typical contract (seed 003 appendix 3) names the carer's identity document
    # (number, issuer, date), place of birth and each child's birth certificate. Older
    # applications kept the identity document in one text field, "identity_document":
    # services/patronat/documents.py still prints it for them.
    extra_answer_fields = (
        "spouse_name",
        "place_of_birth",
        "identity_document_number",
        "identity_document_issuer",
        "identity_document_date",
        "bank_name",
        "bank_account",
    )
    asks_birth_certificate = True
    # Asked only of a married applicant.
    follow_ups = {
        "answer_marriage_not_in_registry": ("answer_married", "yes"),
        "spouse_name": ("answer_married", "yes"),
    }

    CLERK_WORDING = {
        **ApplicationForm.CLERK_WORDING,
        "spouse_name": (None, _("Only if the applicant is married.")),
        "place_of_birth": (
            None,
            _("City or village, as written in the applicant's identity document."),
        ),
    }
    spouse_name = forms.CharField(
        label=_("Spouse's full name"),
        max_length=300,
        required=False,
        help_text=_("Only if you are married."),
    )
    # Required when it is shown (married: clean() checks), so not labelled "optional".
    spouse_name.conditionally_required = True  # type: ignore[attr-defined]
    place_of_birth = forms.CharField(
        label=_("Place of birth"),
        max_length=200,
        help_text=_("City or village, as written in your identity document."),
    )
    identity_document_number = forms.CharField(label=_("Identity document number"), max_length=20)
    identity_document_issuer = forms.CharField(
        label=_("Identity document issued by"),
        max_length=200,
        help_text=_("As written in the document, e.g. the Ministry of Internal Affairs."),
    )
    identity_document_date = forms.DateField(
        label=_("Identity document date of issue"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    bank_name = forms.CharField(
        label=_("Bank (second-tier bank) of the current account"), max_length=200
    )
    bank_account = forms.CharField(label=_("Current account number (IBAN)"), max_length=40)

    def clean_bank_account(self) -> str:
        return validate_kz_iban(self.cleaned_data["bank_account"])

    def clean_identity_document_number(self) -> str:
        return clean_document_number(self.cleaned_data["identity_document_number"])

    def clean_identity_document_date(self) -> date:
        issued = self.cleaned_data["identity_document_date"]
        if issued > timezone.localdate():
            raise ValidationError(
                _("The date of issue cannot be in the future."), code="future_issue"
            )
        return issued

    def answers(self) -> dict:
        answers = super().answers()
        # Answers are JSON: the date is kept as YYYY-MM-DD.
        issued = answers.get("identity_document_date")
        if isinstance(issued, date):
            answers["identity_document_date"] = issued.isoformat()
        return answers

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("answer_married") and not cleaned.get("spouse_name"):
            self.add_error(
                "spouse_name",
                ValidationError(
                    _("Give your spouse's full name: you said you are married."),
                    code="spouse_required",
                ),
            )
        issued, born = cleaned.get("identity_document_date"), _born(cleaned.get("applicant_iin"))
        if issued and born and issued < born:
            self.add_error(
                "identity_document_date",
                ValidationError(
                    _("The identity document cannot be issued before its holder was born."),
                    code="issued_before_birth",
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


def _born(iin: str | None) -> date | None:
    try:
        return parse_iin(iin).birth_date if iin else None
    except ValidationError:
        return None


FINDINGS_MAX_LENGTH = 5000


class InspectionForm(SharedNamesForm):
    """The data of ``record_inspection``: the findings of the inspection of living
    conditions and its date (the act prints both; not a day still to come)."""

    action_template = "patronat/transition_forms/inspection.html"

    findings = forms.CharField(
        error_messages={"required": _("Write the findings of the inspection.")}
    )
    inspected_on = forms.DateField(
        input_formats=["%Y-%m-%d"],
        error_messages={
            "required": _("Give the date of the inspection (not in the future)."),
            "invalid": _("Give the date of the inspection (not in the future)."),
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = timezone.localdate()

    def clean_findings(self) -> str:
        # Longer text is cut, not refused (the field's maxlength says the same).
        return self.cleaned_data["findings"][:FINDINGS_MAX_LENGTH]

    def clean_inspected_on(self) -> date:
        day = self.cleaned_data["inspected_on"]
        if day > self.today:
            raise ValidationError(
                _("Give the date of the inspection (not in the future)."), code="future"
            )
        return day

    def transition_data(self) -> dict:
        return {
            "findings": self.cleaned_data["findings"],
            "inspected_on": self.cleaned_data["inspected_on"].isoformat(),
        }
