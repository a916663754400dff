"""Public catalogue: one page per service, read from the same definition the engine uses."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from guardianship_portal.organisations.models import Organisation

from .registry import all_services, get_service


def service_list(request: HttpRequest) -> HttpResponse:
    return render(request, "catalogue/service_list.html", {"services": all_services()})


def service_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        service = get_service(code)
    except KeyError:
        raise Http404 from None
    offices = (
        Organisation.objects.filter(is_active=True, provided_services__service=code)
        .select_related("region")
        .order_by("region__name_kk", "name_kk")
    )
    return render(
        request,
        "catalogue/service_detail.html",
        {
            "service": service,
            "edition": service.edition_on(timezone.localdate()),
            "offices": offices,
        },
    )
