"""Complaints, both sides: the applicant files and follows; the head (supervisor)
reviews, answers or forwards; the quality-control body answers what was forwarded to
it. Views validate, call one action, tell what happened; a ComplaintActionError carries
a translated message and is shown, never a 500."""

from __future__ import annotations

import uuid
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required, user_passes_test
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applications import selectors as application_selectors
from applications.registry import get_service
from documents.views import issue_or_not_ready
from guardianship_portal.jobs.api import is_pending

from . import actions, jobs, selectors
from .documents import (
    ANSWER,
    KINDS,
    RECEIPT,
    complaint_documents,
    document_title,
    issue_complaint_document,
)
from .errors import ComplaintActionError, StaleComplaint
from .forms import AnswerForm, ComplaintForm
from .models import Complaint

PAGE_SIZE = 25
LANGUAGES = ("kk", "ru")
STATUS_CHOICES = [
    ("open", gettext_lazy("Open")),
    ("closed", gettext_lazy("Closed")),
    ("all", gettext_lazy("All")),
]
EVENT_LABELS = {
    "filed": gettext_lazy("Filed and registered"),
    "take": gettext_lazy("Taken into review"),
    "answer": gettext_lazy("Answered"),
    "forward": gettext_lazy("Forwarded to the authorised body"),
    "body_answer": gettext_lazy("Answered by the authorised body"),
}


def _is_complaint_staff(user) -> bool:
    if not (
        user.has_perm("accounts.view_dashboard")
        or user.has_perm("accounts.review_forwarded_complaints")
    ):
        raise PermissionDenied
    return True


# Supervisors (the provider's head) and officers of the quality-control body.
complaint_staff_required = user_passes_test(_is_complaint_staff)


def today() -> date:
    return timezone.localdate()


def _documents_by_kind(complaint: Complaint) -> list[dict]:
    """One row per kind issued (the kk and ru copies share a number)."""
    rows: dict[str, dict] = {}
    for document in complaint_documents(complaint):
        # The title in the page's language (the stored one is in the copy's language).
        rows.setdefault(
            document.kind,
            {"kind": document.kind, "document": document, "title": document_title(document.kind)},
        )
    order = [RECEIPT, ANSWER]
    return sorted(rows.values(), key=lambda row: order.index(row["kind"]))


def _timeline(complaint: Complaint) -> list[dict]:
    return [
        {
            "event": event,
            "label": EVENT_LABELS.get(event.action, event.action),
            "state": Complaint.State(event.to_state).label
            if event.to_state in Complaint.State.values
            else event.to_state,
        }
        for event in selectors.timeline(complaint)
    ]


# ----------------------------------------------------------------------------- applicant


@login_required
@permission_required("accounts.file_application", raise_exception=True)
def new(request: HttpRequest, application_pk: int) -> HttpResponse:
    application = application_selectors.application_for(request.user, application_pk)
    if not actions.may_file_about(request.user, application):
        raise Http404
    form = ComplaintForm(
        request.POST if request.method == "POST" else None,
        initial={"submission_key": uuid.uuid4().hex},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            complaint = actions.complaint_file(
                application=application,
                applicant=request.user,
                addressed_to=data["addressed_to"],
                subject=data["subject"],
                text=data["text"],
                language=(get_language() or "kk")[:2],
                submission_key=data.get("submission_key") or "",
            )
        except ComplaintActionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The complaint is registered. Your receipt is below."))
            return redirect("complaints:detail", pk=complaint.pk)
    return render(
        request,
        "complaints/form.html",
        {
            "form": form,
            "application": application,
            "service_title": get_service(application.service).title,
        },
    )


@login_required
@permission_required("accounts.file_application", raise_exception=True)
def mine(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "complaints/list.html",
        {"complaints": list(selectors.my_complaints(request.user)), "today": today()},
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = selectors.complaint_for(request.user, pk)
    if complaint.applicant_id != request.user.pk:
        return redirect("complaints:office_detail", pk=pk)
    return render(
        request,
        "complaints/detail.html",
        {
            "complaint": complaint,
            "service_title": get_service(complaint.application.service).title,
            "documents": _documents_by_kind(complaint),
            "documents_pending": is_pending(jobs.issue_documents, complaint_pk=complaint.pk),
            "timeline": _timeline(complaint),
            "today": today(),
        },
    )


@login_required
def document_file(
    request: HttpRequest, pk: int, kind: str, language: str
) -> HttpResponse | FileResponse:
    """The receipt or the answer in kk or ru, to the applicant or the reviewing staff
    only; the other language's copy (or one a failed side effect missed) is issued on
    first request."""
    complaint = selectors.complaint_for(request.user, pk)
    if kind not in KINDS or language not in LANGUAGES:
        raise Http404
    if kind == ANSWER and complaint.state != Complaint.State.ANSWERED:
        raise Http404
    document = complaint_documents(complaint).filter(kind=kind, language=language).first()
    if document is None:
        issued = issue_or_not_ready(
            request,
            lambda: issue_complaint_document(
                complaint=complaint, kind=kind, language=language, issued_by=request.user
            ),
            back_url=reverse("complaints:detail", args=[pk]),
        )
        if isinstance(issued, HttpResponse):
            return issued
        document = issued
    response = FileResponse(document.file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{document.number.replace("/", "-")}-{document.language}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


# ----------------------------------------------------------------------------- office


@login_required
@complaint_staff_required
def office_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "open")
    if status not in dict(STATUS_CHOICES):
        status = "open"
    complaints = selectors.office_complaints(request.user, status=status)
    page = Paginator(complaints, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "complaints/office_list.html",
        {
            "page": page,
            "complaints": list(page.object_list),
            "status": status,
            "status_choices": STATUS_CHOICES,
            "today": today(),
        },
    )


@login_required
@complaint_staff_required
def office_detail(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = selectors.complaint_for_office(request.user, pk)
    return render(
        request,
        "complaints/office_detail.html",
        {
            "complaint": complaint,
            "service_title": get_service(complaint.application.service).title,
            "documents": _documents_by_kind(complaint),
            "documents_pending": is_pending(jobs.issue_documents, complaint_pk=complaint.pk),
            "timeline": _timeline(complaint),
            "answer_form": AnswerForm(initial={"expected_state": complaint.state}),
            "may_take": complaint.state == Complaint.State.REGISTERED
            and complaint.addressed_to == Complaint.AddressedTo.PROVIDER_HEAD
            and actions.may_handle(request.user, complaint, "take"),
            "may_answer": (
                complaint.state == Complaint.State.UNDER_REVIEW
                and actions.may_handle(request.user, complaint, "answer")
            )
            or (
                complaint.state == Complaint.State.FORWARDED
                and actions.may_handle(request.user, complaint, "body_answer")
            ),
            "may_forward": complaint.state == Complaint.State.REGISTERED
            and complaint.addressed_to == Complaint.AddressedTo.QUALITY_BODY
            and actions.may_handle(request.user, complaint, "forward"),
            "today": today(),
        },
    )


def _back(pk: int) -> HttpResponse:
    return redirect("complaints:office_detail", pk=pk)


@require_POST
@login_required
@complaint_staff_required
def take(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = selectors.complaint_for_office(request.user, pk)
    try:
        actions.complaint_take(
            complaint=complaint,
            actor=request.user,
            expected_state=request.POST.get("expected_state", "")[:20],
        )
    except ComplaintActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The complaint is taken into review."))
    return _back(pk)


@require_POST
@login_required
@complaint_staff_required
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = selectors.complaint_for_office(request.user, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        if form.data.get("expected_state") != complaint.state:
            messages.error(request, StaleComplaint().message)
        for errors in form.errors.values():
            for error in errors:
                # An ErrorList yields its messages as text (the stub says errors or text).
                messages.error(request, str(error))
        return _back(pk)
    expected_state = form.cleaned_data["expected_state"]
    # The state the page showed says whose answer it is: the head's or the body's.
    action = "body_answer" if expected_state == Complaint.State.FORWARDED else "answer"
    try:
        actions.complaint_answer(
            complaint=complaint,
            actor=request.user,
            justified=form.cleaned_data["justified"],
            answer=form.cleaned_data["answer"],
            expected_state=expected_state,
            action=action,
        )
    except ComplaintActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The answer is saved and sent to the applicant."))
    return _back(pk)


@require_POST
@login_required
@complaint_staff_required
def forward(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = selectors.complaint_for_office(request.user, pk)
    try:
        actions.complaint_forward(
            complaint=complaint,
            actor=request.user,
            expected_state=request.POST.get("expected_state", "")[:20],
        )
    except ComplaintActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The complaint is forwarded to the authorised body."))
    return _back(pk)
