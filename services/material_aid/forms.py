"""The material aid application form, and the clerk's forms for the board's decision
and the amount of the aid."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.forms import ApplicationForm
from services.common_categories import CategoryFormMixin

from .models import SubsistenceMinimum


class MaterialAidForm(CategoryFormMixin, ApplicationForm):
    pass


class BoardDecisionForm(forms.Form):
    """The data of ``record_board_decision``: the board of trustees' decision."""

    board_number = forms.CharField(label=_("Number of the decision (minutes)"), max_length=100)
    board_date = forms.DateField(
        label=_("Date of the decision"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, application, **kwargs) -> None:
        super().__init__(*args, **kwargs)

    def clean_board_date(self):
        day = self.cleaned_data["board_date"]
        if day > timezone.localdate():
            raise forms.ValidationError(
                _("The date of the decision of the board of trustees cannot be in the future."),
                code="future",
            )
        return day

    def transition_data(self) -> dict:
        return {
            "board_number": self.cleaned_data["board_number"],
            "board_date": self.cleaned_data["board_date"].isoformat(),
        }


class GrantAidForm(forms.Form):
    """The data of ``grant_aid``: the amount (not below the subsistence minimum, checked
    again by the transition) and what is given."""

    amount = forms.DecimalField(
        label=_("Amount of the aid, tenge"), min_value=0, max_digits=12, decimal_places=2
    )
    aid = forms.CharField(
        label=_("What is given (money, clothes, school supplies…)"), required=False, max_length=500
    )

    def __init__(self, *args, application, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        minimum = SubsistenceMinimum.for_day(timezone.localdate())
        if minimum is not None:
            self.fields["amount"].help_text = _(
                "Not less than the subsistence minimum of %(year)s: %(amount)s tenge."
            ) % {"year": minimum.year, "amount": minimum.amount}
            self.fields["amount"].initial = minimum.amount

    def transition_data(self) -> dict:
        return {"amount": str(self.cleaned_data["amount"]), "aid": self.cleaned_data["aid"]}
