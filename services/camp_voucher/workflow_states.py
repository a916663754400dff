"""How the camp voucher workflow's states read to people, and which stage's term runs."""

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
    StateInfo(m.REVIEW, _("The category and the documents are being reviewed"), stage="review"),
    StateInfo(m.DECISION, _("Category confirmed: the decision is being made"), stage="decision"),
    *FINAL_STATES,
)
