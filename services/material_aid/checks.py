"""The material aid rule checked when an application is filed: aid is given once per
academic year (1 September – 31 August) per pupil at a school.

The same pupil: the same child IIN, or (when an IIN is missing on either side) the same
last name, first name and birth date. Applications that ended without aid (withdrawn,
refused to accept, refused) do not count. The school's row is locked first, so two filings
for the same pupil at the same moment are checked one after the other.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from applications.errors import TransitionRefused
from applications.models import Application, Child
from applications.workflow import DRAFT, REFUSED, REFUSED_TO_ACCEPT, WITHDRAWN
from guardianship_portal.core.kzdates import long_date_nominative
from guardianship_portal.organisations.models import Organisation
from services.common_categories import academic_year

NOT_COUNTED = (DRAFT, REFUSED_TO_ACCEPT, REFUSED, WITHDRAWN)


def same_pupil(a: Child, b: Child) -> bool:
    if a.iin and b.iin:
        return a.iin == b.iin
    return (
        a.last_name.strip().casefold() == b.last_name.strip().casefold()
        and a.first_name.strip().casefold() == b.first_name.strip().casefold()
        and a.birth_date == b.birth_date
    )


def earlier_application(application: Application, day=None) -> tuple[Application, Child] | None:
    """Another counted application of this academic year at this school for one of the
    application's children, with that child as it was recorded there."""
    day = day or timezone.localdate()
    starts, ends = academic_year(day)
    children = list(application.children.all())
    others = (
        Child.objects.filter(
            application__service=application.service,
            application__organisation_id=application.organisation_id,
            application__filed_at__date__gte=starts,
            application__filed_at__date__lte=ends,
        )
        .exclude(application__state__in=NOT_COUNTED)
        .exclude(application_id=application.pk)
        .select_related("application")
    )
    for other in others:
        for child in children:
            if same_pupil(child, other):
                return other.application, other
    return None


def once_per_academic_year(application: Application) -> None:
    """The definition's submission_check: refuse a second filing in the same academic year."""
    Organisation.objects.select_for_update().filter(pk=application.organisation_id).first()
    found = earlier_application(application)
    if found is None:
        return
    earlier, child = found
    starts, ends = academic_year(timezone.localdate())
    language = (get_language() or "kk")[:2]
    raise TransitionRefused(
        _(
            "Material aid is given once per academic year: application No. %(number)s for "
            "%(child)s was already filed in the academic year from %(starts)s to %(ends)s."
        )
        % {
            "number": earlier.number,
            "child": child.full_name,
            "starts": long_date_nominative(starts, language),
            "ends": long_date_nominative(ends, language),
        }
    )
