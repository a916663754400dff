"""The forms of the transitions every service shares (applications.workflow), and the
reason every action carries.

A transition that needs data names its form in ``custom["form"]`` (a dotted path); the
clerk's page builds it with ``application=`` and ``prefix=<action>``, renders it in the
action's card, validates what was posted and passes its ``transition_data()`` to the
engine (applications.office_views.act only dispatches). A form may name its own
template in ``action_template`` (rendered with ``form``); otherwise crispy renders it.

The reason is not one transition's data but every action's: ``ReasonForm``, required
when the transition's ``custom["reason_required"]`` says the applicant will read it.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from applications import selectors
from applications.models import Application, Attachment
from applications.registry import ChecklistItem, get_service

REASON_MAX_LENGTH = 2000
# The shared transition that takes the set of documents as complete (applications.workflow).
ACCEPT_DOCUMENTS = "accept_documents"


class ReasonForm(forms.Form):
    """The reason (or comment) typed with any action: required when the transition says
    so. Longer text is cut, not refused (the field's maxlength says the same)."""

    action_template = "office/transition_forms/reason.html"

    reason = forms.CharField(required=False)

    def __init__(self, data=None, *, action: str, required: bool) -> None:
        super().__init__(data)
        self.action = action
        self.required = required

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"][:REASON_MAX_LENGTH]
        if self.required and not reason:
            raise ValidationError(
                _("Give the reason: the applicant will read it."), code="required"
            )
        return reason


class SharedNamesForm(forms.Form):
    """A transition's form whose fields are posted under their own names (``missing``,
    ``ground``, ``findings``), not prefixed by the action: each action is a form of its
    own on the page, so the names never meet, and they are the names the page has
    always posted. The ids carry the action (see the templates)."""

    action_template = ""

    def __init__(self, data=None, *, application: Application, prefix: str | None = None):
        super().__init__(data)
        self.application = application
        self.action = prefix or ""

    def transition_data(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class MissingDocumentsForm(SharedNamesForm):
    """The data of ``refuse_to_accept``: the documents missing from the set, as codes of
    the application's edition (the receipt prints their titles). A code the edition
    does not know is dropped; none at all is refused."""

    action_template = "office/transition_forms/missing_documents.html"

    # Checked codes; filtered against the edition in clean_missing (not a choice field:
    # an unknown code is ignored, not an error).
    missing = forms.Field(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, data=None, *, application: Application, prefix: str | None = None):
        super().__init__(data, application=application, prefix=prefix)
        self.definition = get_service(application.service)

    def checklist_rows(self) -> list[tuple[ChecklistItem, bool]]:
        """The application's checklist, each item checked when nothing usable was
        handed in for it (no scan attached, or the scan rejected; not brought on paper)."""
        application = self.application
        answers = application.answers or {}
        attached = selectors.current_attachments(application)
        brought = set(answers.get("brought_documents") or ())
        if self.is_bound:
            # As the clerk ticked them, when the form comes back with an error.
            data = self.data
            ticked = set(
                data.getlist("missing") if isinstance(data, QueryDict) else data.get("missing", ())
            )
            return [
                (item, item.code in ticked)
                for item in self.definition.checklist_for(
                    answers, application.channel, application.edition
                )
            ]
        usable = {
            code
            for code, attachment in attached.items()
            if attachment.review != Attachment.Review.REJECTED
        }
        return [
            (item, item.code not in usable and item.code not in brought)
            for item in self.definition.checklist_for(
                answers, application.channel, application.edition
            )
        ]

    def clean_missing(self) -> list[str]:
        posted = set(self.cleaned_data["missing"] or ())
        codes = [item.code for item in self.definition.checklist_of(self.application.edition)]
        missing = [code for code in codes if code in posted]
        if not missing:
            raise ValidationError(_("Mark the documents that are missing."), code="required")
        return missing


class RefusalGroundForm(SharedNamesForm):
    """The data of ``refuse``: the legal ground, as the code of one of the service's
    grounds (its words are printed in each reader's language)."""

    action_template = "office/transition_forms/refusal_ground.html"

    ground = forms.ChoiceField(
        error_messages={
            "required": _("Choose the legal ground of the refusal."),
            "invalid_choice": _("Choose the legal ground of the refusal."),
        }
    )

    def __init__(self, data=None, *, application: Application, prefix: str | None = None):
        super().__init__(data, application=application, prefix=prefix)
        grounds = get_service(application.service).refusal_grounds
        cast(forms.ChoiceField, self.fields["ground"]).choices = [
            ("", _("Choose the ground")),
            *((ground.code, ground.title) for ground in grounds),
        ]


class UncheckedScansForm(forms.Form):
    """Accepting the documents while some scans are not checked yet: the clerk sees
    which and confirms it, for exactly those scans (a scan attached or checked since
    the page was shown asks again). Built only while such scans exist."""

    action_template = "office/transition_forms/unchecked_scans.html"

    confirm_unchecked = forms.BooleanField(required=False)
    confirmed_scans = forms.CharField(required=False)

    def __init__(self, data=None, *, application: Application, action: str) -> None:
        super().__init__(data)
        self.action = action
        titles = get_service(application.service).item_titles(application.edition)
        pending = [
            attachment
            for attachment in selectors.current_attachments(application).values()
            if attachment.review == Attachment.Review.PENDING
        ]
        pending.sort(key=lambda attachment: attachment.pk)
        self.unchecked = [titles.get(a.checklist_item, a.checklist_item) for a in pending]
        self.scan_key = ",".join(str(a.pk) for a in pending)

    def clean(self):
        data = super().clean() or {}
        if not (data.get("confirm_unchecked") and data.get("confirmed_scans") == self.scan_key):
            raise ValidationError(
                _(
                    "Some scans are not checked yet. Check them first, or confirm that you accept the documents without checking them."
                ),
                code="unchecked_scans",
            )
        return data


def unchecked_scans_form(
    application: Application, action: str, data=None
) -> UncheckedScansForm | None:
    """The confirmation that accepting the documents needs while scans are unchecked
    (None: nothing to confirm, or not the acceptance)."""
    if action != ACCEPT_DOCUMENTS:
        return None
    form = UncheckedScansForm(data, application=application, action=action)
    return form if form.unchecked else None


class FinalStepForm(forms.Form):
    """An action that ends the application against the applicant (refusals, withdrawal)
    cannot be undone: the clerk ticks that they mean it, so one stray click never
    refuses a family."""

    action_template = "office/transition_forms/final_step.html"

    confirm_final = forms.BooleanField(required=False)

    def __init__(self, data=None, *, action: str) -> None:
        super().__init__(data)
        self.action = action

    def clean(self):
        data = super().clean() or {}
        if not data.get("confirm_final"):
            raise ValidationError(
                _("Tick the box to confirm: this ends the application and cannot be undone."),
                code="not_confirmed",
            )
        return data
