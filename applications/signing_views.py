"""The applicant's signing step, between "check your answers" and filing (issue #14).

``sign`` shows both ways (a code by SMS; an EDS through NCALayer); ``send_code``,
``sign_with_code`` and ``sign_with_eds`` sign, and only a signature that still matches the
application (``signing.signature_holds``) lets ``file_signed`` file it. A refusal comes
back to the page with its message in the applicant's language; a wrong code is counted
(the refusal is caught, so the request's transaction keeps the count)."""

from __future__ import annotations

import base64

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from guardianship_portal.core.http import AuthenticatedRequest, post_only
from guardianship_portal.core.request_context import current_address
from guardianship_portal.gateways.signature import fake_sign, signature_verifier

from . import actions, selectors, signing
from .errors import ApplicationActionError
from .models import Application, ApplicationSignature, SigningCode


def _own_draft(request: AuthenticatedRequest, pk: int) -> Application:
    application = selectors.application_for(request.user, pk)
    if application.applicant_id != request.user.pk:
        raise Http404
    return application


def _page(
    request: AuthenticatedRequest,
    application: Application,
    error: str = "",
    status: int = 200,
    *,
    error_field: str = "",
) -> HttpResponse:
    """The signing step; ``error_field``: the input the error is about (the SMS code),
    marked invalid and tied to the message."""
    selectors.log_access(user=request.user, application=application, what="signing step")
    content = signing.canonical_content(application)
    code = (
        SigningCode.objects.filter(application=application, used_at__isnull=True)
        .order_by("-sent_at")
        .first()
    )
    verifier = signature_verifier()
    context = {
        "application": application,
        "error": error,
        "error_field": error_field,
        "phone": signing.masked_phone(request.user.phone or application.applicant_phone),
        "code_sent": code is not None and code.expires_at > timezone.now(),
        "content_base64": base64.b64encode(content).decode(),
        "verifier_is_fake": verifier.is_fake,
    }
    if verifier.is_fake and settings.DEMO_SIGNING:
        # Demo only (make run, local settings): a test signature the fake verifier
        # accepts, so the EDS way can be tried without NCALayer. Never offered with the
        # real verifier.
        context["demo_cms"] = fake_sign(content, iin=request.user.iin)
    return render(request, "applications/sign.html", context, status=status)


def _ready_to_sign(application: Application) -> Application:
    """A draft signed earlier and changed since: that signature covers something else."""
    signature = ApplicationSignature.objects.filter(application=application).first()
    if signature is not None and not signing.signature_holds(application):
        signature.delete()
        application = Application.objects.get(pk=application.pk)
    return application


@login_required
def sign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _own_draft(request, pk)
    if application.state != "draft":
        return redirect("cabinet:detail", pk=pk)
    application = _ready_to_sign(application)
    if signing.signature_holds(application):
        return file_signed(request, application)
    if actions.missing_documents(application):
        return redirect("cabinet:check", pk=pk)
    return _page(request, application)


@post_only("cabinet:sign")
@login_required
def send_code(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = _ready_to_sign(_own_draft(request, pk))
    if application.state != "draft":
        return redirect("cabinet:detail", pk=pk)
    try:
        signing.signing_code_send(
            application=application, actor=request.user, address=current_address()
        )
    except signing.SigningRefused as refused:
        return _page(request, application, str(refused.message), status=400)
    return redirect("cabinet:sign", pk=pk)


def _sign(
    request: AuthenticatedRequest, pk: int, signer, *, error_field: str = "", **fields: str
) -> HttpResponse:
    """Sign with ``signer`` (a function of signing.py), then file; a refusal comes back
    to the page with its message."""
    application = _ready_to_sign(_own_draft(request, pk))
    if application.state != "draft":
        return redirect("cabinet:detail", pk=pk)
    try:
        signer(application=application, actor=request.user, address=current_address(), **fields)
    except signing.SigningRefused as refused:
        return _page(
            request, application, str(refused.message), status=400, error_field=error_field
        )
    return file_signed(request, Application.objects.get(pk=pk))


@post_only("cabinet:sign")
@login_required
def sign_with_code(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _sign(
        request,
        pk,
        signing.signing_code_verify,
        error_field="code",
        code=request.POST.get("code", ""),
    )


@post_only("cabinet:sign")
@login_required
def sign_with_eds(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _sign(request, pk, signing.eds_sign, cms=request.POST.get("cms", ""))


def file_signed(request: AuthenticatedRequest, application: Application) -> HttpResponse:
    """File a signed application; a refusal (a document missing since) goes back to the
    check page, the signature kept (it still covers the same content)."""
    if not signing.signature_holds(application):
        return redirect("cabinet:sign", pk=application.pk)
    try:
        actions.application_submit(application=application, actor=request.user)
    except ApplicationActionError:
        return redirect("cabinet:check", pk=application.pk)
    return redirect("cabinet:filed", pk=application.pk)
