"""How the material aid workflow's states read to people, and which stage's term runs."""

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
        m.BOARD_REVIEW,
        _("The board of trustees is reviewing the application"),
        stage="board_review",
    ),
    StateInfo(
        m.DECISION,
        _("The board of trustees decided: the aid is being granted"),
        stage="decision",
    ),
    *FINAL_STATES,
)
