"""The application form, built from the service definition.

One form serves the applicant on the portal and the clerk registering a paper
application: the office, the applicant's contacts, the children, and a yes/no question
for each condition that decides the checklist. Services subclass it to add their own
fields (``extra_answer_fields`` are stored in Application.answers).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from applications.registry import ServiceDefinition
from applications.uploads import EMPTY_FILE_MESSAGE
from guardianship_portal.accounts.forms import IINField
from guardianship_portal.accounts.iin import parse_iin
from guardianship_portal.core.validators import normalise_phone
from guardianship_portal.organisations.models import Organisation

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

YES_NO = [("yes", _("Yes")), ("no", _("No"))]

# The fields of the first question page: the office and the applicant's contacts.
CONTACT_FIELDS = (
    "organisation",
    "applicant_iin",
    "applicant_name",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
)
CHILDREN_PREFIX = "children"


@dataclass(frozen=True)
class QuestionStep:
    """One question page of the applicant's form: its fields (names of the application
    form's fields), or the children (``children``: the children formset)."""

    code: str
    title: Promise
    fields: tuple[str, ...] = ()
    children: bool = False


class QuestionPageBoundField(forms.BoundField):
    """On a question page the form is checked against every answer given so far, but a
    field shows only the errors of this page (field_view): its ARIA attributes follow
    field_view too, not Django's, which would mark a field not yet answered invalid and
    point it at an error text that is not on the page."""

    def build_widget_attrs(self, attrs, widget=None):
        built = super().build_widget_attrs(attrs, widget)
        if getattr(self.form, "question_page", False):
            own = (widget or self.field.widget).attrs
            for name in ("aria-invalid", "aria-describedby"):
                if name in own:
                    built[name] = own[name]
                else:
                    built.pop(name, None)
        return built


class ApplicationForm(forms.Form):
    bound_field_class = QuestionPageBoundField
    # Set by field_view: the fields are drawn on a question page.
    question_page = False
    extra_answer_fields: tuple[str, ...] = ()
    # Follow-up questions: field name → (the field whose answer makes it relevant, that
    # answer). A follow-up whose answer is not given is neither required nor stored, on
    # the portal and at the counter alike; the question pages reveal it only then.
    follow_ups: Mapping[str, tuple[str, str]] = {}
    # A service whose documents name each child's birth certificate (the patronat
    # contract, seed 003 appendix 3, clause 2) asks for it with every child.
    asks_birth_certificate: bool = False

    organisation = forms.ModelChoiceField(
        label=_("Office that provides the service"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose the office"),
    )
    applicant_iin = IINField(label=_("Applicant's IIN"))
    applicant_name = forms.CharField(label=_("Applicant's full name"), max_length=300)
    applicant_phone = forms.CharField(
        label=_("Phone"),
        max_length=32,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    applicant_email = forms.EmailField(label=_("Email"), required=False)
    applicant_address = forms.CharField(label=_("Address where you live"), max_length=300)

    # The clerk at the counter types the applicant's answers: the fields that speak to
    # the applicant ("your …") say "the applicant's …" there. Field → label, help text
    # (None: unchanged); a service's form adds its own.
    CLERK_WORDING: ClassVar[dict[str, tuple[StrPromise | None, StrPromise | None]]] = {
        "applicant_address": (_("Address where the applicant lives"), None),
        "applicant_iin": (None, _("12 digits, as on the applicant's identity card.")),
    }

    def __init__(
        self, *args, definition: ServiceDefinition, for_clerk: bool = False, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.definition = definition
        self.for_clerk = for_clerk
        organisation = cast(forms.ModelChoiceField, self.fields["organisation"])
        organisation.queryset = Organisation.objects.filter(
            is_active=True, provided_services__service=definition.code
        ).order_by("name_kk")
        for condition in definition.conditions:
            if condition.asked:
                self.fields[f"answer_{condition.code}"] = forms.TypedChoiceField(
                    label=condition.question,
                    choices=YES_NO,
                    widget=forms.RadioSelect,
                    coerce=lambda value: value == "yes",
                )
        if for_clerk:
            for name, (label, help_text) in self.CLERK_WORDING.items():
                if name in self.fields:
                    if label is not None:
                        self.fields[name].label = label
                    if help_text is not None:
                        self.fields[name].help_text = help_text
        if not for_clerk:
            # On the portal the applicant is the account holder: IIN and name come from it.
            self.fields["applicant_iin"].disabled = True
            self.fields["applicant_name"].disabled = True
        # Decided by the posted answers (the server decides, with or without script).
        self.hidden_follow_ups = {
            name
            for name in self.follow_ups
            if name in self.fields and self.is_bound and not self.follow_up_relevant(name)
        }
        for name in self.hidden_follow_ups:
            self.fields[name].required = False

    def follow_up_relevant(self, name: str, data: Mapping[str, Any] | None = None) -> bool:
        """Whether the answer a follow-up depends on is given (in ``data``, a plain
        mapping of single values, or else in the posted data)."""
        parent, value = self.follow_ups[name]
        source = self.data if data is None else data
        return source.get(self.add_prefix(parent)) == value

    def steps(self) -> list[QuestionStep]:
        """The question pages, in order: the office and contacts, the children, the yes/no
        questions of the checklist, then the service's own fields (a page with nothing
        to ask is left out). Every field of the form is on exactly one page."""
        answers = tuple(name for name in self.fields if name.startswith("answer_"))
        details = tuple(
            name for name in self.fields if name not in CONTACT_FIELDS and name not in answers
        )
        steps = [
            QuestionStep("contacts", _("Office and your contacts"), CONTACT_FIELDS),
            QuestionStep("children", _("Children"), children=True),
            QuestionStep("situation", _("Your situation"), answers),
            QuestionStep("details", _("Other details"), details),
        ]
        return [step for step in steps if step.children or step.fields]

    def clean(self):
        cleaned = super().clean() or {}
        for name in self.hidden_follow_ups:
            # A hidden follow-up's answer is dropped, and nothing of it is an error.
            cleaned.pop(name, None)
            self.errors.pop(name, None)
        return cleaned

    def clean_applicant_phone(self) -> str:
        return normalise_phone(self.cleaned_data["applicant_phone"])

    def answers(self) -> dict:
        answers = {
            code.removeprefix("answer_"): value
            for code, value in self.cleaned_data.items()
            if code.startswith("answer_")
        }
        answers.update(
            {
                name: self.cleaned_data.get(name)
                for name in self.extra_answer_fields
                if name not in self.hidden_follow_ups
            }
        )
        return answers

    def derive_answers(self, answers: dict, children: list[dict]) -> dict:
        """Services add facts they compute rather than ask (see Condition.asked)."""
        return answers

    @classmethod
    def child_form_kwargs(cls) -> dict:
        """What this service's child forms ask beyond the name and the date of birth
        (pass as the children formset's ``form_kwargs``)."""
        return {"birth_certificate": cls.asks_birth_certificate}

    def applicant_data(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in (
                "applicant_iin",
                "applicant_name",
                "applicant_phone",
                "applicant_email",
                "applicant_address",
            )
        }


class ChildForm(forms.Form):
    bound_field_class = QuestionPageBoundField
    question_page = False
    last_name = forms.CharField(label=_("Child's last name"), max_length=100)
    first_name = forms.CharField(label=_("Child's first name"), max_length=100)
    middle_name = forms.CharField(label=_("Child's patronymic"), max_length=100, required=False)
    birth_date = forms.DateField(
        label=_("Child's date of birth"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    iin = IINField(label=_("Child's IIN"), required=False, help_text=_("If known."))

    def __init__(self, *args, birth_certificate: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if birth_certificate:
            # Only the services that print it ask (ApplicationForm.asks_birth_certificate);
            # the other services' forms stay as they are.
            self.fields["birth_certificate_number"] = forms.CharField(
                label=_("Number of the child's birth certificate"),
                max_length=40,
                help_text=_("As written on the certificate, e.g. 0123456."),
            )
            self.fields["birth_certificate_date"] = forms.DateField(
                label=_("Date of issue of the birth certificate"),
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )

    def clean_birth_certificate_number(self) -> str:
        return clean_document_number(self.cleaned_data["birth_certificate_number"])

    def clean_birth_certificate_date(self) -> date:
        issued = self.cleaned_data["birth_certificate_date"]
        if issued > timezone.localdate():
            raise ValidationError(
                _("The date of issue cannot be in the future."), code="future_issue"
            )
        return issued

    def clean_birth_date(self) -> date:
        born = self.cleaned_data["birth_date"]
        today = timezone.localdate()
        if born > today:
            raise ValidationError(_("The date of birth cannot be in the future."), code="future")
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        if age >= 18:
            raise ValidationError(_("The services are for children under 18."), code="adult")
        return born

    def clean(self):
        cleaned = super().clean() or {}
        iin, born = cleaned.get("iin"), cleaned.get("birth_date")
        if iin and born and parse_iin(iin).birth_date != born:
            self.add_error(
                "iin",
                ValidationError(
                    _("The IIN does not match the date of birth."), code="iin_birth_mismatch"
                ),
            )
        issued = cleaned.get("birth_certificate_date")
        if issued and born and issued < born:
            self.add_error(
                "birth_certificate_date",
                ValidationError(
                    _("The birth certificate cannot be issued before the child was born."),
                    code="issued_before_birth",
                ),
            )
        return cleaned


def clean_document_number(value: str) -> str:
    """A document number as typed, without a leading "№" / "No." / "N " (documents print
    their own "№"; a passport number "N12345678" keeps its letter); it has a digit."""
    number = re.sub(r"^(?:№|No\.|N(?=\s))\s*", "", value.strip()).strip()
    if not re.search(r"\d", number):
        raise ValidationError(
            _("Give the number as written on the document: it has digits."),
            code="document_number",
        )
    return number


class BaseChildFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        filled = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if not filled:
            raise ValidationError(_("Add at least one child."), code="no_children")


ChildFormSet = forms.formset_factory(
    ChildForm, formset=BaseChildFormSet, extra=0, min_num=1, max_num=5, validate_max=True
)


class UploadForm(forms.Form):
    item = forms.CharField(widget=forms.HiddenInput)
    file = forms.FileField(
        label=_("File (PDF, JPEG or PNG)"),
        error_messages={"required": _("Choose a file to attach."), "empty": EMPTY_FILE_MESSAGE},
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )


class SubmitForm(forms.Form):
    submission_key = forms.CharField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("I confirm that the data and documents are true and complete.")
    )


# --- Rendering the question pages: every input tied to its hint and its error.


@dataclass
class FieldView:
    """A field as a question page shows it: its kind, the ids of its hint and error (the
    input's aria-describedby), the element the error summary links to, and, for a
    follow-up asked on the same page as its question, what reveals it."""

    field: forms.BoundField
    errors: list[str]
    kind: str  # "radio", "select", "checkbox", "readonly" or "input"
    target: str
    hint_id: str
    error_id: str
    follow_up_of: str = ""
    follow_up_value: str = ""
    revealed: bool = True


def _kind(field: forms.BoundField) -> str:
    widget = field.field.widget
    if field.field.disabled:
        return "readonly"
    if isinstance(widget, forms.RadioSelect):
        return "radio"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    return "input"


def field_view(field: forms.BoundField, errors: list[str] | None = None) -> FieldView:
    """Sets the widget's classes and ARIA attributes (the widget belongs to this form
    instance) and returns how to show it."""
    errors = [str(e) for e in errors or ()]
    # The page shows these errors only: the widget's ARIA attributes follow them.
    field.form.question_page = True  # type: ignore[attr-defined]
    kind = _kind(field)
    hint_id, error_id = f"{field.auto_id}-hint", f"{field.auto_id}-error"
    attrs = field.field.widget.attrs
    attrs["class"] = {
        "radio": "form-check-input",
        "checkbox": "form-check-input",
        "select": "form-select",
    }.get(kind, "form-control") + (" is-invalid" if errors else "")
    described = [hint_id] if field.help_text else []
    if errors:
        described.append(error_id)
        attrs["aria-invalid"] = "true"
    else:
        attrs.pop("aria-invalid", None)
    if described and kind != "radio":
        attrs["aria-describedby"] = " ".join(described)
    target = f"{field.auto_id}_0" if kind == "radio" else str(field.auto_id)
    return FieldView(field, errors, kind, target, hint_id, error_id)


def summary_message(field: forms.BoundField, message) -> str:
    """A field's message as the error summary lists it: Django's own short messages
    ("This field is required.") name the question they belong to."""
    generic = {str(m) for m in field.field.error_messages.values()}
    return f"{field.label} — {message}" if str(message) in generic else str(message)


def step_field_views(
    form: ApplicationForm, names: tuple[str, ...], errors: Mapping[str, list[str]]
) -> list[FieldView]:
    """The fields of one question page. A follow-up whose question is on the same page
    is shown inside a container that the answer reveals (hidden until then); one whose
    question is on another page is left out while its answer does not make it
    relevant."""
    data = form.data if form.is_bound else {}
    views = []
    for name in names:
        if name not in form.fields:
            continue
        view = field_view(form[name], errors.get(name))
        if name in form.follow_ups:
            parent, value = form.follow_ups[name]
            relevant = bool(data) and form.follow_up_relevant(name)
            if parent in names:
                view.follow_up_of, view.follow_up_value = form[parent].html_name, value
                view.revealed = relevant
            elif not relevant:
                continue
        views.append(view)
    return views
