"""How the guardian allowance's workflow states read to people, and which stage's term
runs in each (stages and terms: definition.py)."""

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
    StateInfo(
        m.REVIEW,
        _("The documents and the data from state information systems are being reviewed"),
        stage="review",
    ),
    StateInfo(m.DECISION, _("The decision on the allowance is being prepared"), stage="decision"),
    *FINAL_STATES,
)
