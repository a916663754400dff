"""The installed state services as the ground apps see them: a code and a name.

There is no closed list of services: a service app registers its definition with the
engine's registry (``applications.registry.register``), which records it here too.
Ground apps (organisations store the code of each service they provide) sit below the
engine, so they read the names here instead of importing the registry; and since this
is one store, the engine's ``all_services()`` is this list, in the same order.

A service counts while its app is installed: a test that installs an extra service app
for a while (``modify_settings``) sees it leave with its app.
"""

from __future__ import annotations

from typing import Protocol

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class NamedService(Protocol):
    @property
    def code(self) -> str: ...

    @property
    def title(self) -> Promise: ...


# code → (label of the app that registered it, its definition), in registration order:
# AppConfig.ready() runs in INSTALLED_APPS order, which is the order of the catalogue.
_SERVICES: dict[str, tuple[str, NamedService]] = {}


def record_service(service: NamedService, *, app_label: str) -> None:
    """Called by the engine's registry only."""
    known = _SERVICES.get(service.code)
    if known is not None and known[0] != app_label:
        raise ValueError(f"service code {service.code!r} is registered by app {known[0]!r} already")
    _SERVICES[service.code] = (app_label, service)


def installed_services() -> list[NamedService]:
    # app_configs: label → AppConfig of what is installed now (a dict lookup per service).
    return [service for label, service in _SERVICES.values() if label in apps.app_configs]


def find_service(code: str) -> NamedService | None:
    label, service = _SERVICES.get(code, ("", None))
    return service if label in apps.app_configs else None


def service_title(code: str) -> Promise | str:
    """The service's name in the active language (the code of one no longer installed,
    rather than failing a page)."""
    service = find_service(code)
    return service.title if service is not None else code


def service_choices() -> list[tuple[str, Promise]]:
    """(code, name) of every installed service, for a form field built at runtime."""
    return [(service.code, service.title) for service in installed_services()]


def validate_service_code(value: str) -> None:
    """A model field's validator: the code names an installed service."""
    if find_service(value) is None:
        raise ValidationError(
            _("No such service: %(code)s."), code="unknown_service", params={"code": value}
        )
