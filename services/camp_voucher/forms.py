"""The camp voucher application form, and the clerk's choice of a shift."""

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.forms import ApplicationForm
from services.common_categories import CategoryFormMixin

from .models import Shift


class CampVoucherForm(CategoryFormMixin, ApplicationForm):
    pass


class IssueVoucherForm(forms.Form):
    """The data of the ``issue_voucher`` transition: a shift of the office's camps that
    still has a place (counted again under the lock when the voucher is issued)."""

    shift = forms.ModelChoiceField(
        label=_("Camp shift"), queryset=Shift.objects.none(), empty_label=_("Choose the shift")
    )

    def __init__(self, *args, application, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        shifts = (
            Shift.objects.filter(camp__organisation_id=application.organisation_id)
            .select_related("camp")
            .order_by("starts_on", "camp__name_kk")
        )
        self.fields["shift"].queryset = shifts
        self.fields["shift"].label_from_instance = lambda s: (
            _("%(shift)s (places left: %(left)s)") % {"shift": s, "left": s.places_left()}
        )

    def transition_data(self) -> dict:
        return {"shift": self.cleaned_data["shift"].pk}
