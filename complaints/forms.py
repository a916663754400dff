from django import forms
from django.utils.translation import gettext_lazy as _

from .actions import ANSWER_MAX_LENGTH, TEXT_MAX_LENGTH
from .models import Complaint


class ComplaintForm(forms.Form):
    addressed_to = forms.ChoiceField(
        label=_("To whom"),
        choices=Complaint.AddressedTo.choices,
        initial=Complaint.AddressedTo.PROVIDER_HEAD,
        widget=forms.RadioSelect,
        help_text=_(
            "The head of the provider answers within 5 working days from registration. "
            "A complaint to the authorised body is forwarded to it by the provider within "
            "3 working days."
        ),
    )
    subject = forms.ChoiceField(
        label=_("What the complaint is about"),
        choices=Complaint.Subject.choices,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Your complaint"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Describe what happened, when, and what you ask for."),
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write the complaint."))
        return text


class AnswerForm(forms.Form):
    justified = forms.TypedChoiceField(
        label=_("Is the complaint justified?"),
        choices=[("yes", _("Yes, justified")), ("no", _("No, not justified"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Motivated answer"),
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The applicant receives it as a PDF document."),
    )
    expected_state = forms.CharField(widget=forms.HiddenInput, max_length=20)

    def clean_answer(self) -> str:
        answer = self.cleaned_data["answer"].strip()
        if not answer:
            raise forms.ValidationError(_("Write the answer."))
        return answer
