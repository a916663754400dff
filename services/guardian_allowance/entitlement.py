"""What the allowance's decision opens (issue #15): the guardian is paid monthly for
each child 10 MRP of the year of the month paid (MonthlyCalculationIndex, with the law
that sets it), from the month the allowance is assigned from (``allowance_start``)
until the child comes of age. The grounds of an early end are the portal's reading of
the rules of the allowance (seed 002 gives none): verify them."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from payments.registry import EndGround, EntitlementSource, Rate

from .models import MRP_PER_CHILD, MonthlyCalculationIndex, allowance_start


def starts_on(application, decided_on: date) -> date:
    stored = (application.answers or {}).get("allowance", {}).get("starts_on")
    return date.fromisoformat(stored) if stored else allowance_start(application)


def rate(region, day: date) -> Rate | None:
    index = MonthlyCalculationIndex.for_year(day.year)
    if index is None:
        return None
    return Rate(
        amount=index.value * MRP_PER_CHILD,
        reference_kk=index.legal_reference,
        reference_ru=index.legal_reference_ru or index.legal_reference,
    )


ENTITLEMENT = EntitlementSource(
    service="guardian_allowance",
    opened_by="decide_allowance",
    starts_on=starts_on,
    rate=rate,
    notice_title=_("The payment of the allowance to the guardian is terminated."),
    end_grounds=(
        EndGround(
            "guardian_released",
            _("The guardian (trustee) was released or removed from the duties"),
        ),
        EndGround("returned_to_parents", _("The child was returned to the parents")),
        EndGround("adopted", _("The child was adopted")),
        EndGround(
            "placed_in_institution",
            _("The child was placed in an organisation on full state support"),
        ),
    ),
)
