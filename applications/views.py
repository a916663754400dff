"""Applicant side: start an application, attach scans, submit, follow it, download."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applications import actions, deadlines, selectors
from applications.errors import ApplicationActionError
from applications.forms import ChildFormSet, SubmitForm, UploadForm
from applications.models import Attachment
from applications.registry import all_services, get_service
from applications.result_documents import (
    application_documents,
    document_is_due,
    documents_context,
    issue_document,
)
from documents.models import IssuedDocument
from documents.views import issue_or_not_ready
from guardianship_portal.core.http import AuthenticatedRequest


def _definition_or_404(code: str):
    try:
        return get_service(code)
    except KeyError:
        raise Http404 from None


@permission_required("accounts.file_application", raise_exception=True)
def apply(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """Step 1: the questions that decide the checklist. Creates a draft."""
    definition = _definition_or_404(code)
    form_class = import_string(definition.form_class)
    user = request.user
    initial = {
        "applicant_iin": user.iin,
        "applicant_name": user.full_name,
        "applicant_phone": user.phone,
        "applicant_email": user.email,
    }
    form = form_class(request.POST or None, definition=definition, initial=initial)
    children = ChildFormSet(
        request.POST or None, prefix="children", form_kwargs=form_class.child_form_kwargs()
    )
    if request.method == "POST" and form.is_valid() and children.is_valid():
        child_rows = [c.cleaned_data for c in children.forms if c.cleaned_data]
        application = actions.application_create_draft(
            service=definition.code,
            organisation=form.cleaned_data["organisation"],
            applicant=user,
            applicant_data=form.applicant_data(),
            children=child_rows,
            answers=form.derive_answers(form.answers(), child_rows),
            language=(get_language() or "kk")[:2],
            submission_key=request.POST.get("submission_key", ""),
        )
        return redirect("cabinet:detail", pk=application.pk)
    return render(
        request,
        "applications/apply.html",
        {
            "definition": definition,
            "form": form,
            "children": children,
            "submission_key": request.POST.get("submission_key") or uuid.uuid4().hex,
        },
    )


@permission_required("accounts.file_application", raise_exception=True)
def cabinet(request: AuthenticatedRequest) -> HttpResponse:
    applications = list(selectors.cabinet_applications(request.user))
    rows = []
    for application in applications:
        definition = get_service(application.service)
        rows.append((application, definition, definition.state(application.state)))
    open_services = [s for s in all_services() if s.workflow_model]
    unread = list(
        request.user.notifications.filter(read_at__isnull=True).select_related("application")[:20]
    )
    return render(
        request,
        "applications/cabinet.html",
        {"rows": rows, "services": open_services, "notifications": unread},
    )


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
    selectors.log_access(user=request.user, application=application, what="application page")
    definition = get_service(application.service)
    attached = selectors.current_attachments(application)
    checklist = [
        (item, attached.get(item.code))
        for item in definition.checklist_for(
            application.answers, application.channel, actions.applicable_edition(application)
        )
    ]
    return render(
        request,
        "applications/detail.html",
        {
            "application": application,
            "definition": definition,
            "state": definition.state(application.state),
            "checklist": checklist,
            "missing": [item for item, attachment in checklist if attachment is None],
            "upload_form": UploadForm(),
            "submit_form": SubmitForm(initial={"submission_key": uuid.uuid4().hex}),
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
        },
    )


def definition_stage_title(definition, code: str):
    return next((s.title for s in definition.stages if s.code == code), code)


@require_POST
@login_required
def upload(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(request.user, pk)
    if application.applicant_id != request.user.pk or application.state != "draft":
        raise Http404
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        # The file's own error when there is one (an empty file says so).
        errors = form.errors.get("file") or [_("Choose a file to attach.")]
        messages.error(request, " ".join(str(message) for message in errors))
        return redirect("cabinet:detail", pk=pk)
    try:
        actions.attachment_add(
            application=application,
            item=form.cleaned_data["item"],
            upload=form.cleaned_data["file"],
            actor=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except ApplicationActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The file is attached."))
    return redirect("cabinet:detail", pk=pk)


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
        messages.error(request, _("Confirm that the data and documents are true and complete."))
        return redirect("cabinet:detail", pk=pk)
    try:
        actions.application_submit(application=application, actor=request.user)
    except ApplicationActionError as error:
        messages.error(request, error.message)
        return redirect("cabinet:detail", pk=pk)
    messages.success(request, _("The application is filed. Your receipt is below."))
    return redirect("cabinet:detail", pk=pk)


@require_POST
@login_required
def withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(request.user, pk)
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
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type)
    # A scan is what a stranger sent: whatever it holds must not run as the portal.
    # Photos open in the browser; a PDF is downloaded and opened by the PDF reader,
    # because browsers refuse to show a PDF under a sandbox (the check of uploads
    # refuses active content in PDFs anyway). The sandbox gives the response no
    # origin, no scripts, no forms and nothing to load but the image itself.
    disposition = "attachment" if attachment.content_type == "application/pdf" else "inline"
    response["Content-Disposition"] = (
        f'{disposition}; filename="{attachment.checklist_item}.{attachment.file.name.rsplit(".", 1)[-1]}"'
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
