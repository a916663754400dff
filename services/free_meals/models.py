"""Free and reduced-price meals (seed 004): completeness check 1 WD → review of the
category 2 WD → decision 2 WD: a notice on free or reduced-price meals for the school year
(the clerk chooses which), or a motivated refusal."""

from __future__ import annotations

from django.db import models
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
from services.common_categories import (
    board_decision,
    category_confirmation,
    documents_accepted,
)

COMPLETENESS_CHECK = "completeness_check"
REVIEW = "review"
DECISION = "decision"
REVIEW_STATES = [COMPLETENESS_CHECK, REVIEW, DECISION]


class MealsKind(models.TextChoices):
    FREE = "free", _("Free meals")
    REDUCED = "reduced", _("Reduced-price meals")


class FreeMealsApplication(Application):
    class Meta:
        proxy = True
        verbose_name = _("free meals application")
        verbose_name_plural = _("free meals applications")

    submit = filing()

    accept_documents = documents_accepted(target=REVIEW)

    refuse_to_accept = refusal_to_accept()

    confirm_category = category_confirmation(source=REVIEW, target=DECISION)
    record_board_decision = board_decision(source=REVIEW, target=DECISION)

    @transition(
        field="state",
        source=DECISION,
        target=COMPLETED,
        permission=is_office_staff,
        custom={
            "label": _("Grant free or reduced-price meals"),
            "documents": ["meals_notice"],
            "form": "services.free_meals.forms.GrantMealsForm",
        },
    )
    def grant_meals(self, *, actor, reason: str = "", meals: str = "") -> None:
        """Free or reduced-price meals for the school year: the clerk chooses which."""
        if meals not in MealsKind.values:
            raise TransitionRefused(
                _("Choose whether the meals are free or reduced-price (the notice says which).")
            )
        self.answers = {**self.answers, "meals": meals}

    refuse = refusal(sources=REVIEW_STATES)
    # The applicant withdraws before the decision.
    withdraw = withdrawal(sources=[COMPLETENESS_CHECK, REVIEW, DECISION])
