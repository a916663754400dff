"""Applicant side: start an application, attach scans, submit, follow it, download."""

from __future__ import annotations

import logging
import uuid
from datetime import date
from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.utils.module_loading import import_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applications import actions, deadlines, selectors, state_registry
from applications.errors import ApplicationActionError
from applications.forms import (
    CHILDREN_PREFIX,
    CONTACT_FIELDS,
    ChildFormSet,
    QuestionStep,
    SubmitForm,
    UploadForm,
    field_view,
    step_field_views,
    summary_message,
)
from applications.models import Application, Attachment
from applications.registry import all_services, get_service
from applications.result_documents import (
    application_documents,
    document_is_due,
    documents_context,
    issue_document,
)
from documents.models import IssuedDocument
from documents.views import issue_or_not_ready
from guardianship_portal.core.http import AuthenticatedRequest, post_only

logger = logging.getLogger(__name__)


def _definition_or_404(code: str):
    try:
        return get_service(code)
    except KeyError:
        raise Http404 from None


# --- The question pages (GOV.UK "question pages" with a back link, conditional reveal,
# error summary, "check your answers"). A new application's answers wait in the session
# (per application being written, under its submission key) until the last page is
# answered; then the draft is made. A draft's answers are changed page by page from its
# "check your answers" page and saved as soon as the whole set is valid again.

WIZARDS = "applicant_question_pages"
KEPT_WIZARDS = 5


def _wizard(request: AuthenticatedRequest, key: str) -> dict | None:
    return request.session.get(WIZARDS, {}).get(key)


def _keep_wizard(request: AuthenticatedRequest, key: str, wizard: dict) -> None:
    wizards = {k: v for k, v in request.session.get(WIZARDS, {}).items() if k != key}
    wizards[key] = wizard
    # The latest few only: a forgotten tab does not grow the session for ever.
    request.session[WIZARDS] = dict(list(wizards.items())[-KEPT_WIZARDS:])


def _drop_wizard(request: AuthenticatedRequest, key: str) -> None:
    wizards = dict(request.session.get(WIZARDS, {}))
    if wizards.pop(key, None) is not None:
        request.session[WIZARDS] = wizards


CHILDREN_START = {
    f"{CHILDREN_PREFIX}-TOTAL_FORMS": ["1"],
    f"{CHILDREN_PREFIX}-INITIAL_FORMS": ["0"],
    f"{CHILDREN_PREFIX}-MIN_NUM_FORMS": ["1"],
    f"{CHILDREN_PREFIX}-MAX_NUM_FORMS": ["5"],
}


def _contacts(user) -> dict:
    return {
        "applicant_iin": user.iin,
        "applicant_name": user.full_name,
        "applicant_phone": user.phone,
        "applicant_email": user.email,
    }


def _bound(definition, data: dict[str, list[str]], initial: dict):
    """The whole application form and its children, bound to the answers so far."""
    form_class = import_string(definition.form_class)
    # One child to start with, until the children's page is answered.
    query = MultiValueDict({**CHILDREN_START, **data}) if data else None
    form = form_class(query, definition=definition, initial=initial)
    children = ChildFormSet(
        query, prefix=CHILDREN_PREFIX, form_kwargs=form_class.child_form_kwargs()
    )
    return form, children


def _step_keys(step: QuestionStep, data) -> list[str]:
    if step.children:
        return [key for key in data if key.startswith(f"{CHILDREN_PREFIX}-")]
    return [key for key in data if key in step.fields]


def _merge(data: dict[str, list[str]], step: QuestionStep, posted) -> dict[str, list[str]]:
    """The answers so far with this page's replaced by what was posted (a radio left
    unanswered is posted as nothing, so the page's own keys are dropped first)."""
    kept = {k: v for k, v in data.items() if k not in set(_step_keys(step, data))}
    fields = set(step.fields)
    for key in posted:
        if (step.children and key.startswith(f"{CHILDREN_PREFIX}-")) or key in fields:
            kept[key] = posted.getlist(key)
    return kept


def _resize_children(data: dict[str, list[str]], *, add: bool) -> dict[str, list[str]]:
    """The answers with one more (empty) child, up to the most a form takes, or without
    the last one, down to one."""
    total_key = f"{CHILDREN_PREFIX}-TOTAL_FORMS"
    try:
        total = int((data.get(total_key) or ["1"])[0])
    except ValueError:
        total = 1
    most = int(CHILDREN_START[f"{CHILDREN_PREFIX}-MAX_NUM_FORMS"][0])
    total = max(1, min(total, most))
    if add:
        return {**data, total_key: [str(min(total + 1, most))]}
    if total == 1:
        return data
    last = f"{CHILDREN_PREFIX}-{total - 1}-"
    kept = {k: v for k, v in data.items() if not k.startswith(last)}
    return {**kept, total_key: [str(total - 1)]}


def _step_errors(form, children, step: QuestionStep, last: bool) -> list[tuple[str, str]]:
    """(the id to link to, message) of every error on this page, in page order."""
    found: list[tuple[str, str]] = []
    if step.children:
        several = len(children.forms) > 1
        for number, child in enumerate(children.forms, start=1):
            # With two children or more the summary says whose answer is missing.
            whose = f"{_('Child %(n)s') % {'n': number}}: " if several else ""
            for name, messages_ in child.errors.items():
                if name in child.fields:
                    found.extend(
                        (str(child[name].auto_id), whose + summary_message(child[name], m))
                        for m in messages_
                    )
                else:
                    found.extend((str(child.prefix), whose + str(m)) for m in messages_)
        first = children.forms[0][next(iter(children.forms[0].fields))].auto_id
        found.extend((str(first), str(m)) for m in children.non_form_errors())
        return found
    for name in step.fields:
        if name in form.errors and name in form.fields:
            view = field_view(form[name], form.errors[name])
            found.extend((view.target, summary_message(form[name], m)) for m in view.errors)
    if last:
        target = next((n for n in step.fields if n in form.fields), "")
        found.extend((f"id_{target}", str(m)) for m in form.non_field_errors())
    return found


def _first_invalid_step(form, children, steps: list[QuestionStep]) -> QuestionStep | None:
    for index, step in enumerate(steps):
        if _step_errors(form, children, step, index == len(steps) - 1):
            return step
    return None


def _valid(form, children) -> bool:
    return bool(form.is_valid() and children.is_valid())


def _draft_values(form, children) -> dict:
    child_rows = [c.cleaned_data for c in children.forms if c.cleaned_data]
    return {
        "organisation": form.cleaned_data["organisation"],
        "applicant_data": form.applicant_data(),
        "children": child_rows,
        "answers": form.derive_answers(form.answers(), child_rows),
    }


def application_form_data(application: Application, form) -> dict[str, list[str]]:
    """A draft's answers as the question pages post them (to change them page by page)."""
    data: dict[str, list[str]] = {"organisation": [str(application.organisation_id)]}
    for name in CONTACT_FIELDS[1:]:
        data[name] = [getattr(application, name) or ""]
    answers = application.answers or {}
    for name in form.fields:
        if name in CONTACT_FIELDS:
            continue
        code = name.removeprefix("answer_")
        value = answers.get(code if name.startswith("answer_") else name)
        if value is None:
            continue
        if name.startswith("answer_"):
            data[name] = ["yes" if value else "no"]
        elif isinstance(value, list):
            data[name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = ["on"]
        else:
            data[name] = [str(value)]
    rows = list(application.children.all())
    data.update({**CHILDREN_START, f"{CHILDREN_PREFIX}-TOTAL_FORMS": [str(len(rows) or 1)]})
    child_fields = ChildFormSet(prefix=CHILDREN_PREFIX, form_kwargs=form.child_form_kwargs())
    names = list(child_fields.empty_form.fields)
    for index, child in enumerate(rows):
        for name in names:
            value = getattr(child, name, "")
            data[f"{CHILDREN_PREFIX}-{index}-{name}"] = [
                value.isoformat() if isinstance(value, date) else str(value or "")
            ]
    return data


# A visitor not logged in is sent to log in and comes back here (the catalogue's "Apply
# online"); a logged-in account that may not file (staff) gets the 403 page.
@login_required
@permission_required("accounts.file_application", raise_exception=True)
def apply(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """The start of a new application: its first question page. A POST of the whole form
    at once (every page's fields) is answered as the pages would be: the draft when all
    is valid, else the first page with a problem."""
    definition = _definition_or_404(code)
    key = request.POST.get("submission_key") or uuid.uuid4().hex
    wizard = _wizard(request, key) or {"service": definition.code, "data": {}}
    if request.method != "POST":
        _keep_wizard(request, key, wizard)
        return _question_page(request, definition, key, wizard, None)
    data = {k: request.POST.getlist(k) for k in request.POST if k != "csrfmiddlewaretoken"}
    wizard["data"] = data
    form, children = _bound(definition, data, _contacts(request.user))
    if _valid(form, children):
        return _create_draft(request, definition, key, form, children)
    _keep_wizard(request, key, wizard)
    step = _first_invalid_step(form, children, form.steps())
    return _question_page(request, definition, key, wizard, step.code if step else None, True)


@login_required
@permission_required("accounts.file_application", raise_exception=True)
def question(request: AuthenticatedRequest, code: str, key: str, step: str) -> HttpResponse:
    """One question page of a new application."""
    definition = _definition_or_404(code)
    wizard = _wizard(request, key)
    if wizard is None or wizard.get("service") != definition.code:
        # A page of an application the session no longer holds: start again.
        return redirect("cabinet:apply", code=definition.code)
    if wizard.get("draft"):
        return redirect("cabinet:check", pk=wizard["draft"])
    return _question_page(request, definition, key, wizard, step)


@login_required
@permission_required("accounts.file_application", raise_exception=True)
def change_answers(request: AuthenticatedRequest, pk: int, step: str) -> HttpResponse:
    """One question page of a draft, reached from "check your answers" (Change)."""
    application = _own_draft(request, pk)
    if isinstance(application, HttpResponse):
        return application
    selectors.log_access(user=request.user, application=application, what=f"answers {step}")
    definition = get_service(application.service)
    key = f"draft-{application.pk}"
    wizard = _wizard(request, key)
    if wizard is None or request.method != "POST" and not request.GET.get("resume"):
        form, _children = _bound(definition, {}, _contacts(request.user))
        wizard = {
            "service": definition.code,
            "draft": application.pk,
            "data": application_form_data(application, form),
        }
        _keep_wizard(request, key, wizard)
    return _question_page(request, definition, key, wizard, step, application=application)


def _question_page(
    request: AuthenticatedRequest,
    definition,
    key: str,
    wizard: dict,
    step_code: str | None,
    show_all_errors: bool = False,
    application: Application | None = None,
) -> HttpResponse:
    initial = _contacts(request.user)
    form, children = _bound(definition, wizard["data"], initial)
    steps = form.steps()
    index = next((i for i, s in enumerate(steps) if s.code == step_code), 0)
    step = steps[index]
    revealed_now = False
    errors: list[tuple[str, str]] = []
    resized = (
        request.method == "POST"
        and step.children
        and request.POST.get("children")
        in (
            "add",
            "remove",
        )
    )
    if resized:
        # "Add another child" / "Remove the last child": the page again with one child
        # more or less, what was typed kept, nothing marked wrong (works without script).
        merged = _merge(wizard["data"], step, request.POST)
        wizard["data"] = _resize_children(merged, add=request.POST["children"] == "add")
        _keep_wizard(request, key, wizard)
        form, children = _bound(definition, wizard["data"], initial)
    elif request.method == "POST" and not show_all_errors:
        wizard["data"] = _merge(wizard["data"], step, request.POST)
        _keep_wizard(request, key, wizard)
        form, children = _bound(definition, wizard["data"], initial)
        _valid(form, children)
        # A follow-up its answer has just revealed, on a page shown without script: it
        # appears now, with nothing marked wrong (its question was not seen yet).
        asked = set(request.POST.getlist("asked"))
        fresh = [
            name
            for name in step.fields
            if name in form.follow_ups
            and form.follow_ups[name][0] in step.fields
            and form.follow_up_relevant(name)
            and name not in asked
        ]
        for name in fresh:
            form.errors.pop(name, None)
        revealed_now = bool(fresh)
        errors = _step_errors(form, children, step, index == len(steps) - 1)
        if not errors and not revealed_now:
            return _after_step(request, definition, key, wizard, form, children, steps, index)
    elif show_all_errors:
        _valid(form, children)
        errors = _step_errors(form, children, step, index == len(steps) - 1)
    shown = dict(errors and _field_errors(form, children, step) or {})
    if application is not None:
        back = reverse("cabinet:check", args=[application.pk])
        action = reverse("cabinet:change", args=[application.pk, step.code])
    else:
        back = (
            reverse("cabinet:question", args=[definition.code, key, steps[index - 1].code])
            if index
            else reverse("catalogue:detail", args=[definition.code])
        )
        action = reverse("cabinet:question", args=[definition.code, key, step.code])
    return render(
        request,
        "applications/question.html",
        {
            "definition": definition,
            "step": step,
            "number": index + 1,
            "total": len(steps),
            "fields": step_field_views(form, step.fields, shown) if not step.children else [],
            "children": _children_views(children, shown) if step.children else [],
            "children_formset": children,
            "errors": errors,
            "revealed_now": revealed_now,
            # After "Add another child" the new child takes the focus (applicant.js), so
            # typing goes on there; after "Remove" the last child left, with a notice.
            "focus_child": len(children.forms) if resized else 0,
            "child_removed": resized and request.POST["children"] == "remove",
            "back_url": back,
            "action": action,
            "submission_key": key,
            "application": application,
            "last": index == len(steps) - 1,
        },
    )


def _field_errors(form, children, step: QuestionStep) -> dict[str, list[str]]:
    if step.children:
        return {
            f"{child.prefix}-{name}": [str(m) for m in messages_]
            for child in children.forms
            for name, messages_ in child.errors.items()
        }
    return {
        name: [str(m) for m in form.errors[name]] for name in step.fields if name in form.errors
    }


def _children_views(children, errors: dict[str, list[str]]) -> list[list]:
    return [
        [field_view(child[name], errors.get(f"{child.prefix}-{name}")) for name in child.fields]
        for child in children.forms
    ] or [[field_view(children.empty_form[name]) for name in children.empty_form.fields]]


def _after_step(request, definition, key, wizard, form, children, steps, index) -> HttpResponse:
    """A page answered well: the next page, or, once every page is, the draft (made or
    changed); a change that makes another page's question relevant goes there first."""
    valid = _valid(form, children)
    draft_pk = wizard.get("draft")
    if draft_pk:
        if not valid:
            step = _first_invalid_step(form, children, steps) or steps[index]
            return redirect(reverse("cabinet:change", args=[draft_pk, step.code]) + "?resume=1")
        application = selectors.application_for(request.user, draft_pk)
        try:
            actions.application_update_draft(
                application=application, actor=request.user, **_draft_values(form, children)
            )
        except ApplicationActionError as error:
            messages.error(request, error.message)
            return redirect("cabinet:detail", pk=draft_pk)
        _drop_wizard(request, key)
        messages.success(request, _("Your answers are changed."))
        return redirect("cabinet:check", pk=draft_pk)
    if index + 1 < len(steps):
        return redirect(
            "cabinet:question", code=definition.code, key=key, step=steps[index + 1].code
        )
    if not valid:
        step = _first_invalid_step(form, children, steps) or steps[0]
        return redirect("cabinet:question", code=definition.code, key=key, step=step.code)
    return _create_draft(request, definition, key, form, children)


def _create_draft(request, definition, key: str, form, children) -> HttpResponse:
    application = actions.application_create_draft(
        service=definition.code,
        applicant=request.user,
        language=(get_language() or "kk")[:2],
        submission_key=key,
        **_draft_values(form, children),
    )
    earlier = (_wizard(request, key) or {}).get("again_from")
    if earlier:
        source = selectors.application_for(request.user, earlier)
        if source.applicant_id == request.user.pk and actions.attachments_carry_over(
            source=source, target=application, actor=request.user
        ):
            messages.info(
                request,
                _(
                    "The scans of your earlier application that the office did not reject"
                    " are attached again. Attach the rest."
                )
                if actions.missing_documents(application)
                else _(
                    "The scans of your earlier application are attached again: check your"
                    " answers and file the application."
                ),
            )
    _keep_wizard(request, key, {"service": definition.code, "draft": application.pk, "data": {}})
    return redirect("cabinet:detail", pk=application.pk)


@post_only("cabinet:detail")
@login_required
@permission_required("accounts.file_application", raise_exception=True)
def apply_again(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A refused or withdrawn application filed anew: its answers fill the question
    pages of a new application (the applicant checks each page), and its scans the
    office did not reject are attached to the new draft. The ended one stays as it is."""
    application = selectors.application_for(request.user, pk)
    if application.applicant_id != request.user.pk:
        raise Http404
    definition = get_service(application.service)
    if application.state not in actions.ENDS_TO_APPLY_AGAIN or not definition.workflow_model:
        messages.info(request, _("This application cannot be filed again."))
        return redirect("cabinet:detail", pk=pk)
    # A second press (or a draft begun otherwise) for the same service and office: that
    # draft is opened rather than another one made beside it.
    begun = selectors.cabinet_applications(request.user).filter(
        state="draft", service=application.service, organisation_id=application.organisation_id
    )
    if (draft := begun.order_by("-pk").first()) is not None:
        messages.info(
            request,
            _(
                "You already have a draft of this service with this office: here it is."
                " To start again from the earlier application, delete this draft first."
            ),
        )
        return redirect("cabinet:detail", pk=draft.pk)
    blank, _children = _bound(definition, {}, _contacts(request.user))
    key = uuid.uuid4().hex
    _keep_wizard(
        request,
        key,
        {
            "service": definition.code,
            "data": application_form_data(application, blank),
            "again_from": application.pk,
        },
    )
    messages.info(
        request,
        _("Your earlier answers are filled in: check each page and change what is different now."),
    )
    first = blank.steps()[0]
    return redirect("cabinet:question", code=definition.code, key=key, step=first.code)


def _own_draft(request: AuthenticatedRequest, pk: int) -> Application | HttpResponse:
    application = selectors.application_for(request.user, pk)
    if application.applicant_id != request.user.pk:
        raise Http404
    if application.state != "draft":
        messages.info(request, _("The application is filed: its answers cannot be changed."))
        return redirect("cabinet:detail", pk=pk)
    return application


# How many unread notifications the cabinet shows above the link to all of them.
CABINET_NOTIFICATIONS = 3


@login_required
@permission_required("accounts.file_application", raise_exception=True)
def cabinet(request: AuthenticatedRequest) -> HttpResponse:
    applications = list(selectors.cabinet_applications(request.user))
    rows = []
    tasks = []
    for application in applications:
        definition = get_service(application.service)
        rows.append((application, definition, definition.state(application.state)))
        task = selectors.applicant_task(application)
        # The cabinet's box: what to do in person, and drafts to finish.
        if task is not None and (task.place is not None or application.state == "draft"):
            tasks.append((task, definition))
    open_services = [s for s in all_services() if s.workflow_model]
    unread = request.user.notifications.filter(read_at__isnull=True)
    return render(
        request,
        "applications/cabinet.html",
        {
            "rows": rows,
            "tasks": tasks,
            "services": open_services,
            "notifications": list(
                unread.select_related("application").order_by("-created_at")[:CABINET_NOTIFICATIONS]
            ),
            "unread_count": unread.count(),
        },
    )


@login_required
@permission_required("accounts.file_application", raise_exception=True)
def notifications(request: AuthenticatedRequest) -> HttpResponse:
    """Every notification of the applicant, newest first, a page at a time."""
    page = Paginator(
        request.user.notifications.select_related("application").order_by("-created_at", "-pk"),
        25,
    ).get_page(request.GET.get("page"))
    return render(request, "applications/notifications.html", {"page": page})


@require_POST
@login_required
def notifications_read(request: AuthenticatedRequest) -> HttpResponse:
    request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
    return redirect("cabinet:list")


@login_required
def detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(request.user, pk)
    if application.applicant_id != request.user.pk:
        return redirect("office:detail", pk=pk)
    return _detail_page(request, application)


def _checklist(application: Application, definition) -> list[tuple]:
    """(item, its current scan or None) for each document this application needs."""
    attached = selectors.current_attachments(application)
    edition = actions.applicable_edition(application)
    return [
        (item, attached.get(item.code))
        for item in definition.checklist_for(application.answers, application.channel, edition)
    ]


def _detail_page(
    request: AuthenticatedRequest,
    application: Application,
    upload_errors: list[tuple[str, str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    selectors.log_access(user=request.user, application=application, what="application page")
    definition = get_service(application.service)
    checklist = _checklist(application, definition)
    failed_items = {target.removeprefix("file-") for target, _message in upload_errors or ()}
    return render(
        request,
        "applications/detail.html",
        {
            "application": application,
            "definition": definition,
            "state": definition.state(application.state),
            "checklist": checklist,
            "missing": [item for item, attachment in checklist if attachment is None],
            # Told right after the questions, while the answers can still be changed.
            "corrections": (
                state_registry.registry_corrections(application)
                if application.state == "draft"
                else []
            ),
            "registry_failures": (
                state_registry.registry_failures(application)
                if application.state == "draft"
                else []
            ),
            "errors": upload_errors or [],
            "failed_items": failed_items,
            "task": selectors.applicant_task(application),
            "forecast": [
                (definition_stage_title(definition, code), day)
                for code, day in deadlines.expected_stage_dates(application)
            ],
            "timeline": [
                (event, definition.state(event.to_state).label)
                for event in application.events.order_by("at", "pk")
                if event.to_state and event.from_state != event.to_state
            ],
            **documents_context(application),
            "can_withdraw": "withdraw" in actions.available_actions(application, request.user),
            "can_apply_again": application.state in actions.ENDS_TO_APPLY_AGAIN
            and bool(definition.workflow_model),
            # A filed application's scans, each with what the office made of it.
            "scans": []
            if application.state == "draft"
            else [(item.title, attachment) for item, attachment in checklist if attachment],
            "scan_rejected": any(
                attachment and attachment.review == Attachment.Review.REJECTED
                for _item, attachment in checklist
            ),
        },
        status=status,
    )


def definition_stage_title(definition, code: str):
    return next((s.title for s in definition.stages if s.code == code), code)


@post_only("cabinet:detail")
@login_required
def upload(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(request.user, pk)
    if application.applicant_id != request.user.pk or application.state != "draft":
        raise Http404
    form = UploadForm(request.POST, request.FILES)
    target = f"file-{request.POST.get('item', '')}"
    if not form.is_valid():
        # The file's own error when there is one (an empty file says so), shown at the
        # top and next to the document's file input.
        errors = form.errors.get("file") or [_("Choose a file to attach.")]
        return _detail_page(
            request, application, [(target, " ".join(str(m) for m in errors))], status=400
        )
    try:
        actions.attachment_add(
            application=application,
            item=form.cleaned_data["item"],
            upload=form.cleaned_data["file"],
            actor=request.user,
        )
    except ValidationError as error:
        return _detail_page(request, application, [(target, " ".join(error.messages))], 400)
    except ApplicationActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The file is attached."))
    return redirect("cabinet:detail", pk=pk)


def _answer_value(field) -> str:
    """An answer as the applicant gave it (a choice by its label, a date as a date)."""
    value = field.value()
    f = field.field
    if value in (None, "", []):
        return ""
    if isinstance(f, forms.ModelChoiceField):
        chosen = cast(QuerySet, f.queryset).filter(pk=value).first()
        return "" if chosen is None else str(chosen.name)
    if isinstance(f, forms.ChoiceField):
        labels = {str(code): label for code, label in cast(list, f.choices)}
        return str(labels.get(str(value), ""))
    if isinstance(f, forms.DateField):
        try:
            return date_format(date.fromisoformat(str(value)), "SHORT_DATE_FORMAT")
        except ValueError:
            return str(value)
    if isinstance(f, forms.BooleanField):
        return str(_("Yes") if value else _("No"))
    return str(value)


def _check_sections(request, application: Application, definition) -> list[dict]:
    """The draft's answers page by page, each row with the link that changes it."""
    blank, _children = _bound(definition, {}, _contacts(request.user))
    form, children = _bound(
        definition, application_form_data(application, blank), _contacts(request.user)
    )
    # The yes/no answers a state registry overruled: the row shows the registry's answer
    # (the one the application goes by) and says what the applicant had answered.
    declared = (application.answers or {}).get(state_registry.DECLARED) or {}
    sections = []
    for step in form.steps():
        change = reverse("cabinet:change", args=[application.pk, step.code])
        rows = []
        if step.children:
            for number, child in enumerate(application.children.all(), start=1):
                born = date_format(child.birth_date, "SHORT_DATE_FORMAT")
                rows.append(
                    {
                        "label": _("Child %(n)s") % {"n": number},
                        "value": f"{child.full_name}, {born}",
                        "change": f"{change}#id_{CHILDREN_PREFIX}-{number - 1}-last_name",
                    }
                )
        else:
            for view in step_field_views(form, step.fields, {}):
                if view.follow_up_of and not view.revealed:
                    continue
                code = view.field.name.removeprefix("answer_")
                rows.append(
                    {
                        "label": str(view.field.label),
                        "value": _answer_value(view.field),
                        "change": f"{change}#{view.target}" if view.kind != "readonly" else "",
                        "registry_note": (
                            _(
                                "You answered “%(answer)s”; the state registry's record"
                                " shows otherwise, and the application goes by the record."
                            )
                            % {"answer": _("Yes") if declared[code] else _("No")}
                            if view.field.name.startswith("answer_") and code in declared
                            else ""
                        ),
                    }
                )
        sections.append({"step": step, "rows": rows})
    return sections


@login_required
def check(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Check your answers: every answer with its Change link and every document, before
    the application is filed (POST files it)."""
    application = _own_draft(request, pk)
    if isinstance(application, HttpResponse):
        return application
    if request.method == "POST":
        return submit(request, pk)
    return _check_page(request, application)


def _check_page(
    request: AuthenticatedRequest,
    application: Application,
    errors: list[tuple[str, str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    selectors.log_access(user=request.user, application=application, what="check answers")
    definition = get_service(application.service)
    checklist = _checklist(application, definition)
    return render(
        request,
        "applications/check.html",
        {
            "application": application,
            "definition": definition,
            "sections": _check_sections(request, application, definition),
            "checklist": checklist,
            "missing": [item for item, attachment in checklist if attachment is None],
            "corrections": state_registry.registry_corrections(application),
            "registry_failures": state_registry.registry_failures(application),
            "errors": errors or [],
            "submission_key": uuid.uuid4().hex,
        },
        status=status,
    )


@require_POST
@login_required
def submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(request.user, pk)
    if application.applicant_id != request.user.pk:
        raise Http404
    if application.state != "draft":
        # A second click of the same button: the first one already filed it.
        return redirect("cabinet:detail", pk=pk)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        message = _("Confirm that the data and documents are true and complete.")
        return _check_page(request, application, [("confirm", message)], status=400)
    return _file(request, application)


def _file(request: AuthenticatedRequest, application: Application) -> HttpResponse:
    """The answers are checked and confirmed: on to the signature (issue #14,
    applications/signing_views.py), which files the application once it is signed."""
    if actions.missing_documents(application):
        message = _("Attach the documents listed above before filing the application.")
        return _check_page(request, application, [("confirm", message)], 400)
    return redirect("cabinet:sign", pk=application.pk)


@login_required
def filed(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The confirmation page: the number, what happens next and by when."""
    application = selectors.application_for(request.user, pk)
    if application.applicant_id != request.user.pk:
        raise Http404
    if application.state == "draft":
        return redirect("cabinet:check", pk=pk)
    selectors.log_access(user=request.user, application=application, what="filing confirmation")
    definition = get_service(application.service)
    return render(
        request,
        "applications/filed.html",
        {
            "application": application,
            "definition": definition,
            "state": definition.state(application.state),
            "stage_title": definition_stage_title(definition, application.stage)
            if application.stage
            else "",
            **documents_context(application),
        },
    )


@login_required
def withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """GET: what withdrawing means, and the button that does it; POST (from that page,
    with its confirmation) withdraws. Nothing changes before the confirmation."""
    application = selectors.application_for(request.user, pk)
    if application.applicant_id != request.user.pk:
        raise Http404
    if "withdraw" not in actions.available_actions(application, request.user):
        messages.info(request, _("This application can no longer be withdrawn."))
        return redirect("cabinet:detail", pk=pk)
    if request.method != "POST" or request.POST.get("confirm") != "yes":
        selectors.log_access(user=request.user, application=application, what="withdraw page")
        definition = get_service(application.service)
        return render(
            request,
            "applications/withdraw.html",
            {
                "application": application,
                "definition": definition,
                "state": definition.state(application.state),
                "reason": request.POST.get("reason", "")[:1000],
            },
        )
    try:
        actions.application_transition(
            application=application,
            action="withdraw",
            actor=request.user,
            expected_state=request.POST.get("expected_state"),
            reason=request.POST.get("reason", "")[:1000],
        )
    except ApplicationActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The application is withdrawn."))
    return redirect("cabinet:detail", pk=pk)


@login_required
def delete_draft(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """GET: what deleting the draft removes; POST deletes it (scans included)."""
    application = _own_draft(request, pk)
    if isinstance(application, HttpResponse):
        return application
    definition = get_service(application.service)
    if request.method != "POST":
        selectors.log_access(user=request.user, application=application, what="delete page")
        return render(
            request,
            "applications/delete.html",
            {
                "application": application,
                "definition": definition,
                "scans": application.attachments.filter(is_current=True).count(),
            },
        )
    try:
        actions.application_delete_draft(application=application, actor=request.user)
    except ApplicationActionError as error:
        messages.error(request, error.message)
        return redirect("cabinet:detail", pk=pk)
    _drop_wizard(request, f"draft-{pk}")
    messages.success(request, _("The draft is deleted."))
    return redirect("cabinet:list")


# The policy of an uploaded scan (replaces the pages' policy; style-src for the page a
# browser builds around an image, which holds no script).
SCAN_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"


@login_required
def attachment_file(request: AuthenticatedRequest, pk: int, attachment_pk: int) -> FileResponse:
    """A scan, to its applicant or the office's staff only; every view is logged."""
    application = selectors.application_for(request.user, pk)
    attachment = Attachment.objects.filter(pk=attachment_pk, application=application).first()
    if attachment is None:
        # Another application's scan asked for through one's own: refused and logged.
        selectors.log_denied(user=request.user, pk=pk)
        raise Http404
    selectors.log_access(
        user=request.user, application=application, what=f"scan {attachment.checklist_item}"
    )
    try:
        content = attachment.file.open("rb")
    except FileNotFoundError:
        # The row outlived its file (media restored from an older backup): the person
        # gets the not-found page, the administrators the log line.
        logger.error("scan %s: stored file %s is missing", attachment.pk, attachment.file.name)
        raise Http404 from None
    response = FileResponse(content, content_type=attachment.content_type)
    # A scan is what a stranger sent: whatever it holds must not run as the portal.
    # Photos open in the browser; a PDF is downloaded and opened by the PDF reader,
    # because browsers refuse to show a PDF under a sandbox (the check of uploads
    # refuses active content in PDFs anyway). The sandbox gives the response no
    # origin, no scripts, no forms and nothing to load but the image itself.
    # Named as the applicant named it (the stored file's extension kept: the content
    # was checked to be of that type), encoded for any letters (RFC 6266).
    extension = attachment.file.name.rsplit(".", 1)[-1]
    stem = attachment.original_name.rsplit(".", 1)[0] or attachment.checklist_item
    # (None only for an empty name, which "stem.extension" never is.)
    response["Content-Disposition"] = str(
        content_disposition_header(
            attachment.content_type == "application/pdf", f"{stem}.{extension}"
        )
    )
    response["Content-Security-Policy"] = SCAN_CSP
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def document_file(
    request: AuthenticatedRequest, pk: int, kind: str, language: str
) -> HttpResponseBase:
    """A document of the application in kk or ru. It is issued on its first download if
    its transition happened but it was not rendered yet (demo data, a failed render, the
    other language's copy): issuing is idempotent and the number is the same."""
    application = selectors.application_for(request.user, pk)
    if language not in ("kk", "ru") or not document_is_due(application, kind):
        raise Http404
    document = application_documents(application).filter(kind=kind, language=language).first()
    if document is None:
        issued = issue_or_not_ready(
            request,
            lambda: issue_document(
                application=application, kind=kind, language=language, issued_by=request.user
            ),
            back_url=reverse("cabinet:detail", args=[pk]),
        )
        if isinstance(issued, HttpResponse):
            return issued
        document = issued
    selectors.log_access(
        user=request.user, application=application, what=f"document {kind} {language}"
    )
    return _pdf_response(document)


def _pdf_response(document: IssuedDocument) -> FileResponse:
    response = FileResponse(document.file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{document.number.replace("/", "-")}-{document.language}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
