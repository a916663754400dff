"""The material aid application form, and the clerk's forms for the board's decision
and the amount of the aid."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.forms import ApplicationForm
from services.common_categories import BoardDecisionForm, CategoryFormMixin  # noqa: F401 (re-export)

from .models import SubsistenceMinimum


class MaterialAidForm(CategoryFormMixin, ApplicationForm):
    pass


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
