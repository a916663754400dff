"""Financial and material aid to pupils of state education organisations (seed 004: the
rules of the service, the five categories; the board of trustees is the school's
collegial governing body and decides).

Checklist: the application (appendix 1 form of the rules) and the document confirming the
category. Seed 004 refers to appendix 2 for the list of documents but does not include it;
the category documents follow the camp-voucher list (services.md: "as above").
Term: neither the seed nor the digest gives one — 10 working days is a default to verify,
kept as data in the edition.
"""

from datetime import date

from django.utils.translation import gettext_lazy as _

from applications.registry import (
    ACCEPTANCE_RECEIPT,
    COMMON_REFUSAL_GROUNDS,
    MOTIVATED_REFUSAL,
    NOT_IN_CATEGORY,
    REFUSAL_RECEIPT,
    Channel,
    ChecklistItem,
    Edition,
    ResultDocument,
    ServiceDefinition,
    Stage,
    TermUnit,
)
from services.common_categories import CATEGORIES, category_items

DEFINITION = ServiceDefinition(
    code="material_aid",
    title=_("Financial and material aid to pupils"),
    # The official name (seed 004, line 9; the Russian one as in the rules, Order No. 158).
    official_title=_(
        "Provision of financial and material aid to pupils and wards of state education "
        "organisations"
    ),
    summary=_(
        "Financial and material aid to pupils of state education organisations who belong to "
        "certain categories, decided by the school's board of trustees."
    ),
    who_may_apply=(
        _(
            "Parents or other legal representatives (individuals) of pupils of state education "
            "organisations who belong to one of the eligible categories."
        ),
    ),
    # kk: Қамқоршылық кеңес білім беру ұйымының алқалы басқару органы болып табылады.
    provider=_(
        "State education organisations (schools). The board of trustees — the school's "
        "collegial governing body — decides on the aid."
    ),
    provider_kinds=("school",),
    # Seed 004: the application is filed with the education organisation; the portal as for
    # the other services (verify).
    channels=(Channel.PORTAL, Channel.OFFICE),
    categories=CATEGORIES,
    checklist=(
        ChecklistItem(
            "application",
            # kk: осы Қағидалардың 1-қосымшасына сәйкес нысан бойынша өтініш
            _("Application (appendix 1 form of the rules)"),
            is_the_application=True,
        ),
        # The document confirming the category: one item per category, asked for only
        # when that category is chosen.
        *category_items(CATEGORIES),
    ),
    stages=(
        Stage("completeness_check", _("Completeness check of the documents")),
        Stage("board_review", _("Review by the board of trustees")),
        Stage("decision", _("Decision of the board of trustees and granting of the aid")),
    ),
    editions=(
        Edition(
            code="2020-10wd-default",
            effective_from=date(2020, 5, 1),
            source=_(
                "10 working days: a default, not stated in the source texts (verify and set "
                "from the rules in force); the split into stages is the portal's."
            ),
            total_term=10,
            term_unit=TermUnit.WORKING_DAYS,
            stage_terms={"completeness_check": 1, "board_review": 7, "decision": 2},
        ),
    ),
    result_documents=(
        ACCEPTANCE_RECEIPT,
        REFUSAL_RECEIPT,
        # kk: no official wording in the seeds
        ResultDocument(
            "aid_decision",
            _("Decision of the board of trustees on granting financial and material aid"),
        ),
        MOTIVATED_REFUSAL,
    ),
    refusal_grounds=(
        *COMMON_REFUSAL_GROUNDS,
        NOT_IN_CATEGORY,
    ),
    notes=(
        _("The aid is given once per academic year."),
        _(
            "The amount is not less than the subsistence minimum per pupil; the figure is set "
            "each year (verify)."
        ),
    ),
    legal_basis=(
        _(
            "Order of the Minister of Education and Science No. 158 of 24.04.2020 (registered "
            "No. 20478), with amendments."
        ),
        _(
            "Government Decree No. 64 of 25.01.2008: the aid is paid from the fund of universal "
            "compulsory education."
        ),
    ),
)
