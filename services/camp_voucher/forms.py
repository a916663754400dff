"""The camp voucher application form, and the clerk's choice of a shift."""

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.forms import ApplicationForm
from services.common_categories import CategoryFormMixin

from .models import Shift, shift_started_message


class CampVoucherForm(CategoryFormMixin, ApplicationForm):
    pass


class ShiftField(forms.ModelChoiceField):
    """A shift named with the places it has left."""

    def label_from_instance(self, obj) -> str:
        return _("%(shift)s (places left: %(left)s)") % {"shift": obj, "left": obj.places_left()}


class IssueVoucherForm(forms.Form):
    """The data of the ``issue_voucher`` transition: a shift of the office's camps that
    has not started yet (a started one is not offered; a posted one is refused with its
    reason). Places and the start are checked again under the lock at issue."""

    shift = ShiftField(
        label=_("Camp shift"), queryset=Shift.objects.none(), empty_label=_("Choose the shift")
    )

    def __init__(self, *args, application, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["shift"]
        assert isinstance(field, ShiftField)
        # Any shift of the office resolves, so that a started one gets its own message
        # instead of "not one of the choices"; only the upcoming ones are offered.
        field.queryset = Shift.objects.filter(
            camp__organisation_id=application.organisation_id
        ).select_related("camp")
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
