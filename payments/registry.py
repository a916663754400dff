"""What a service declares for the entitlements its decisions open (issue #15).

The payments engine knows no service: a service that pays monthly registers an
``EntitlementSource`` in its AppConfig.ready() (services → engine), saying which
transition opens the entitlement, when it starts and ends, what a child is paid in a
month (from its own data: the regional norm, the MRP of the year) and on which grounds
it may end early. Everything here is read at run time by payments.actions and
payments.calculation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class Rate:
    """The monthly amount per child in force on a day, with the act that sets it, as
    it is cited in each language."""

    amount: Decimal
    reference_kk: str
    reference_ru: str


@dataclass(frozen=True)
class EndGround:
    """A ground of early termination: stored as its code, printed as its title."""

    code: str
    title: Promise
    # The clause of the contract (or rule) it rests on, printed in the notice.
    clause: Promise | None = None


@dataclass(frozen=True)
class EntitlementSource:
    service: str
    # The transition of the service's workflow whose decision opens the entitlement.
    opened_by: str
    # f(application, decided_on) → the first day paid.
    starts_on: Callable[[Any, date], date]
    # f(region, day) → the rate per child in force on that day (None: not entered yet).
    rate: Callable[[Any, date], Rate | None]
    end_grounds: tuple[EndGround, ...]
    # The planned end is the earlier of each child's coming of age and this, if given:
    # f(application, starts_on) → a date or None.
    term_ends_on: Callable[[Any, date], date | None] | None = None
    # What the notice of termination is called (a contract, an allowance).
    notice_title: Promise | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def end_ground(self, code: str) -> EndGround | None:
        return next((g for g in self.end_grounds if g.code == code), None)


_SOURCES: dict[str, EntitlementSource] = {}


def register(source: EntitlementSource) -> None:
    if source.service in _SOURCES and _SOURCES[source.service] is not source:
        raise ValueError(f"entitlement source {source.service!r} is registered twice")
    _SOURCES[source.service] = source


def get_source(service: str) -> EntitlementSource:
    return _SOURCES[service]


def has_source(service: str) -> bool:
    return service in _SOURCES


def all_sources() -> list[EntitlementSource]:
    return list(_SOURCES.values())
