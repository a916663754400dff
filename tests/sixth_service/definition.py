"""The test-only service's definition. Its strings are plain: the app is never shipped,
and nothing of it may reach the real catalogues (makemessages skips tests/)."""

from datetime import date

from applications.registry import (
    ACCEPTANCE_RECEIPT,
    COMMON_REFUSAL_GROUNDS,
    MOTIVATED_REFUSAL,
    Channel,
    ChecklistItem,
    Edition,
    ResultDocument,
    ServiceDefinition,
    Stage,
    StateInfo,
    TermUnit,
)
from applications.workflow import COMPLETENESS_CHECK, DRAFT_STATE, FINAL_STATES

CODE = "sixth_service"
VISIT = "home_visit"
DECISION_KIND = "home_visit_decision"
TITLE = "Home visit certificate"

DEFINITION = ServiceDefinition(
    code=CODE,
    title=TITLE,
    official_title="Issue of a certificate of the home visit of a child's living conditions",
    summary="A certificate that the living conditions of a child were visited.",
    who_may_apply=("Parents and legal representatives of a child.",),
    provider="Education departments of cities and districts.",
    provider_kinds=("city_department", "district_department"),
    channels=(Channel.PORTAL, Channel.OFFICE),
    checklist=(
        ChecklistItem("application", "Application for a home visit"),
        ChecklistItem("housing_document", "Document on the right to the dwelling"),
        ChecklistItem(
            "consent",
            "Consent of the other parent",
            channels=frozenset({Channel.OFFICE}),
        ),
    ),
    stages=(
        Stage(COMPLETENESS_CHECK, "Completeness check of the documents"),
        Stage(VISIT, "Home visit and certificate"),
    ),
    editions=(
        Edition(
            code="2026-4wd",
            effective_from=date(2020, 1, 1),
            source="Test rules of 2020",
            total_term=4,
            term_unit=TermUnit.WORKING_DAYS,
            stage_terms={COMPLETENESS_CHECK: 1, VISIT: 3},
        ),
    ),
    result_documents=(
        ACCEPTANCE_RECEIPT,
        ResultDocument(DECISION_KIND, "Certificate of the home visit"),
        MOTIVATED_REFUSAL,
    ),
    refusal_grounds=COMMON_REFUSAL_GROUNDS,
)

STATES = (
    DRAFT_STATE,
    StateInfo(COMPLETENESS_CHECK, "Documents are being checked", stage=COMPLETENESS_CHECK),
    StateInfo(VISIT, "The home visit is being made", stage=VISIT),
    *FINAL_STATES,
)
