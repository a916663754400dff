"""The office accountant's pages (a clerk of the office; its head approves): the
entitlements, each with its history and changes; the months' registers with prepare,
approve and the exports. Views validate, call one action, say what happened; a
PaymentActionError carries a translated message and is shown, never a 500. Every page
is scoped to the user's office; every view of a person's data and every export is
audited."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from applications.registry import get_service
from guardianship_portal.core.http import AuthenticatedRequest

from . import actions, exports, selectors
from .documents import (
    LANGUAGES,
    entitlement_documents,
    ground_title,
    issue_entitlement_document,
    issue_payment_list,
)
from .errors import PaymentActionError, RegisterNotApproved
from .forms import ApproveForm, ResumeForm, SuspendForm, TerminateForm
from .models import TERMINATION_NOTICE, Entitlement, PaymentRegister, heads_the_office

PAGE_SIZE = 50
EVENT_LABELS = {
    "opened": gettext_lazy("Entitlement opened by the decision"),
    "suspend": gettext_lazy("Payment suspended"),
    "resume": gettext_lazy("Payment resumed"),
    "terminate": gettext_lazy("Terminated early"),
    "expire": gettext_lazy("Ended: the term was reached"),
}
STATE_FILTERS = [("", gettext_lazy("All")), *Entitlement.State.choices]


def _office(request: AuthenticatedRequest):
    office = selectors.office_of(request.user)
    if office is None:
        raise Http404
    return office


def _month(value: str) -> date:
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except (TypeError, ValueError):
        raise Http404 from None


@login_required
@permission_required("accounts.work_queue", raise_exception=True)
def entitlement_list(request: AuthenticatedRequest) -> HttpResponse:
    office = _office(request)
    state = request.GET.get("state", "")
    if state not in Entitlement.State.values:
        state = ""
    page = Paginator(selectors.office_entitlements(office, state=state), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [
        {
            "entitlement": e,
            "service_title": get_service(e.service).title,
            "children": len(e.children.all()),
        }
        for e in page
    ]
    return render(
        request,
        "payments/entitlements.html",
        {"office": office, "page": page, "rows": rows, "state": state, "filters": STATE_FILTERS},
    )


def _entitlement_context(request, entitlement: Entitlement, forms: dict | None = None) -> dict:
    forms = forms or {}
    may_change = entitlement.state != Entitlement.State.ENDED
    documents = [
        {"document": d, "kind": d.kind}
        for d in entitlement_documents(entitlement).filter(language=entitlement.language)
    ]
    return {
        "entitlement": entitlement,
        "service_title": get_service(entitlement.service).title,
        "children": list(entitlement.children.all()),
        "rate_now": selectors.rate_now(entitlement),
        "pauses": list(entitlement.pauses.all()),
        "ground_title": ground_title(entitlement) if entitlement.end_ground else "",
        "timeline": [
            {"event": e, "label": EVENT_LABELS.get(e.action, _("Change recorded"))}
            for e in selectors.timeline(entitlement)
        ],
        "documents": documents,
        "has_notice": bool(entitlement.end_ground)
        and entitlement.state == Entitlement.State.ENDED
        and entitlement.events.filter(action="terminate").exists(),
        "languages": LANGUAGES,
        "suspend_form": forms.get("suspend")
        or (SuspendForm() if entitlement.state == Entitlement.State.ACTIVE else None),
        "resume_form": forms.get("resume")
        or (ResumeForm() if entitlement.state == Entitlement.State.SUSPENDED else None),
        "terminate_form": forms.get("terminate")
        or (TerminateForm(service=entitlement.service) if may_change else None),
    }


@login_required
@permission_required("accounts.work_queue", raise_exception=True)
def entitlement_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    entitlement = selectors.entitlement_for(request.user, pk)
    return render(request, "payments/entitlement.html", _entitlement_context(request, entitlement))


# What each change of an entitlement posts: its form, its action, what the clerk is told.
CHANGES: dict[str, tuple[Any, Callable[..., Entitlement], Any]] = {
    "suspend": (
        SuspendForm,
        actions.entitlement_suspend,
        gettext_lazy("The payment is suspended."),
    ),
    "resume": (ResumeForm, actions.entitlement_resume, gettext_lazy("The payment is resumed.")),
    "terminate": (
        TerminateForm,
        actions.entitlement_terminate,
        gettext_lazy("The entitlement is terminated; the notice of termination is being issued."),
    ),
}


@login_required
@permission_required("accounts.work_queue", raise_exception=True)
@require_POST
def entitlement_act(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    entitlement = selectors.entitlement_for(request.user, pk)
    if action not in CHANGES:
        raise Http404
    form_class, change, done = CHANGES[action]
    extra = {"service": entitlement.service} if form_class is TerminateForm else {}
    form = form_class(request.POST, **extra)
    if form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "confirmed"}
        try:
            change(
                entitlement=entitlement,
                actor=request.user,
                expected_state=request.POST.get("expected_state") or None,
                **data,
            )
        except PaymentActionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, done)
            return redirect("payments:entitlement", pk=entitlement.pk)
    context = _entitlement_context(request, entitlement, {action: form})
    return render(request, "payments/entitlement.html", context, status=400)


@login_required
@permission_required("accounts.work_queue", raise_exception=True)
def entitlement_document(
    request: AuthenticatedRequest, pk: int, kind: str, language: str
) -> HttpResponse:
    entitlement = selectors.entitlement_for(request.user, pk)
    if kind != TERMINATION_NOTICE or language not in LANGUAGES:
        raise Http404
    if not entitlement.events.filter(action="terminate").exists():
        raise Http404
    document = issue_entitlement_document(
        entitlement=entitlement, kind=kind, language=language, issued_by=request.user
    )
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"{document.number.replace('/', '-')}-{language}.pdf",
        content_type="application/pdf",
    )


# ------------------------------------------------------------------------ registers


@login_required
@permission_required("accounts.work_queue", raise_exception=True)
def register_list(request: AuthenticatedRequest) -> HttpResponse:
    office = _office(request)
    return render(
        request,
        "payments/registers.html",
        {
            "office": office,
            "months": (months := selectors.office_months(office)),
            "earlier": selectors.registers_before(office, min(row.month for row in months)),
            "today": timezone.localdate(),
        },
    )


def _register_page(request, office, month: date, *, status: int = 200, approve_form=None):
    register = selectors.register_of(office, month)
    page = None
    summary = []
    if register is not None:
        actions.register_record_view(register=register, actor=request.user)
        page = Paginator(selectors.register_lines(register), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        summary = selectors.register_summary(register)
    today = timezone.localdate()
    due_on = selectors.payment_due_on(month)
    return render(
        request,
        "payments/register.html",
        {
            "office": office,
            "month": month,
            "month_slug": month.strftime("%Y-%m"),
            "register": register,
            "page": page,
            "summary": summary,
            "due_on": due_on,
            "overdue": due_on < today and (register is None or not register.is_frozen),
            "recoveries": (overpaid := exports.recoveries(register) if register else []),
            "to_transfer": exports.to_transfer(register, overpaid) if register else None,
            "order_problem": ""
            if register is not None and register.is_frozen
            else selectors.register_order_problem(office.pk, month),
            "approve_form": approve_form
            or (ApproveForm(initial={"version": register.version}) if register else None),
            # Only a head of the office who did not prepare it is offered the approval.
            "may_approve": register is not None
            and heads_the_office(register, request.user)
            and register.prepared_by_id != request.user.pk,
            "languages": LANGUAGES,
        },
        status=status,
    )


@login_required
@permission_required("accounts.work_queue", raise_exception=True)
def register_detail(request: AuthenticatedRequest, month: str) -> HttpResponse:
    return _register_page(request, _office(request), _month(month))


@login_required
@permission_required("accounts.work_queue", raise_exception=True)
@require_POST
def register_prepare(request: AuthenticatedRequest, month: str) -> HttpResponse:
    office = _office(request)
    day = _month(month)
    try:
        actions.register_prepare(organisation=office, month=day, actor=request.user)
    except PaymentActionError as error:
        messages.error(request, error.message)
        return _register_page(request, office, day, status=400)
    messages.success(request, _("The register is prepared. A head of the office approves it."))
    return redirect("payments:register", month=month)


@login_required
@permission_required("accounts.work_queue", raise_exception=True)
@require_POST
def register_approve(request: AuthenticatedRequest, month: str) -> HttpResponse:
    office = _office(request)
    day = _month(month)
    register = selectors.register_of(office, day)
    if register is None:
        raise Http404
    if register.is_frozen:
        # A second click, or another head was first: nothing to do, and nothing went wrong.
        messages.info(request, _("The register is approved already."))
        return redirect("payments:register", month=month)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        if "version" in form.errors:
            messages.error(
                request,
                _(
                    "The register was prepared again after you opened it. Check its lines and approve again."
                ),
            )
        return _register_page(request, office, day, status=400, approve_form=form)
    try:
        actions.register_approve(
            register=register,
            actor=request.user,
            version=form.cleaned_data["version"],
            expected_state=PaymentRegister.State.PREPARED,
        )
    except PaymentActionError as error:
        messages.error(request, error.message)
        return _register_page(request, office, day, status=400)
    messages.success(request, _("The register is approved and frozen."))
    return redirect("payments:register", month=month)


@login_required
@permission_required("accounts.work_queue", raise_exception=True)
def register_export(
    request: AuthenticatedRequest, month: str, what: str, language: str
) -> HttpResponse:
    office = _office(request)
    register = selectors.register_of(office, _month(month))
    if register is None or language not in LANGUAGES or what not in ("xlsx", "pdf", "csv"):
        raise Http404
    if not register.is_frozen:
        messages.error(request, RegisterNotApproved.default_message)
        return redirect("payments:register", month=month)
    actions.register_record_export(register=register, actor=request.user, what=f"{what}-{language}")
    name = f"{office.code}-{register.month:%Y-%m}"
    if what == "pdf":
        document = issue_payment_list(register=register, language=language, issued_by=request.user)
        return FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=f"{name}-{language}.pdf",
            content_type="application/pdf",
        )
    if what == "xlsx":
        response = HttpResponse(
            exports.register_xlsx(register, language),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}-{language}.xlsx"'
        return response
    response = HttpResponse(exports.bank_csv(register, language=language), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{name}-bank.csv"'
    return response
