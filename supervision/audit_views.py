"""GET /<language>/supervision/audit/: the audit search for supervisors (their scope) and
administrators (everything), and its XLSX export (``?format=xlsx``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from guardianship_portal.core.http import AuthenticatedRequest

from . import audit
from .reports import XLSX_TYPE
from .scope import Scope

PAGE_SIZE = 50


@login_required
def audit_search(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if not (user.is_superuser or user.has_perm("accounts.view_dashboard")):
        raise PermissionDenied
    scope = Scope.for_user(user)
    form = audit.AuditFilterForm(request.GET or None)
    rows = audit.audit_rows(scope, form.filters())
    if request.GET.get("format") == "xlsx":
        lines = audit.audit_lines(rows[: audit.EXPORT_LIMIT])
        response = HttpResponse(audit.export_xlsx(lines), content_type=XLSX_TYPE)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.xlsx"'
        response["Cache-Control"] = "private, no-store"
        return response
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "supervision/audit.html",
        {
            "form": form,
            "scope": scope,
            "page": page,
            "lines": audit.audit_lines(page.object_list),
        },
    )
