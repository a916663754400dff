"""What patronat's decision opens (issue #15): the carer is paid monthly for each child
from the regional norm in force (PaymentNorm, with the akimat's decision cited), from
the first day of the month the contract was signed (as the payment decision prints it)
until the child comes of age, by the 15th of the month before (seed 003 appendix 3,
clause 5). Early termination on the grounds of clauses 10 and 12 of the contract."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from payments.registry import EndGround, EntitlementSource, Rate

from .models import PaymentNorm

CLAUSE_10 = _("Clause 10 of the patronat contract")
CLAUSE_12 = _("Clause 12 of the patronat contract")


def starts_on(application, decided_on: date) -> date:
    signed = application.events.filter(action="sign_contract").order_by("at").last()
    day = timezone.localtime(signed.at).date() if signed else decided_on
    return day.replace(day=1)


def rate(region, day: date) -> Rate | None:
    norm = PaymentNorm.in_force(region, day)
    if norm is None:
        return None
    return Rate(
        amount=norm.monthly_amount,
        reference_kk=norm.decision_reference_kk,
        reference_ru=norm.decision_reference_ru or norm.decision_reference_kk,
    )


ENTITLEMENT = EntitlementSource(
    service="patronat",
    opened_by="decide_payment",
    starts_on=starts_on,
    rate=rate,
    notice_title=_("The patronat contract is terminated early."),
    end_grounds=(
        EndGround(
            "carer_valid_reason",
            _(
                "At the carer's initiative for a valid reason (illness, lack of mutual understanding with the child, a change in family or property circumstances)"
            ),
            CLAUSE_10,
        ),
        EndGround(
            "unfavourable_conditions",
            _(
                "At the guardianship body's initiative: unfavourable conditions arose in the carer's family for the child's upkeep, upbringing and education"
            ),
            CLAUSE_10,
        ),
        EndGround(
            "returned_to_parents",
            _("At the guardianship body's initiative: the child was returned to the parents"),
            CLAUSE_10,
        ),
        EndGround(
            "adopted", _("At the guardianship body's initiative: the child was adopted"), CLAUSE_10
        ),
        EndGround(
            "conditions_not_fulfilled",
            _("The conditions of the contract were not fulfilled"),
            CLAUSE_12,
        ),
    ),
)
