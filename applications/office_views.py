"""The clerk's workspace: the office queue, an application's page with the actions
the clerk may take, scan review, assignment, and paper applications at the counter.

Views stay thin: they validate what was posted, call one action of the engine
(applications.actions) and tell the clerk what happened. An ApplicationActionError
carries a translated message; it is shown, never turned into a 500.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import wraps
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.dateparse import parse_date
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.text import format_lazy
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from applications import actions, office_selectors, selectors, signing
from applications.errors import (
    ActionNotPermitted,
    ApplicationActionError,
    IntakeOfficeRequired,
    NoIntakeOfficeInRegion,
    StaleApplication,
    TransitionRefused,
)
from applications.forms import ChildFormSet, FieldView, field_view, summary_message
from applications.models import Application, ApplicationEvent, Attachment
from applications.registry import (
    Channel,
    ServiceDefinition,
    all_services,
    get_service,
    service_field_choices,
)
from applications.result_documents import documents_context, refusal_ground_title
from applications.state_registry import DECLARED, registry_rows
from applications.table_rows import application_rows
from applications.transition_forms import (
    FinalStepForm,
    ReasonForm,
    UncheckedScansForm,
    unchecked_scans_form,
)
from guardianship_portal.accounts.models import User
from guardianship_portal.core.http import AuthenticatedRequest, post_only
from guardianship_portal.organisations.models import Organisation

PAGE_SIZE = 25

# What the buttons say. Transitions a service adds without a label here show their name.
# Labels of the actions every service shares; a service labels its own transitions with
# custom={"label": …} on the @transition, so the engine names no service's steps.
ACTION_LABELS = {
    "accept_documents": gettext_lazy("Documents complete: accept"),
    "refuse_to_accept": gettext_lazy("Refuse to accept (incomplete set)"),
    "refuse": gettext_lazy("Motivated refusal"),
    "withdraw": gettext_lazy("Withdraw"),
}

# The audit timeline also shows what is not a transition.
EVENT_LABELS = {
    **ACTION_LABELS,
    "created": gettext_lazy("Application created"),
    "submit": gettext_lazy("Filed and registered"),
    "assigned": gettext_lazy("Assignment changed"),
    "attachment_added": gettext_lazy("Scan attached"),
    "attachment_reviewed": gettext_lazy("Scan checked"),
    "draft_changed": gettext_lazy("Draft changed by the applicant"),
}

# Actions that end the application against the applicant: shown as red buttons.
DANGEROUS = {"refuse_to_accept", "refuse", "withdraw"}

PAPER_CHANNELS = [
    (Channel.OFFICE, Channel.OFFICE.label),
    (Channel.STATE_CORPORATION, Channel.STATE_CORPORATION.label),
]


def action_label(name: str, custom: dict[str, Any] | None = None):
    return (custom or {}).get("label") or ACTION_LABELS.get(name, name)


def transition_custom(model: type[Application], name: str, state: str) -> dict[str, Any] | None:
    """The ``custom`` dict of a transition method (None: no such transition)."""
    if name.startswith("_") or name == actions.SUBMIT:
        return None
    meta = getattr(getattr(model, name, None), "_django_fsm", None)
    if meta is None:
        return None
    transition = meta.get_transition(state) or next(iter(meta.transitions.values()), None)
    return dict(transition.custom or {}) if transition is not None else {}


# ----------------------------------------------------------------------------- queue


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Show"),
        required=False,
        choices=[
            (office_selectors.STATUS_OPEN, gettext_lazy("In progress")),
            (office_selectors.STATUS_CLOSED, gettext_lazy("Finished")),
            (office_selectors.STATUS_ALL, gettext_lazy("All")),
        ],
    )
    service = forms.ChoiceField(
        label=gettext_lazy("Service"),
        required=False,
        choices=lambda: service_field_choices(blank=gettext_lazy("Any service")),
    )
    state = forms.ChoiceField(label=gettext_lazy("State"), required=False)
    due = forms.ChoiceField(
        label=gettext_lazy("Stage due"),
        required=False,
        choices=[
            ("", gettext_lazy("Any time")),
            (office_selectors.DUE_OVERDUE, gettext_lazy("Overdue")),
            (office_selectors.DUE_TODAY, gettext_lazy("Today")),
            (office_selectors.DUE_WEEK, gettext_lazy("This week")),
        ],
    )
    assigned = forms.ChoiceField(
        label=gettext_lazy("Assigned to"),
        required=False,
        choices=[
            ("", gettext_lazy("Anyone")),
            (office_selectors.ASSIGNED_ME, gettext_lazy("Me")),
            (office_selectors.ASSIGNED_NOBODY, gettext_lazy("Nobody yet")),
        ],
    )
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("Number, IIN, applicant's name or child's last name"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["state"]).choices = [
            ("", gettext_lazy("Any state")),
            *state_choices(),
        ]

    def filters(self) -> office_selectors.QueueFilters:
        self.is_valid()  # an invalid value is ignored, the valid ones still apply
        data = self.cleaned_data
        return office_selectors.QueueFilters(
            status=data.get("status") or office_selectors.STATUS_OPEN,
            service=data.get("service") or "",
            state=data.get("state") or "",
            due=data.get("due") or "",
            assigned=data.get("assigned") or "",
            q=(data.get("q") or "").strip(),
        )


def state_choices() -> list[tuple[str, Any]]:
    """Every workflow state of every service once (the codes are shared), no drafts."""
    seen: dict[str, Any] = {}
    for definition in all_services():
        for info in definition.states:
            if info.code != "draft":
                seen.setdefault(info.code, info.label)
    return list(seen.items())


def work_queue_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The clerk's permission, as permission_required(raise_exception=True) checks it;
    refused on an application's page (an applicant or a supervisor trying an office
    address), the attempt leaves its line in the access log, as a page of another
    office does."""

    @wraps(view)
    def checked(request: AuthenticatedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm("accounts.work_queue"):
            if "pk" in kwargs:
                selectors.log_denied(user=request.user, pk=kwargs["pk"])
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


@login_required
@permission_required("accounts.work_queue", raise_exception=True)
def queue(request: AuthenticatedRequest) -> HttpResponse:
    today = timezone.localdate()
    form = QueueFilterForm(request.GET)
    filters = form.filters()
    applications = office_selectors.office_queue(request.user, filters, today=today)
    page = office_selectors.QueuePaginator(
        applications, PAGE_SIZE, searched=bool(filters.q)
    ).get_page(request.GET.get("page"))
    rows = application_rows(page.object_list, today=today)
    return render(
        request,
        "office/queue.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "rows": rows,
            "today": today,
            "organisation": request.user.organisation,
            "may_register": request.user.has_perm("accounts.register_paper_application"),
        },
    )


# ----------------------------------------------------------------------------- detail


@dataclass
class ActionForm:
    """One button on the application page, with what it asks for: the reason every
    action has, and the form a transition that needs data names."""

    name: str
    label: Any
    reason: ReasonForm
    # A transition that needs more data names a form: custom={"form": "module.Class"};
    # the class takes application= and gives the transition's data from transition_data().
    form: Any = None
    dangerous: bool = False
    documents: list[str] = field(default_factory=list)
    # Accepting the documents while scans are unchecked: the clerk confirms it.
    scans: UncheckedScansForm | None = None
    # Ending the application against the applicant: the clerk ticks that they mean it.
    final: FinalStepForm | None = None

    @classmethod
    def build(
        cls, application: Application, name: str, custom: dict[str, Any], data=None
    ) -> ActionForm:
        return cls(
            name=name,
            label=action_label(name, custom),
            reason=ReasonForm(data, action=name, required=bool(custom.get("reason_required"))),
            form=transition_form(custom, application, name, data=data),
            dangerous=name in DANGEROUS,
            documents=list(custom.get("documents", ())),
            scans=unchecked_scans_form(application, name, data=data),
            final=FinalStepForm(data, action=name) if name in DANGEROUS else None,
        )

    @property
    def form_template(self) -> str:
        """The form's own template, or "" for crispy's rendering."""
        return getattr(self.form, "action_template", "")

    def problems(self) -> list[str]:
        """What is wrong with what was posted, in words (empty: it may run)."""
        forms_ = [
            form for form in (self.scans, self.reason, self.form, self.final) if form is not None
        ]
        return [
            str(message)
            for form in forms_
            if not form.is_valid()
            for errors in form.errors.values()
            for message in errors
        ]

    def transition_data(self) -> dict[str, Any]:
        return self.form.transition_data() if self.form is not None else {}


def transition_form(custom: dict[str, Any], application: Application, name: str, data=None):
    """The form a transition names (prefixed by the action, so two on a page never clash)."""
    path = custom.get("form")
    if not path:
        return None
    return import_string(path)(data, application=application, prefix=name)


def action_forms(
    application: Application, user: User, posted: ActionForm | None = None
) -> list[ActionForm]:
    """The page's action forms; ``posted``: the one just sent with errors, shown as sent
    (with its errors) in its place, so the clerk retypes nothing."""
    model = actions.workflow_model(application.service)
    result = []
    for name in actions.available_actions(application, user):
        if posted is not None and posted.name == name:
            result.append(posted)
            continue
        custom = transition_custom(model, name, application.state)
        if custom is not None:
            result.append(ActionForm.build(application, name, custom))
    return result


def event_label(model: type[Application], event) -> Any:
    """What happened, in words: a transition by its own label (the service's
    custom["label"] or the shared ones), other events by EVENT_LABELS."""
    if event.action in EVENT_LABELS:
        return EVENT_LABELS[event.action]
    custom = transition_custom(model, event.action, event.from_state)
    if custom is not None and custom.get("label"):
        return custom["label"]
    return gettext_lazy("Step of the workflow")


def application_events(application: Application) -> list[ApplicationEvent]:
    """The application's history, oldest first, with who did each step."""
    return list(application.events.select_related("actor").order_by("at", "pk"))


def timeline(
    application: Application,
    definition: ServiceDefinition,
    *,
    events: list[ApplicationEvent] | None = None,
    known: dict[int, str] | None = None,
) -> list[dict]:
    """The history as the clerk's page shows it. ``events``: application_events, when
    the caller has read them; ``known``: names by user id already at hand (the office's
    clerks), so that only someone else assigned in the past is looked up."""
    model = actions.workflow_model(application.service)
    if events is None:
        events = application_events(application)
    titles = definition.item_titles(application.edition)
    assignees = {
        e.data.get("to") for e in events if e.action == "assigned" and isinstance(e.data, dict)
    }
    people = dict(known or {})
    unknown = [p for p in assignees if isinstance(p, int) and p not in people]
    if unknown:
        people.update((u.pk, u.full_name) for u in User.objects.filter(pk__in=unknown))
    rows = []
    for event in events:
        data = event.data if isinstance(event.data, dict) else {}
        detail: str | Promise = ""
        if event.action == "assigned":
            to = data.get("to")
            detail = (people.get(to, "") if isinstance(to, int) else "") or _("nobody")
        elif event.action in ("attachment_added", "attachment_reviewed"):
            item: str = data.get("item", "")
            detail = titles.get(item, item)
            if data.get("review") in Attachment.Review.values:
                detail = f"{detail}: {Attachment.Review(data['review']).label}"
        elif data.get("ground"):
            detail = refusal_ground_title(definition, data["ground"])
        elif data.get("missing"):
            detail = ", ".join(str(titles.get(code, code)) for code in data["missing"])
        rows.append(
            {
                "event": event,
                "label": event_label(model, event),
                "from_label": definition.state(event.from_state).label if event.from_state else "",
                "to_label": definition.state(event.to_state).label if event.to_state else "",
                "changed": bool(event.to_state) and event.from_state != event.to_state,
                "detail": detail,
            }
        )
    return rows


def extra_answers(definition: ServiceDefinition, answers: dict) -> list[tuple[Any, Any]]:
    """The service form's own fields (bank account, spouse…) with their labels, as the
    clerk's form words them ("the applicant", not "you": CLERK_WORDING)."""
    form_class = import_string(definition.form_class)
    wording = getattr(form_class, "CLERK_WORDING", {})
    rows = []
    for name in getattr(form_class, "extra_answer_fields", ()):
        value = answers.get(name)
        if value not in (None, ""):
            label = (wording.get(name) or (None, None))[0] or form_class.base_fields[name].label
            rows.append((label, answer_words(definition, name, value)))
    return rows


@dataclass(frozen=True)
class AnsweredQuestion:
    question: Any
    answer: bool
    # What the applicant answered when the state registry settled it otherwise (the
    # answer above is the registry's); None when the registry did not overrule it.
    declared: bool | None = None


def answered_questions(definition: ServiceDefinition, answers: dict) -> list[AnsweredQuestion]:
    """The yes/no questions as the applicant answered them (not whether the document
    they decide is needed: "Do you own the home?" → No stays No), or as the state
    registry settled them, with the applicant's answer beside it. A follow-up question
    that was not asked (no answer stored) is left out; a fact the form derives itself
    (a child younger than 10) is shown as derived. The category is a row of its own
    (extra_answers), not one yes/no per category."""
    category_codes = {f"category_{category.code}" for category in definition.categories}
    declared = answers.get(DECLARED) or {}
    rows = []
    for condition in definition.conditions:
        if condition.asked:
            if condition.code in answers and answers[condition.code] is not None:
                rows.append(
                    AnsweredQuestion(
                        condition.question,
                        bool(answers[condition.code]),
                        declared.get(condition.code),
                    )
                )
        elif condition.code not in category_codes:
            rows.append(AnsweredQuestion(condition.question, condition.holds(answers)))
    return rows


def answer_words(definition: ServiceDefinition, name: str, value: Any) -> Any:
    """A chosen value in words: a category by its title, any other choice field by its
    label (answers store codes)."""
    if name == "category" and definition.categories:
        return next((c.title for c in definition.categories if c.code == value), value)
    field = import_string(definition.form_class).base_fields.get(name)
    if isinstance(field, forms.DateField) and isinstance(value, str):
        day = _parse_day(value)
        return formats.date_format(day, "SHORT_DATE_FORMAT") if day else value
    choices = dict(getattr(field, "choices", None) or ())
    return choices.get(value, value)


@login_required
@work_queue_required
def detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _detail_page(request, selectors.application_for(request.user, pk))


def _detail_page(
    request: AuthenticatedRequest,
    application: Application,
    *,
    posted: ActionForm | None = None,
    review_error: tuple[int, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """``posted``: an action sent with errors; ``review_error``: (scan, message) of a
    scan's check sent without what it needs."""
    selectors.log_access(user=request.user, application=application, what="application page")
    definition = get_service(application.service)
    state = definition.state(application.state)
    answers = application.answers or {}
    attached = selectors.current_attachments(application)
    brought = set(answers.get("brought_documents") or ())
    checklist = [
        {"item": item, "attachment": attached.get(item.code), "brought": item.code in brought}
        for item in definition.checklist_for(answers, application.channel, application.edition)
    ]
    stage_title = next(
        (s.title for s in definition.stages if s.code == application.stage), application.stage
    )
    colleagues = list(office_selectors.colleagues(request.user))
    events = application_events(application)
    return render(
        request,
        "office/detail.html",
        {
            "application": application,
            "definition": definition,
            "state": state,
            "stage_title": stage_title,
            "children": list(application.children.all()),
            "questions": answered_questions(definition, answers),
            "extra_answers": extra_answers(definition, answers),
            "checklist": checklist,
            "reviewable": not state.final and application.state != "draft",
            "actions": action_forms(application, request.user, posted),
            "posted_action": posted.name if posted is not None else "",
            "timeline": timeline(
                application,
                definition,
                events=events,
                known={person.pk: person.full_name for person in colleagues},
            ),
            **documents_context(application, events),
            "colleagues": colleagues,
            "today": timezone.localdate(),
            "is_mine": application.assigned_clerk_id == request.user.pk,
            # A finished application has nobody left to work on it.
            "may_assign": request.user.organisation_id == application.organisation_id
            and not state.final,
            # What the state registries confirmed, and the signature (issue #14).
            "registry_rows": registry_rows(application),
            "signature": getattr(application, "signature", None),
            "signature_holds": signing.signature_holds(application),
            "review_error_scan": review_error[0] if review_error else None,
            "review_error": review_error[1] if review_error else "",
        },
        status=status,
    )


# ----------------------------------------------------------------------------- actions


def _back(pk: int, anchor: str = "") -> HttpResponse:
    return redirect(reverse("office:detail", args=[pk]) + (f"#{anchor}" if anchor else ""))


def _parse_day(value: str) -> date | None:
    try:
        return parse_date(value.strip())
    except ValueError:
        return None


@post_only("office:detail")
@login_required
@work_queue_required
def act(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Run one workflow action; whatever was posted, the clerk gets a page and a message."""
    application = selectors.application_for(request.user, pk)
    definition = get_service(application.service)
    name = request.POST.get("action", "")
    expected_state = request.POST.get("expected_state", "")
    if expected_state != application.state:
        messages.error(request, StaleApplication().message)
        return _back(pk)
    custom = transition_custom(actions.workflow_model(application.service), name, application.state)
    if custom is None:
        messages.error(request, TransitionRefused().message)
        return _back(pk)
    posted = ActionForm.build(application, name, custom, data=request.POST)
    if problems := posted.problems():
        # The page again with the form as sent and its errors (a redirect would lose
        # the reason the clerk typed).
        for problem in problems:
            messages.error(request, problem)
        return _detail_page(request, application, posted=posted, status=400)
    try:
        done = actions.application_transition(
            application=application,
            action=name,
            actor=request.user,
            expected_state=expected_state,
            reason=posted.reason.cleaned_data["reason"],
            data=posted.transition_data(),
        )
    except ApplicationActionError as error:
        messages.error(request, error.message)
        return _back(pk)
    messages.success(
        request,
        _("Done: %(action)s. The application is now: %(state)s.")
        % {
            "action": action_label(name, custom),
            "state": definition.state(done.state).label,
        },
    )
    return _back(pk)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", "accept"), ("reject", "reject")])
    reason = forms.CharField(required=False, max_length=500)


@post_only("office:detail")
@login_required
@work_queue_required
def review(request: AuthenticatedRequest, pk: int, attachment_pk: int) -> HttpResponse:
    application = selectors.application_for(request.user, pk)
    attachment = get_object_or_404(
        Attachment, pk=attachment_pk, application=application, is_current=True
    )
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether the scan is accepted or rejected."))
        return _back(pk, "checklist")
    accepted = form.cleaned_data["decision"] == "accept"
    reason = form.cleaned_data["reason"].strip()
    if not accepted and not reason:
        # The page again with the message beside the scan's reason field, which takes
        # the focus (a message at the top would be out of sight of the list).
        message = _("Give the reason why the scan is rejected: the applicant will read it.")
        return _detail_page(request, application, review_error=(attachment.pk, message), status=400)
    if get_service(application.service).state(application.state).final:
        messages.error(request, TransitionRefused().message)
        return _back(pk, "checklist")
    try:
        actions.attachment_review(
            attachment=attachment, actor=request.user, accepted=accepted, reason=reason
        )
    except ApplicationActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The scan is marked accepted.") if accepted else _("The scan is marked rejected."),
        )
    return _back(pk, "checklist")


@post_only("office:detail")
@login_required
@work_queue_required
def assign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Claim (the clerk's own id), assign to a colleague, or unassign (empty)."""
    application = selectors.application_for(request.user, pk)
    value = request.POST.get("clerk", "").strip()
    expected = request.POST.get("expected_clerk")
    # Who the clerk saw assigned; checked again under the row lock by the action.
    expected_clerk_id = (
        (int(expected) if expected.isdigit() else None)
        if expected is not None
        else actions.ANY_CLERK
    )
    clerk = None
    if value:
        clerk = User.objects.filter(pk=int(value)).first() if value.isdigit() else None
        if clerk is None:
            messages.error(request, ActionNotPermitted().message)
            return _back(pk, "assignment")
    try:
        actions.application_assign(
            application=application,
            clerk=clerk,
            actor=request.user,
            expected_clerk_id=expected_clerk_id,
        )
    except ApplicationActionError as error:
        messages.error(request, error.message)
    else:
        if clerk is None:
            messages.success(request, _("Nobody is assigned to the application now."))
        else:
            messages.success(request, _("Assigned to %(name)s.") % {"name": clerk.full_name})
    return _back(pk, "assignment")


# ----------------------------------------------------------------------------- paper


class PaperFilingForm(forms.Form):
    """What the counter adds to the service's own form."""

    submission_key = forms.CharField(widget=forms.HiddenInput)
    channel = forms.ChoiceField(
        label=gettext_lazy("Where the application was accepted"),
        choices=PAPER_CHANNELS,
        widget=forms.RadioSelect,
        initial=Channel.OFFICE,
    )
    accepted_at = forms.DateTimeField(
        label=gettext_lazy("Accepted at"),
        help_text=gettext_lazy(
            "For the State Corporation: when its service centre accepted the application."
        ),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the documents"),
        choices=Application.Language.choices,
        widget=forms.RadioSelect,
    )
    intake_office = forms.ModelChoiceField(
        label=gettext_lazy("State Corporation service centre"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="—",
        help_text=gettext_lazy(
            "For the State Corporation: the centre that accepted the application. Its hours decide the registration day; the result is handed out there."
        ),
    )
    brought = forms.MultipleChoiceField(
        label=gettext_lazy("Documents brought"), required=False, widget=forms.CheckboxSelectMultiple
    )
    # An incomplete set: the clerk saw the missing documents (their codes, as shown)
    # and confirms the refusal to accept (seed 002, item 10). Rendered by hand in the
    # template, so that a changed list asks again.
    confirm_refusal = forms.BooleanField(required=False)
    confirmed_missing = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(
        self, *args, definition: ServiceDefinition, organisation: Organisation, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        # Only the paper channels the service's rules allow.
        cast(forms.ChoiceField, self.fields["channel"]).choices = [
            c for c in PAPER_CHANNELS if c[0] in definition.channels
        ]
        self.offers_state_corporation = Channel.STATE_CORPORATION in definition.channels
        if self.offers_state_corporation:
            intake_office = cast(forms.ModelChoiceField, self.fields["intake_office"])
            intake_office.queryset = actions.intake_offices(organisation)
        else:
            del self.fields["intake_office"]
        # The paper items of the edition in force today (the filing's own edition is
        # fixed at registration from the moment of acceptance).
        # Each with its condition ("only if married"): two categories may name the same
        # supporting document, and the clerk ticks the one of the applicant's category.
        cast(forms.ChoiceField, self.fields["brought"]).choices = [
            (
                item.code,
                format_lazy("{} — {}", item.title, item.condition.description)
                if item.condition
                else item.title,
            )
            for item in definition.paper_items()
        ]

    def clean_accepted_at(self):
        accepted_at = self.cleaned_data["accepted_at"]
        if accepted_at > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError(
                _("The moment of acceptance cannot be in the future."), code="future"
            )
        return accepted_at

    def confirms_refusal(self, missing: list[str]) -> bool:
        """The clerk confirmed the refusal to accept for exactly this list of missing
        documents (a list changed since it was shown asks again)."""
        data = self.cleaned_data
        return bool(data["confirm_refusal"]) and data["confirmed_missing"] == ",".join(missing)

    def clean(self):
        data = super().clean() or {}
        if data.get("channel") != Channel.STATE_CORPORATION:
            data["intake_office"] = None
        elif not data.get("intake_office") and "intake_office" not in self.errors:
            # Its hours and its address go into the registration and the receipt.
            offices = cast(forms.ModelChoiceField, self.fields["intake_office"]).queryset
            error: ApplicationActionError
            if offices is not None and offices.exists():
                error = IntakeOfficeRequired()
            else:
                error = NoIntakeOfficeInRegion()
            self.add_error("intake_office", str(error.message))
        return data


# formset_factory() builds ChildFormSet at run time: mypy cannot take a variable as a base.
class ClerkChildFormSet(ChildFormSet):  # type: ignore[misc,valid-type]
    """The applicant's form for children, with room for more than one at the counter."""

    extra = 2

    def rows(self) -> list[dict[str, Any]]:
        """The children filled in (a valid formset), without the deleted ones."""
        return [
            c.cleaned_data
            for c in self.forms
            if c.cleaned_data and not c.cleaned_data.get("DELETE")
        ]


@login_required
@permission_required("accounts.register_paper_application", raise_exception=True)
def register_choose(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "office/register_choose.html",
        {
            "organisation": request.user.organisation,
            "services": office_selectors.provided_services(request.user),
        },
    )


def counter_forms(definition: ServiceDefinition, organisation: Organisation, data=None):
    """The service's own form, the children and the counter's paper filing form."""
    form_class = import_string(definition.form_class)
    form = form_class(data, definition=definition, for_clerk=True)
    # The office is the clerk's own: not a choice here.
    del form.fields["organisation"]
    children = ClerkChildFormSet(
        data, prefix="children", form_kwargs=form_class.child_form_kwargs()
    )
    paper = PaperFilingForm(
        data,
        definition=definition,
        organisation=organisation,
        initial={
            "accepted_at": timezone.localtime().replace(second=0, microsecond=0),
            "language": (get_language() or "kk")[:2],
            "submission_key": uuid.uuid4().hex,
            "channel": Channel.OFFICE,
        },
    )
    return form, children, paper


@login_required
@permission_required("accounts.register_paper_application", raise_exception=True)
def register(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """A paper application brought to the counter (or from the State Corporation):
    created and filed at once; the scans are not required, the originals were seen."""
    clerk: User = request.user
    try:
        definition = get_service(code)
    except KeyError:
        raise Http404 from None
    organisation = clerk.organisation
    # A clerk without an office provides no service.
    if organisation is None or code not in {
        d.code for d in office_selectors.provided_services(clerk)
    }:
        messages.error(request, _("Your office does not provide this service."))
        return redirect("office:register_choose")
    data = request.POST if request.method == "POST" else None
    form, children, paper = counter_forms(definition, organisation, data)
    incomplete: list[str] = []  # codes of the missing documents the clerk is asked about
    registry_failures: list[Any] = []  # the registries that did not answer (their names)
    if data is not None and all([form.is_valid(), children.is_valid(), paper.is_valid()]):
        filing = paper.cleaned_data
        earlier = office_selectors.paper_filing_under_key(organisation, filing["submission_key"])
        if earlier is not None:
            return redirect("office:detail", pk=earlier.pk)
        child_rows = children.rows()
        answers = form.derive_answers(form.answers(), child_rows)
        applicant_data = form.applicant_data()
        # Asked once, before the checklist is judged: a record the registry holds is
        # not the applicant's to bring.
        registry_check = actions.paper_registry_check(
            applicant_data=applicant_data, children=child_rows
        )
        missing = actions.paper_missing_documents(
            service=definition.code,
            answers={**answers, "brought_documents": filing["brought"]},
            channel=filing["channel"],
            accepted_at=filing["accepted_at"],
            registry_check=registry_check,
        )
        registry_failures = registry_check.failed_registries()
        if missing and not paper.confirms_refusal(missing):
            incomplete = missing
        else:
            try:
                application = actions.application_register_paper(
                    service=definition.code,
                    organisation=organisation,
                    clerk=clerk,
                    applicant=User.objects.filter(iin=applicant_data["applicant_iin"]).first(),
                    applicant_data=applicant_data,
                    children=child_rows,
                    answers=answers,
                    language=filing["language"],
                    channel=filing["channel"],
                    accepted_at=filing["accepted_at"],
                    brought=filing["brought"],
                    intake_office=filing.get("intake_office"),
                    submission_key=filing["submission_key"],
                    refuse_incomplete=bool(missing),
                    registry_check=registry_check,
                )
            except ApplicationActionError as error:
                messages.error(request, error.message)
            else:
                _tell_registered(request, application, refused=bool(missing))
                if registry_failures:
                    messages.warning(
                        request,
                        str(REGISTRY_UNAVAILABLE_AT_COUNTER)
                        % {"registries": ", ".join(map(str, registry_failures))},
                    )
                return redirect("office:detail", pk=application.pk)
    incomplete_titles = [definition.item_title(code) for code in incomplete]
    return render(
        request,
        "office/register.html",
        {
            "definition": definition,
            "organisation": organisation,
            "form": form,
            "children": children,
            "paper": paper,
            **counter_field_views(form, children, paper, incomplete_titles),
            "incomplete": incomplete_titles,
            "incomplete_key": ",".join(incomplete),
            "registry_failures": registry_failures,
        },
    )


APPLICANT_FIELDS = (
    "applicant_iin",
    "applicant_name",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
)


def counter_field_views(form, children, paper, incomplete: list[Any]) -> dict[str, Any]:
    """The counter form's fields as the applicant's question pages show them (label,
    hint, error and input tied by ids, radio groups as fieldsets with their error), by
    section, and the error summary of the whole page in page order: its links lead to
    each field, and to the incomplete set when that is what the clerk must decide."""
    bound = form.is_bound

    def views(target_form, names) -> list[FieldView]:
        return [
            field_view(target_form[name], target_form.errors.get(name) if bound else None)
            for name in names
            if name in target_form.fields
        ]

    acceptance = ["channel", "accepted_at", "language"]
    if paper.offers_state_corporation:
        acceptance.insert(1, "intake_office")
    sections: dict[str, Any] = {
        "acceptance_fields": views(paper, acceptance),
        "applicant_fields": views(form, APPLICANT_FIELDS),
        "child_fields": [views(child, list(child.fields)) for child in children.forms],
        "answer_fields": views(form, [n for n in form.fields if n.startswith("answer_")]),
        "extra_fields": views(form, list(form.extra_answer_fields)),
        "brought_field": views(paper, ["brought"]),
    }
    errors: list[tuple[str, str]] = []
    if bound:
        for key in ("acceptance_fields", "applicant_fields"):
            errors += [
                (v.target, summary_message(v.field, m)) for v in sections[key] for m in v.errors
            ]
        for child_views in sections["child_fields"]:
            errors += [
                (v.target, summary_message(v.field, m)) for v in child_views for m in v.errors
            ]
        for key in ("answer_fields", "extra_fields", "brought_field"):
            errors += [
                (v.target, summary_message(v.field, m)) for v in sections[key] for m in v.errors
            ]
        first = sections["applicant_fields"][0].target
        errors += [(first, str(m)) for m in (*form.non_field_errors(), *paper.non_field_errors())]
        errors += [(first, str(m)) for m in children.non_form_errors()]
        if incomplete:
            errors.append(
                ("incomplete-set", _("The set of documents is incomplete: decide below."))
            )
    return {**sections, "errors": errors}


REGISTRY_UNAVAILABLE_AT_COUNTER = gettext_lazy(
    "These state registries did not answer: %(registries)s. What they would have confirmed was taken as the applicant stated it: check it against the originals the applicant brought."
)


def _tell_registered(request: HttpRequest, application: Application, *, refused: bool) -> None:
    if refused:
        messages.warning(
            request,
            _(
                "The application is registered under number %(number)s and refused to accept: the set of documents is incomplete. Give the applicant the acceptance receipt and the refusal receipt."
            )
            % {"number": application.number},
        )
    else:
        messages.success(
            request,
            _("The application is registered under number %(number)s.")
            % {"number": application.number},
        )
