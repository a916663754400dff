"""Whose applications a supervisor sees: the one rule, used by the dashboard, its
drill-down lists and the overdue reminders alike.

* A superuser sees every organisation.
* A supervisor (permission ``accounts.view_dashboard``) of a city or district education
  department sees their own department AND the schools of the same district: the
  organisations with ``kind == "school"``, the same ``region`` and the same
  ``district_kk`` (the district is matched on its Kazakh name, the one filled in for
  every organisation). Schools provide camp vouchers, meals and material aid under the
  department's supervision; the department answers for them.
* A supervisor of a regional education department (``kind ==
  "regional_department"``) sees every organisation of the region: its departments and
  schools. They watch and report; they do not answer complaints addressed to a
  provider's head (``organisations_headed``) and are not sent each overdue stage of
  every office (``supervising_condition``): the office's own supervisors are.
* A supervisor of a school (or of any other kind of organisation) sees that
  organisation only.
* Anyone else, and a supervisor without an organisation, sees nothing.

The rule follows from Organisation.kind, region and district: which organisation a
supervisor belongs to decides how far they see.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from guardianship_portal.organisations.models import Organisation
from guardianship_portal.organisations.scope import (  # the one rule, shared
    DEPARTMENT_KINDS,
    organisations_in_scope,
    scope_condition,
)

__all__ = ["DEPARTMENT_KINDS", "organisations_in_scope", "scope_condition", "supervising_condition"]


def supervising_condition(organisation: Organisation) -> Q:
    """Whose supervisors are told when a stage of ``organisation`` is overdue, as a
    filter on users' organisations: the reverse of ``headed_condition`` (itself, and
    for a school its district's department). The regional department sees it on the
    dashboard instead of in a reminder per stage."""
    condition = Q(organisation_id=organisation.pk)
    if organisation.kind == Organisation.Kind.SCHOOL:
        condition |= Q(
            organisation__kind__in=DEPARTMENT_KINDS,
            organisation__region_id=organisation.region_id,
            organisation__district_kk=organisation.district_kk,
        )
    return condition


@dataclass(frozen=True)
class Scope:
    """The organisations a user sees, read once per request (one query)."""

    organisations: tuple[Organisation, ...]
    everything: bool = False

    @classmethod
    def for_user(cls, user) -> Scope:
        organisations = tuple(
            organisations_in_scope(user).select_related("region").order_by("name_kk", "pk")
        )
        return cls(
            organisations=organisations,
            everything=bool(user.is_authenticated and user.is_superuser),
        )

    @property
    def ids(self) -> list[int]:
        return [organisation.pk for organisation in self.organisations]

    def application_condition(self, organisation_id: int | None = None) -> Q:
        """A filter on Application: the scope, narrowed to one organisation of it if
        asked (an organisation outside the scope gives nothing)."""
        if organisation_id is not None:
            if organisation_id not in self.ids:
                return Q(pk__in=[])
            return Q(organisation_id=organisation_id)
        if self.everything:
            return Q()
        return Q(organisation_id__in=self.ids)

    def staff_condition(self, organisation_id: int | None = None) -> Q:
        """The same as ``application_condition``, as a filter on users (staff of the
        organisations in view)."""
        if organisation_id is not None:
            if organisation_id not in self.ids:
                return Q(pk__in=[])
            return Q(organisation_id=organisation_id)
        if self.everything:
            return Q(organisation__isnull=False)
        return Q(organisation_id__in=self.ids)
