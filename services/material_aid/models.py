"""Financial and material aid to pupils (seed 004): completeness check 1 WD → review by
the board of trustees (its decision is recorded with number and date) → decision: the aid
granted, not below the subsistence minimum of the year, or a motivated refusal.

Once per academic year per pupil: checked when the application is filed
(``checks.once_per_academic_year``, the definition's submission_check).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.validators import MinValueValidator
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
from services.common_categories import board_decision, documents_accepted

COMPLETENESS_CHECK = "completeness_check"
BOARD_REVIEW = "board_review"
DECISION = "decision"
REVIEW_STATES = [COMPLETENESS_CHECK, BOARD_REVIEW, DECISION]


class SubsistenceMinimum(models.Model):
    """The monthly subsistence minimum of a year (set by the law on the republican budget):
    the aid per pupil is not below it. Data, entered by the administrator (verify)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    amount = models.DecimalField(
        _("subsistence minimum, tenge"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    reference = models.CharField(
        _("legal reference"),
        max_length=300,
        help_text=_("The law or decree that sets the figure for the year (verify)."),
    )

    class Meta:
        verbose_name = _("subsistence minimum")
        verbose_name_plural = _("subsistence minimums")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"

    @classmethod
    def for_day(cls, day: date) -> SubsistenceMinimum | None:
        return cls.objects.filter(year=day.year).first()


def parse_amount(value) -> Decimal | None:
    try:
        amount = Decimal(str(value).replace(" ", "").replace("\u00a0", "").replace(",", "."))
    except (InvalidOperation, ValueError):
        return None
    return amount if amount.is_finite() else None


class MaterialAidApplication(Application):
    class Meta:
        proxy = True
        verbose_name = _("material aid application")
        verbose_name_plural = _("material aid applications")

    submit = filing()

    accept_documents = documents_accepted(target=BOARD_REVIEW)

    refuse_to_accept = refusal_to_accept()

    # The board decided to give the aid; its decision is printed in the aid decision.
    record_board_decision = board_decision(source=BOARD_REVIEW, target=DECISION, always=True)

    @transition(
        field="state",
        source=DECISION,
        target=COMPLETED,
        permission=is_office_staff,
        custom={
            "label": _("Grant the aid"),
            "documents": ["aid_decision"],
            "form": "services.material_aid.forms.GrantAidForm",
        },
    )
    def grant_aid(self, *, actor, reason: str = "", amount: str = "", aid: str = "") -> None:
        """The aid is granted: the amount is not below the subsistence minimum of the year."""
        today = timezone.localdate()
        minimum = SubsistenceMinimum.for_day(today)
        if minimum is None:
            raise TransitionRefused(
                _(
                    "The subsistence minimum for %(year)s is not entered yet: ask the administrator to enter it, then decide."
                )
                % {"year": today.year}
            )
        value = parse_amount(amount)
        if value is None:
            raise TransitionRefused(_("Give the amount of the aid in tenge."))
        if value < minimum.amount:
            raise TransitionRefused(
                _(
                    "The aid cannot be less than the subsistence minimum of %(year)s: %(minimum)s tenge."
                )
                % {"year": minimum.year, "minimum": f"{minimum.amount:,.2f}".replace(",", " ")}
            )
        self.answers = {
            **self.answers,
            "aid": {
                "amount": str(value.quantize(Decimal("0.01"))),
                "minimum": str(minimum.amount),
                "minimum_year": minimum.year,
                "description": aid.strip()[:500],
            },
        }

    refuse = refusal(sources=REVIEW_STATES)
    # The applicant withdraws before the board has decided.
    withdraw = withdrawal(sources=[COMPLETENESS_CHECK, BOARD_REVIEW])
