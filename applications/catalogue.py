"""Public catalogue: one page per service, read from the same definition the engine uses."""

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from guardianship_portal.organisations.models import Organisation

from .registry import ChecklistItem, Edition, ServiceDefinition, all_services, get_service


@dataclass(frozen=True)
class EditionView:
    """An edition as the catalogue shows it: its terms, its source and its checklist."""

    edition: Edition
    checklist: tuple[ChecklistItem, ...]
    in_force: bool


def edition_views(service: ServiceDefinition, current: Edition) -> list[EditionView]:
    """Every edition, the newest first: an application keeps the edition in force on the
    day it was filed, so an applicant may need to read an earlier one."""
    return [
        EditionView(edition, service.checklist_of(edition), edition.code == current.code)
        for edition in sorted(service.editions, key=lambda e: e.effective_from, reverse=True)
    ]


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
    edition = service.edition_on(timezone.localdate())
    return render(
        request,
        "catalogue/service_detail.html",
        {
            "service": service,
            "edition": edition,
            # The documents of the edition in force today.
            "checklist": service.checklist_of(edition),
            "editions": edition_views(service, edition),
            "offices": offices,
        },
    )
