"""Guardian allowance workflow (seed 002): completeness check 1 WD → review of the
documents and of the data from state information systems 7 WD → decision 2 WD.
Ten working days in all; at the State Corporation its day of acceptance is not counted
(applications.deadlines does that by channel).

The amount is 10 monthly calculation indices (MRP) per child per month; the MRP value is
set each year by the law on the republican budget, so it is data an administrator enters
(MonthlyCalculationIndex). Without the value for the year the decision waits.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from applications.errors import TransitionRefused
from applications.models import Application
from applications.workflow import (
    COMPLETED,
    filing,
    is_office_staff,
    refusal,
    refusal_to_accept,
    withdrawal,
)
from payments.actions import open_after_decision

COMPLETENESS_CHECK = "completeness_check"
REVIEW = "review"
DECISION = "decision"
REVIEW_STATES = [COMPLETENESS_CHECK, REVIEW, DECISION]

# services.md §2 "Allowance to guardians / trustees": "Amount: 10 MRP per child per month
# (MRP value per year is data)". The multiplier is fixed by the rules of the allowance
# (verify against Order No. 35 of 16.02.2024 when it is amended); the MRP value is data.
MRP_PER_CHILD = 10


def allowance_start(application: Application) -> date:
    """The first day of the month the allowance is assigned from: the month the
    application was registered. Seed 002 does not say; this is the portal's reading
    (verify against the rules of the allowance)."""
    registered = application.registered_on
    if registered is None and application.filed_at is not None:
        registered = timezone.localtime(application.filed_at).date()
    return (registered or timezone.localdate()).replace(day=1)


class GuardianAllowanceApplication(Application):
    class Meta:
        proxy = True
        verbose_name = _("guardian allowance application")
        verbose_name_plural = _("guardian allowance applications")

    submit = filing()

    @transition(field="state", source=COMPLETENESS_CHECK, target=REVIEW, permission=is_office_staff)
    def accept_documents(self, *, actor, reason: str = "") -> None:
        """The set is complete: the documents and the data from state systems are reviewed."""

    refuse_to_accept = refusal_to_accept()

    @transition(
        field="state",
        source=REVIEW,
        target=DECISION,
        permission=is_office_staff,
        custom={"label": _("Review done: prepare the decision")},
    )
    def complete_review(self, *, actor, reason: str = "") -> None:
        """The review found the right to the allowance: the decision is prepared."""

    @transition(
        field="state",
        source=DECISION,
        target=COMPLETED,
        permission=is_office_staff,
        custom={"label": _("Assign the allowance"), "documents": ["allowance_decision"]},
    )
    def decide_allowance(self, *, actor, reason: str = "") -> None:
        """The allowance is assigned. The amount is fixed here, from the MRP of the year
        the allowance starts, so that the decision never changes when the index is edited
        later; without that year's MRP the decision would be blank, so it waits."""
        starts_on = allowance_start(self)
        index = MonthlyCalculationIndex.for_year(starts_on.year)
        if index is None:
            raise TransitionRefused(
                _(
                    "The monthly calculation index for %(year)s is not entered yet: ask the administrator to enter it, then decide."
                )
                % {"year": starts_on.year}
            )
        children = self.children.count()
        per_child = index.value * MRP_PER_CHILD
        self.answers = {
            **self.answers,
            "allowance": {
                "starts_on": starts_on.isoformat(),
                "mrp_year": index.year,
                "mrp_value": str(index.value),
                "mrp_reference": index.legal_reference,
                "mrp_reference_ru": index.legal_reference_ru or index.legal_reference,
                "mrp_per_child": MRP_PER_CHILD,
                "per_child": str(per_child),
                "children": children,
                "total": str(per_child * children),
            },
        }
        # The entitlement paid monthly from now on (payments/, issue #15): opened by a
        # job enqueued in this transaction, dated by this decision's event.
        open_after_decision(self)

    refuse = refusal(sources=[REVIEW, DECISION])
    # The applicant withdraws before the decision is being drawn up.
    withdraw = withdrawal(sources=[COMPLETENESS_CHECK, REVIEW])


class MonthlyCalculationIndex(models.Model):
    """The monthly calculation index (MRP / АЕК) of a year, set by the law on the
    republican budget. Data: an administrator enters each year's value."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    value = models.DecimalField(
        _("value, tenge"),
        max_digits=10,
        decimal_places=2,
        help_text=_("The index in tenge, as the law on the republican budget sets it."),
    )
    # The law as it is cited in each language: a document prints the one of its language.
    legal_reference = models.CharField(
        _("legal reference, in Kazakh"),
        max_length=300,
        help_text=_(
            "The law that sets the index, e.g. the law on the republican budget for the year, "
            "with its number and date."
        ),
    )
    legal_reference_ru = models.CharField(
        _("legal reference, in Russian"),
        max_length=300,
        blank=True,
        help_text=_("The same law as Russian documents cite it."),
    )

    class Meta:
        verbose_name = _("monthly calculation index")
        verbose_name_plural = _("monthly calculation indices")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}: {self.value}"

    @classmethod
    def for_year(cls, year: int) -> MonthlyCalculationIndex | None:
        return cls.objects.filter(year=year).first()
