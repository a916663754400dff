"""Complaint figures for the quality indicators (seed 003, appendix 1).

"Share of justified complaints" and "share of justified complaints resolved in time".
The quarterly report builds on ``complaint_figures``: keep its signature stable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q


@dataclass(frozen=True)
class ComplaintFigures:
    total: int
    justified: int
    justified_resolved_in_time: int


def complaint_figures(
    *, organisations, start: date, end: date, service: str | None = None
) -> ComplaintFigures:
    """Complaints registered in [start, end] (inclusive) with those organisations (and
    about applications of ``service``, if given).

    ``organisations`` is a queryset or an iterable of Organisation. ``justified`` counts
    answered complaints found justified (by the provider's head or by the quality-control
    body); ``justified_resolved_in_time`` those of them answered within the stored due
    date. One aggregate query.
    """
    from complaints.models import Complaint

    if hasattr(organisations, "values"):
        organisation_filter = Q(organisation__in=organisations.values("pk"))
    else:
        organisation_filter = Q(organisation_id__in=[o.pk for o in organisations])
    if service:
        organisation_filter &= Q(application__service=service)
    justified = Q(state=Complaint.State.ANSWERED, justified=True)
    row = Complaint.objects.filter(
        organisation_filter, registered_on__gte=start, registered_on__lte=end
    ).aggregate(
        # Aliases differ from the field names: an alias "justified" would shadow the field.
        n_total=Count("pk"),
        n_justified=Count("pk", filter=justified),
        n_justified_in_time=Count("pk", filter=justified & Q(answered_in_time=True)),
    )
    return ComplaintFigures(
        total=row["n_total"] or 0,
        justified=row["n_justified"] or 0,
        justified_resolved_in_time=row["n_justified_in_time"] or 0,
    )
