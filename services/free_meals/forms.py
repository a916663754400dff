"""The free meals application form, and the clerk's choice of free or reduced-price meals."""

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.forms import ApplicationForm
from services.common_categories import CategoryFormMixin

from .models import MealsKind


class FreeMealsForm(CategoryFormMixin, ApplicationForm):
    pass


class GrantMealsForm(forms.Form):
    """The data of the ``grant_meals`` transition."""

    meals = forms.ChoiceField(
        label=_("Meals granted"), choices=MealsKind.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, application, **kwargs) -> None:
        super().__init__(*args, **kwargs)

    def transition_data(self) -> dict:
        return {"meals": self.cleaned_data["meals"]}
