"""Which organisations a supervisor oversees (the rule is explained in
supervision/scope.py, which re-exports these). Kept here, beside Organisation, so that
applications can use it for read access without depending on supervision."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from guardianship_portal.organisations.models import Organisation

DEPARTMENT_KINDS = (Organisation.Kind.CITY_DEPARTMENT, Organisation.Kind.DISTRICT_DEPARTMENT)
# A State Corporation service centre accepts filings for the providers of its region
# and hands out their results, but provides no service and has no queue: nobody
# supervises it from here, so it never shows on a dashboard, in a report or a filter.
NOT_SUPERVISED = Q(kind=Organisation.Kind.STATE_CORPORATION)


def scope_condition(organisation: Organisation) -> Q:
    """The organisations supervised from ``organisation`` (as a filter on Organisation)."""
    if organisation.kind == Organisation.Kind.REGIONAL_DEPARTMENT:
        # Every education organisation of the region; the quality-control body is
        # another state agency, not supervised by education.
        return (
            Q(region_id=organisation.region_id)
            & ~Q(kind=Organisation.Kind.QUALITY_CONTROL_BODY)
            & ~NOT_SUPERVISED
        )
    return headed_condition(organisation)


def headed_condition(organisation: Organisation) -> Q:
    """The organisations whose head ``organisation``'s supervisors act as, for
    complaints addressed to the provider's head: itself, and for a city or district
    department its district's schools. A regional department oversees its region but
    answers no provider's complaints for it."""
    condition = Q(pk=organisation.pk)
    if organisation.kind in DEPARTMENT_KINDS:
        condition |= Q(
            kind=Organisation.Kind.SCHOOL,
            region_id=organisation.region_id,
            district_kk=organisation.district_kk,
        )
    return condition


def organisations_in_scope(user) -> QuerySet[Organisation]:
    """The organisations whose applications ``user`` may see on the dashboard."""
    return _supervised(user, scope_condition)


def organisations_headed(user) -> QuerySet[Organisation]:
    """The organisations whose complaints to the head ``user`` reviews."""
    return _supervised(user, headed_condition)


def _supervised(user, condition) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.exclude(NOT_SUPERVISED)
    if not user.has_perm("accounts.view_dashboard") or user.organisation is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(condition(user.organisation))
