"""Free and reduced-price meals for pupils of certain categories in general education
schools (seed 004: "list of basic requirements" of the service).

Checklist: seed 004 lists what the State Corporation takes (application, identity document,
birth certificate and marriage/divorce certificate when the civil registry lacks them, the
decision on guardianship / patronat / foster family); the text is cut off there, so the other
categories' documents follow the camp-voucher list (services.md: "as for camps"). The portal
list is not in the seed: the same less the identity document, as for camps. Term: none in
the seed; 5 working days is the digest's (verify).
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
from services.common_categories import (
    CHILD_BIRTH_NOT_IN_REGISTRY,
    MARRIAGE_RECORD_NOT_IN_REGISTRY,
    WITHOUT_PARENTAL_CARE,
    category_items,
    with_supporting_document,
)

OFFICE_ONLY = frozenset({Channel.OFFICE, Channel.STATE_CORPORATION})

# The meals list of seed 004 words the third category's document more widely than the camp
# list: guardianship, patronat or a foster family.
FREE_MEALS_CATEGORIES = with_supporting_document(
    WITHOUT_PARENTAL_CARE,
    # kk: қорғаншылықты (қамқоршылықты) белгілеу туралы, ... патронаттық тәрбиелеуге және қабылдау отбасына беру туралы уәкілетті органның шешімінің көшірмесі
    _(
        "Copy of the decision of the authorised body establishing guardianship (trusteeship) or "
        "placing the child in patronat care or a foster family"
    ),
)

DEFINITION = ServiceDefinition(
    code="free_meals",
    title=_("Free and reduced-price school meals"),
    # The official name (seed 004, line 45; the Russian one as in the rules, Order No. 158).
    official_title=_(
        "Provision of free and reduced-price meals to certain categories of pupils and wards "
        "of general education schools"
    ),
    summary=_(
        "Free or reduced-price meals during the school year for pupils of certain categories "
        "in general education schools."
    ),
    who_may_apply=(
        _(
            "Parents or other legal representatives (individuals) of pupils of state schools "
            "who belong to one of the eligible categories."
        ),
    ),
    provider=_(
        "Education departments of cities and districts, and state schools. Applications are "
        "also accepted by the State Corporation “Government for Citizens”."
    ),
    provider_kinds=("city_department", "district_department", "school"),
    # Written by the office: the clerk's choice of free or reduced-price meals (grant_meals).
    decision_answer_keys=("meals",),
    channels=(Channel.PORTAL, Channel.OFFICE, Channel.STATE_CORPORATION),
    categories=FREE_MEALS_CATEGORIES,
    checklist=(
        ChecklistItem(
            "application",
            # kk: өтініш
            _("Application"),
            note=_(
                "On the portal: an electronic application signed with EDS or confirmed with a "
                "one-time password sent to the phone number registered in your account."
            ),
            is_the_application=True,
        ),
        ChecklistItem(
            "identity_document",
            # kk: жеке басын куәландыратын құжат немесе цифрлық құжаттар сервисінен электрондық құжат (жеке басын сәйкестендіру үшін қажет)
            _("Identity document or an electronic document from the digital documents service"),
            channels=OFFICE_ONLY,
            note=_("for identification only"),
        ),
        ChecklistItem(
            "birth_certificate",
            # kk: «АХАЖ тіркеу пункті» ақпараттық жүйесінде мәліметтер болмаған жағдайда не Қазақстан Республикасынан тыс жерде туылған жағдайда баланың (балалардың) туу туралы куәлігі электрондық нысанда немесе оның қағаз жеткізгіштегі көшірмесі
            _("Child's birth certificate, electronic or a paper copy"),
            condition=CHILD_BIRTH_NOT_IN_REGISTRY,
        ),
        ChecklistItem(
            "marriage_or_divorce_certificate",
            # kk: неке қию немесе некені бұзу туралы куәліктің көшірмесі (АХАЖ АЖ-да мәліметтер болмаған жағдайда)
            _("Copy of the marriage or divorce certificate"),
            condition=MARRIAGE_RECORD_NOT_IN_REGISTRY,
        ),
        # The document confirming the category: one item per category, asked for only
        # when that category is chosen.
        *category_items(FREE_MEALS_CATEGORIES),
    ),
    stages=(
        Stage("completeness_check", _("Completeness check of the documents")),
        Stage("review", _("Review of the category and the documents")),
        Stage("decision", _("Decision: notice on meals or motivated refusal")),
    ),
    editions=(
        Edition(
            code="2020-5wd",
            effective_from=date(2020, 5, 1),
            source=_(
                "5 working days (verify): the term is not in the source text; the split into "
                "stages is the portal's."
            ),
            total_term=5,
            term_unit=TermUnit.WORKING_DAYS,
            stage_terms={"completeness_check": 1, "review": 2, "decision": 2},
        ),
    ),
    result_documents=(
        ACCEPTANCE_RECEIPT,
        REFUSAL_RECEIPT,
        # kk: no official wording in the seeds
        ResultDocument(
            "meals_notice",
            _("Notice on providing free or reduced-price meals for the school year"),
        ),
        MOTIVATED_REFUSAL,
    ),
    refusal_grounds=(
        *COMMON_REFUSAL_GROUNDS,
        NOT_IN_CATEGORY,
    ),
    legal_basis=(
        _(
            "Order of the Minister of Education and Science No. 158 of 24.04.2020 (registered "
            "No. 20478), with amendments."
        ),
    ),
)
