"""The accountant's forms: each validates, the action checks again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .registry import get_source

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SuspendForm(forms.Form):
    on = forms.DateField(label=_("Suspended from"), widget=DATE_WIDGET)
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ResumeForm(forms.Form):
    on = forms.DateField(label=_("Paid again from"), widget=DATE_WIDGET)
    reason = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class TerminateForm(forms.Form):
    ground = forms.ChoiceField(label=_("Ground of the early termination"))
    on = forms.DateField(
        label=_("Not paid from"),
        widget=DATE_WIDGET,
        help_text=_("The first day the entitlement is no longer paid."),
    )
    reason = forms.CharField(
        label=_("Circumstances"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    # Ending cannot be undone and issues the notice: asked for in so many words.
    confirmed = forms.BooleanField(
        label=_(
            "I confirm the termination: the payment stops from this day and the notice of termination is issued. This cannot be undone."
        ),
        error_messages={"required": _("Tick the box to confirm the termination.")},
    )

    def __init__(self, *args, service: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["ground"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Choose…"))] + [
            (g.code, g.title) for g in get_source(service).end_grounds
        ]


class ApproveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    # Approval freezes the register: asked for in so many words.
    confirmed = forms.BooleanField(
        label=_(
            "I have checked the lines and the totals. Once approved, the register is frozen: a correction goes to the next month."
        ),
        error_messages={"required": _("Tick the box to confirm that the register is checked.")},
    )
