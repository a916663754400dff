"""The camp voucher application form, and the clerk's choice of a shift."""

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.forms import ApplicationForm
from services.common_categories import CategoryFormMixin

from .models import Shift, shift_started_message


class CampVoucherForm(CategoryFormMixin, ApplicationForm):
    pass


class IssueVoucherForm(forms.Form):
    """The data of the ``issue_voucher`` transition: a shift of the office's camps that
    has not started yet (a started one is not offered; a posted one is refused with its
    reason). Places and the start are checked again under the lock at issue."""

    shift = forms.ModelChoiceField(
        label=_("Camp shift"), queryset=Shift.objects.none(), empty_label=_("Choose the shift")
    )

    def __init__(self, *args, application, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["shift"]
        # Any shift of the office resolves, so that a started one gets its own message
        # instead of "not one of the choices"; only the upcoming ones are offered.
        field.queryset = Shift.objects.filter(
            camp__organisation_id=application.organisation_id
        ).select_related("camp")
        field.label_from_instance = lambda s: (
            _("%(shift)s (places left: %(left)s)") % {"shift": s, "left": s.places_left()}
        )
        upcoming = list(Shift.upcoming(application.organisation_id))
        field.widget.choices = [("", field.empty_label)] + [
            (shift.pk, field.label_from_instance(shift)) for shift in upcoming
        ]
        if not upcoming:
            field.help_text = _(
                "No shift of your office's camps is still to start: the administrator adds the next shifts, or refuse with a reason."
            )

    def clean_shift(self) -> Shift:
        shift = self.cleaned_data["shift"]
        if shift.has_started():
            raise forms.ValidationError(shift_started_message(shift), code="started")
        return shift

    def transition_data(self) -> dict:
        return {"shift": self.cleaned_data["shift"].pk}
