"""How patronat's workflow states read to people, and which stage's term runs in each."""

from django.utils.translation import gettext_lazy as _

from applications.registry import StateInfo
from applications.workflow import DRAFT_STATE, FINAL_STATES

from . import models as m

STATES = (
    DRAFT_STATE,
    StateInfo(
        m.COMPLETENESS_CHECK,
        _("Documents are being checked for completeness"),
        stage="completeness_check",
    ),
    StateInfo(m.HOME_INSPECTION, _("Inspection of living conditions"), stage="home_inspection"),
    StateInfo(m.CHILD_CONSENT, _("Waiting for the consent of the child"), stage="child_consent"),
    StateInfo(
        m.CONTRACT_NOTICE,
        _("Notice of contract conclusion is being prepared"),
        stage="contract_notice",
    ),
    StateInfo(
        m.CONTRACT_SIGNING,
        _("Waiting for the applicant to sign the contract"),
        stage="contract_signing",
    ),
    StateInfo(
        m.PAYMENT_DECISION,
        _("Contract signed: decision on the payment is being made"),
        stage="payment_decision",
    ),
    *FINAL_STATES,
)
