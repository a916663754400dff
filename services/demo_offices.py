"""Which offices the services' demo applications go to (used by each demo.py)."""

from __future__ import annotations

from guardianship_portal.organisations.models import Organisation

# seed_demo's printed clerk and supervisor work here: the demo applicant's applications
# go to this office, so the applicant, the clerk, the supervisor, the complaints and the
# region's quality-control body all meet on the same cases.
DEMO_APPLICANT_OFFICE = "KOK-EDU"


def offices_providing(service: str) -> list[Organisation]:
    """The active offices providing ``service`` by code, the demo applicant's own office
    first (the demos give the first office's rows to the demo applicant)."""
    offices = Organisation.objects.filter(
        provided_services__service=service, is_active=True
    ).order_by("code")
    return sorted(offices, key=lambda office: office.code != DEMO_APPLICANT_OFFICE)


def state_corporation_centre(office: Organisation) -> Organisation | None:
    """The State Corporation centre of the office's region that the demo's State
    Corporation filings were accepted at (None: the region has none)."""
    return (
        Organisation.objects.filter(
            kind=Organisation.Kind.STATE_CORPORATION, region_id=office.region_id, is_active=True
        )
        .order_by("code")
        .first()
    )
