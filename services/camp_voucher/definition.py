"""Camp vouchers for pupils of certain categories (seed 004: "list of basic requirements"
of the service, paper and portal checklists).

Checklist: the paper list of seed 004 (6 items); the portal list is the same less the
identity document. The category document depends on the chosen category
(services.common_categories). Term: seed 004 gives none; 5 working days is the digest's
(verify), and the stage split is the portal's (data).
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
    CATEGORIES,
    CHILD_BIRTH_NOT_IN_REGISTRY,
    MARRIAGE_RECORD_NOT_IN_REGISTRY,
    category_items,
)

OFFICE_ONLY = frozenset({Channel.OFFICE, Channel.STATE_CORPORATION})

DEFINITION = ServiceDefinition(
    code="camp_voucher",
    title=_("Camp vouchers"),
    # The official name (seed 004, line 21; the Russian one as in the rules, Order No. 158).
    official_title=_(
        "Acceptance of documents and issue of referrals for a rest in out-of-town and school "
        "camps to certain categories of pupils and wards of state education institutions"
    ),
    summary=_(
        "Acceptance of documents and issue of vouchers for a rest in out-of-town and school "
        "camps to pupils of certain categories."
    ),
    who_may_apply=(
        _(
            "Parents or other legal representatives (individuals) of pupils of state schools "
            "who belong to one of the eligible categories."
        ),
    ),
    provider=_("Education departments of cities and districts, and state schools."),
    provider_kinds=("city_department", "district_department", "school"),
    # Written by the office: the shift the voucher is issued for (issue_voucher).
    decision_answer_keys=("voucher_shift",),
    channels=(Channel.PORTAL, Channel.OFFICE),
    categories=CATEGORIES,
    checklist=(
        ChecklistItem(
            "application",
            # kk: өтініш
            _("Application"),
            # kk (portal): көрсетілетін қызметті алушының ЭЦҚ-мен қол қойылған немесе порталдағы есептік жазбасына ұялы байланыс операторы ұсынған абоненттік нөмір тіркелген жағдайда бір реттік парольмен расталған электрондық өтініш
            note=_(
                "On the portal: an electronic application signed with EDS or confirmed with a "
                "one-time password sent to the phone number registered in your account."
            ),
            is_the_application=True,
        ),
        ChecklistItem(
            "identity_document",
            # kk: жеке басын куәландыратын құжат немесе цифрлық құжаттар сервисінен электрондық құжат (жеке тұлғаны сәйкестендіру үшін талап етіледі)
            _("Identity document or an electronic document from the digital documents service"),
            channels=OFFICE_ONLY,
            note=_("for identification only"),
        ),
        ChecklistItem(
            "birth_certificate",
            # kk: баланың (балалардың) туу туралы куәлігі электрондық нысанда немесе қағаз жеткізгіштегі көшірмесі (АХАТ ақпараттық жүйесінде мәліметтер болмаған жағдайда) не Қазақстан Республикасынан тыс жерде туған болса
            _("Child's birth certificate, electronic or a paper copy"),
            condition=CHILD_BIRTH_NOT_IN_REGISTRY,
        ),
        ChecklistItem(
            "marriage_or_divorce_certificate",
            # kk: неке қию немесе некені бұзу туралы куәліктің көшірмесі (АХАТ ақпараттық жүйесінде мәліметтер болмаған жағдайда)
            _("Copy of the marriage or divorce certificate"),
            condition=MARRIAGE_RECORD_NOT_IN_REGISTRY,
        ),
        ChecklistItem(
            "medical_certificate",
            # kk: Қазақстан Республикасы Денсаулық сақтау министрінің міндетін атқарушының 2020 жылғы 30 қазандағы № ҚР ДСМ-175/2020 бұйрығымен бекітілген № 071/у нысанына сәйкес сауықтыру лагеріне баратын оқушыға арналған медициналық анықтама
            _("Medical certificate for a pupil going to a health camp"),
            note=_(
                "Form No. 071/u approved by order No. KR DSM-175/2020 of 30.10.2020 of the "
                "acting Minister of Healthcare."
            ),
        ),
        # The document confirming the category: one item per category, asked for only
        # when that category is chosen.
        *category_items(CATEGORIES),
    ),
    stages=(
        Stage("completeness_check", _("Completeness check of the documents")),
        Stage("review", _("Review of the category and the documents")),
        Stage("decision", _("Decision: voucher or motivated refusal")),
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
        # kk: қала сыртындағы және мектеп жанындағы лагерьлерде демалыс беруге жолдама
        ResultDocument("camp_voucher", _("Voucher for a rest in an out-of-town or school camp")),
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
