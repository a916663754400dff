"""Patronat workflow (seed 000): completeness check 1 WD → home inspection 2 WD →
consent of a child aged 10+ 2 WD (skipped for younger children) → notice of contract
conclusion 1 WD → the applicant signs 1 WD → decision on the payment 2 WD."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, transition

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
from guardianship_portal.organisations.models import localized
from payments.actions import open_after_decision

COMPLETENESS_CHECK = "completeness_check"
HOME_INSPECTION = "home_inspection"
CHILD_CONSENT = "child_consent"
CONTRACT_NOTICE = "contract_notice"
CONTRACT_SIGNING = "contract_signing"
PAYMENT_DECISION = "payment_decision"
REVIEW_STATES = [
    COMPLETENESS_CHECK,
    HOME_INSPECTION,
    CHILD_CONSENT,
    CONTRACT_NOTICE,
    CONTRACT_SIGNING,
    PAYMENT_DECISION,
]
CONSENT_AGE = 10


def needs_child_consent(application: Application, on: date) -> bool:
    """A child aged 10 or older must consent (Marriage and Family Code)."""
    return any(_age(child.birth_date, on) >= CONSENT_AGE for child in application.children.all())


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


class PatronatApplication(Application):
    class Meta:
        proxy = True
        verbose_name = _("patronat application")
        verbose_name_plural = _("patronat applications")

    submit = filing()

    @transition(
        field="state", source=COMPLETENESS_CHECK, target=HOME_INSPECTION, permission=is_office_staff
    )
    def accept_documents(self, *, actor, reason: str = "") -> None:
        """The set is complete: the inspection of living conditions is next."""

    refuse_to_accept = refusal_to_accept()

    @transition(
        field="state",
        source=HOME_INSPECTION,
        target=RETURN_VALUE(CHILD_CONSENT, CONTRACT_NOTICE),
        permission=is_office_staff,
        custom={
            "label": _("Record the inspection of living conditions"),
            "documents": ["inspection_act"],
            "form": "services.patronat.forms.InspectionForm",
        },
    )
    def record_inspection(
        self, *, actor, reason: str = "", findings: str = "", inspected_on: str = ""
    ) -> str:
        """The act of living conditions is drawn up; the child's consent is next only
        when a child is 10 or older."""
        self.answers = {
            **self.answers,
            "inspection": {
                "findings": findings,
                "inspected_on": inspected_on,
                "inspector": actor.full_name,
            },
        }
        return CHILD_CONSENT if needs_child_consent(self, timezone.localdate()) else CONTRACT_NOTICE

    @transition(
        field="state",
        source=CHILD_CONSENT,
        target=CONTRACT_NOTICE,
        permission=is_office_staff,
        custom={"label": _("Record the child's consent")},
    )
    def record_child_consent(self, *, actor, reason: str = "") -> None:
        """The child agreed to live in the carer's family."""

    @transition(
        field="state",
        source=CONTRACT_NOTICE,
        target=CONTRACT_SIGNING,
        permission=is_office_staff,
        custom={
            "label": _("Issue the notice of contract conclusion"),
            "documents": ["contract_notice", "patronat_contract"],
        },
    )
    def issue_contract_notice(self, *, actor, reason: str = "") -> None:
        """The applicant is told to come and sign; the contract is prepared."""

    @transition(
        field="state",
        source=CONTRACT_SIGNING,
        target=PAYMENT_DECISION,
        permission=is_office_staff,
        custom={"label": _("The contract is signed")},
    )
    def sign_contract(self, *, actor, reason: str = "") -> None:
        """The applicant signed the contract at the office."""

    @transition(
        field="state",
        source=PAYMENT_DECISION,
        target=COMPLETED,
        permission=is_office_staff,
        custom={"label": _("Decide on the payment"), "documents": ["payment_decision"]},
    )
    def decide_payment(self, *, actor, reason: str = "") -> None:
        """Payment for the child's upkeep is assigned. The amount comes from the regional
        norm; without one the decision would be final and blank, so it waits."""
        if PaymentNorm.in_force(self.organisation.region, timezone.localdate()) is None:
            raise TransitionRefused(
                _(
                    "The regional payment norm is not entered yet: ask the administrator to enter it, then decide."
                )
            )
        # The entitlement paid monthly from now on (payments/, issue #15): opened by a
        # job enqueued in this transaction, dated by this decision's event.
        open_after_decision(self)

    refuse = refusal(sources=REVIEW_STATES)
    # The applicant withdraws before the contract is signed.
    withdraw = withdrawal(
        sources=[
            COMPLETENESS_CHECK,
            HOME_INSPECTION,
            CHILD_CONSENT,
            CONTRACT_NOTICE,
            CONTRACT_SIGNING,
        ]
    )


class PaymentNorm(models.Model):
    """Monthly payment for a child's upkeep in a region (a regional norm: data)."""

    region = models.ForeignKey(
        "organisations.Region", verbose_name=_("region"), on_delete=models.PROTECT
    )
    effective_from = models.DateField(_("effective from"))
    monthly_amount = models.DecimalField(
        _("monthly amount per child, tenge"), max_digits=12, decimal_places=2
    )
    # The akimat's decision that sets the norm, as it is cited in each language.
    decision_reference_kk = models.CharField(
        _("decision of the local executive body, in Kazakh"), max_length=300
    )
    decision_reference_ru = models.CharField(
        _("decision of the local executive body, in Russian"), max_length=300, blank=True
    )

    class Meta:
        verbose_name = _("patronat payment norm")
        verbose_name_plural = _("patronat payment norms")
        ordering = ["region", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "effective_from"], name="one_norm_per_region_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.region}: {self.monthly_amount} ({self.effective_from:%d.%m.%Y})"

    @property
    def decision_reference(self) -> str:
        """In the active language (a document renders inside its language)."""
        return localized(self, "decision_reference")

    @classmethod
    def in_force(cls, region, on: date) -> PaymentNorm | None:
        return (
            cls.objects.filter(region=region, effective_from__lte=on)
            .order_by("-effective_from")
            .first()
        )
